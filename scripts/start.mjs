// `npm start`: the Electron app where an Electron binary is installed; otherwise browser mode on 127.0.0.1
// (same core, same UI), printing the address to open. Extra arguments go to the app (e.g. -- --port 4780).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronSqliteBinding } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  try {
    return { path: require('electron'), reason: null };
  } catch (err) {
    return { path: null, reason: err instanceof Error ? err.message : String(err) };
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = electronBinary();
run(npm, ['run', '--silent', 'build']);
const extra = process.argv.slice(2);
let child;
if (electron.path) {
  const env = { ...process.env, EVIDENCE_DESK_SQLITE_BINDING: electronSqliteBinding() };
  child = spawn(electron.path, [root, ...extra], { cwd: root, stdio: 'inherit', env });
} else {
  console.log(`No Electron binary here (${electron.reason}); starting browser mode instead.`);
  child = spawn(process.execPath, [path.join(root, 'dist', 'main', 'web.mjs'), ...extra], {
    cwd: root,
    stdio: 'inherit',
  });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
