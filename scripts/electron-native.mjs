// better-sqlite3 in node_modules is built for Node (tests, CLI). Electron needs its own ABI, so build a copy
// once per Electron version under .electron-native/ and hand its path to the app (EVIDENCE_DESK_SQLITE_BINDING,
// read by main/store/db.ts); node_modules stays as it is. Used by `npm start` and the Electron e2e test.
// Run directly, it prints the binding's path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronSqliteBinding() {
  const version = require('electron/package.json').version;
  const dir = path.join(root, '.electron-native', version);
  const binding = path.join(dir, 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  process.stderr.write(`Building the SQLite module for Electron ${version} (once)...\n`);
  const work = path.join(dir, 'better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  fs.cpSync(source, work, {
    recursive: true,
    filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build',
  });
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [
    'rebuild',
    '--release',
    `--target=${version}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ];
  // stdout is this script's answer when run directly, so the build's output goes to stderr.
  const r = spawnSync(process.execPath, [gyp, ...args], { cwd: work, stdio: ['ignore', 2, 2] });
  if (r.status !== 0)
    throw new Error(`building better-sqlite3 for Electron ${version} failed (node-gyp exit ${r.status})`);
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
  return binding;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.write(`${electronSqliteBinding()}\n`);
}
