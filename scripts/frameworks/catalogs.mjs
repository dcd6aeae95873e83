// Shared by the framework maintenance scripts: where the catalogs and the built-in checks are.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The three built-in framework ids, in the order hints are written. */
export const FRAMEWORKS = ['soc2-2017', 'pci-dss-4.0.1', 'iso27001-2022'];

/** The repository root: --root <dir>, or the one this script lives in. */
export function repoRoot(args) {
  const i = args.indexOf('--root');
  if (i >= 0 && args[i + 1]) return path.resolve(args[i + 1]);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function catalogFiles(root) {
  return Object.fromEntries(FRAMEWORKS.map((f) => [f, path.join(root, 'main', 'frameworks', `${f}.json`)]));
}

/** Every built-in check file (main/checks/<provider>/<service>/<id>.sql). */
export function checkFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.sql')) out.push(p);
    }
  };
  walk(path.join(root, 'main', 'checks'));
  return out.sort();
}
