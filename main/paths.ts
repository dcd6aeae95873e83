// Where the app's own files live. Data files (migrations, framework catalogs, evidence templates) are read at
// run time from the app root so they stay editable data and work the same from source (tsx, vitest), from the
// esbuild bundle in dist/, and from a packaged app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | null = null;

export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'main', 'store', 'migrations'))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Evidence Desk could not find its app folder above ${here}`);
    dir = parent;
  }
}

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The analyst's workspace folder: EVIDENCE_DESK_DATA overrides (tests, portable use). */
export function defaultDataDir(): string {
  if (process.env.EVIDENCE_DESK_DATA) return path.resolve(process.env.EVIDENCE_DESK_DATA);
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Application Support')
        : (process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'));
  return path.join(base, 'evidence-desk');
}
