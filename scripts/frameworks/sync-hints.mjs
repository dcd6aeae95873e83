// Writes each built-in check's `frameworks:` header from the catalogs (main/frameworks/<framework>.json, the
// source of truth), controls in catalog order, a framework line only where the check maps to something, and
// `frameworks: {}` where it maps to nothing. test/unit/frameworks.test.ts requires the two to agree.
//
//   node scripts/frameworks/sync-hints.mjs [--check] [--root <repo>]
//
// --check changes nothing and exits 1 listing the checks whose hints differ.
import fs from 'node:fs';
import path from 'node:path';
import { FRAMEWORKS, catalogFiles, checkFiles, repoRoot } from './catalogs.mjs';

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const root = repoRoot(args);

const mapped = new Map(); // check id -> framework -> [control ids in catalog order]
for (const [framework, file] of Object.entries(catalogFiles(root))) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const control of doc.controls)
    for (const m of control.checks ?? []) {
      const byFramework = mapped.get(m.id) ?? {};
      (byFramework[framework] ??= []).push(control.id);
      mapped.set(m.id, byFramework);
    }
}

// The header's frameworks block: the key line and its indented entries, up to the header's end.
const BLOCK = /^frameworks:[^\n]*\n(?:[ \t]+[^\n]*\n)*/m;
const differing = [];
for (const file of checkFiles(root)) {
  const text = fs.readFileSync(file, 'utf8');
  const id = /^id:\s*(\S+)/m.exec(text)?.[1];
  if (!id) continue;
  const byFramework = mapped.get(id) ?? {};
  const lines = FRAMEWORKS.filter((f) => byFramework[f]?.length).map(
    (f) => `  ${f}: [${byFramework[f].join(', ')}]\n`,
  );
  const block = lines.length > 0 ? `frameworks:\n${lines.join('')}` : 'frameworks: {}\n';
  const end = text.indexOf('--- */');
  const header = end >= 0 ? text.slice(0, end) : text;
  const next = BLOCK.test(header)
    ? header.replace(BLOCK, block) + text.slice(header.length)
    : header + block + text.slice(header.length);
  if (next === text) continue;
  differing.push(path.relative(root, file));
  if (!checkOnly) fs.writeFileSync(file, next);
}
if (checkOnly && differing.length > 0) {
  console.error(`frameworks: hints differ from the catalogs in:\n  ${differing.join('\n  ')}`);
  process.exit(1);
}
console.log(
  checkOnly
    ? 'every frameworks: hint agrees with the catalogs'
    : `rewrote the frameworks: hints of ${differing.length} check(s)`,
);
