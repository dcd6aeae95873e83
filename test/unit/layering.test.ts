// Layers point one way (docs/ARCHITECTURE.md): main/collect never imports main/demo (the demo plugs itself into
// the connection registry), and main/store never imports main/collect (the row types it stores live in
// main/core/evidence-rows.ts). Scans every import / export-from / dynamic import of those folders, so a
// forbidden import fails here whatever file it is added to.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../../main/paths';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  });
}

const IMPORT =
  /(?:\bimport\s[^'"]*?from\s*|\bexport\s[^'"]*?from\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** Every module specifier a file imports, resolved to a path relative to the repository root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1];
    if (!spec.startsWith('.')) continue;
    out.push(
      path
        .relative(appRoot(), path.resolve(path.dirname(file), spec))
        .split(path.sep)
        .join('/'),
    );
  }
  return out;
}

function violations(from: string, forbidden: string): string[] {
  return sourceFiles(path.join(appRoot(), from)).flatMap((file) =>
    importsOf(file)
      .filter((target) => target === forbidden || target.startsWith(`${forbidden}/`))
      .map((target) => `${path.relative(appRoot(), file)} imports ${target}`),
  );
}

describe('layering', () => {
  it('finds imports in every form it scans for', () => {
    const probe = path.join(appRoot(), 'main', 'collect', 'targets.ts');
    expect(importsOf(probe)).toEqual(expect.arrayContaining(['main/collect/connection-registry']));
    expect(
      [
        "import { a } from '../demo/x';",
        "import type { b } from '../demo/y';",
        "export { c } from '../demo/z';",
        "const d = await import('../demo/w');",
        "import '../demo/side-effect';",
      ].flatMap((line) => [...line.matchAll(IMPORT)].map((m) => m[1])),
    ).toEqual(['../demo/x', '../demo/y', '../demo/z', '../demo/w', '../demo/side-effect']);
  });

  it('main/collect never imports main/demo', () => {
    expect(violations('main/collect', 'main/demo')).toEqual([]);
  });

  it('main/store never imports main/collect', () => {
    expect(violations('main/store', 'main/collect')).toEqual([]);
  });
});
