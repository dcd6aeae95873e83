// Replaces the framework mappings of some checks in the catalogs (main/frameworks/<framework>.json) with the
// ones given, and derives each control's `testable` from what it then has. The catalogs are the source of truth
// for built-in mappings (docs/frameworks.md); after merging, run sync-hints.mjs so the check files' `frameworks:`
// hints agree again.
//
//   node scripts/frameworks/merge-mappings.mjs <mappings.json> [--root <repo>]
//
// mappings.json: { "<check id>": { "<framework id>": { "<control id>": "<one-line rationale>" } } }
// A check listed with no control for a framework loses its mappings there. Refuses (exit 1, nothing written)
// an unknown framework or control, and a rationale shorter than 20 characters.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { catalogFiles, repoRoot } from './catalogs.mjs';

const args = process.argv.slice(2);
const input = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--root');
if (!input) {
  console.error('usage: node scripts/frameworks/merge-mappings.mjs <mappings.json> [--root <repo>]');
  process.exit(2);
}
const root = repoRoot(args);
const wanted = JSON.parse(fs.readFileSync(input, 'utf8'));
const files = catalogFiles(root);
const errors = [];
for (const [check, byFramework] of Object.entries(wanted))
  for (const framework of Object.keys(byFramework))
    if (!files[framework]) errors.push(`unknown framework ${framework} (check ${check})`);

const docs = {};
for (const [framework, file] of Object.entries(files)) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const c of doc.controls) c.checks = (c.checks ?? []).filter((m) => !(m.id in wanted));
  for (const [check, byFramework] of Object.entries(wanted))
    for (const [control, rationale] of Object.entries(byFramework[framework] ?? {})) {
      const c = doc.controls.find((x) => x.id === control);
      if (!c) errors.push(`${framework} has no control ${control} (check ${check})`);
      else if (typeof rationale !== 'string' || rationale.trim().length < 20)
        errors.push(
          `${check} -> ${framework} ${control}: the rationale must say in a sentence what it shows`,
        );
      else c.checks.push({ id: check, rationale });
    }
  // What a control can be tested by follows from what it has: checks only, checks and requests, or requests.
  for (const c of doc.controls) {
    const manual = (c.manualEvidence ?? []).length > 0;
    c.testable = c.checks.length === 0 ? 'manual' : manual ? 'partial' : 'automated';
  }
  docs[file] = doc;
}
if (errors.length > 0) {
  console.error(errors.join('\n'));
  process.exit(1);
}
for (const [file, doc] of Object.entries(docs)) fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
const prettier = path.join(root, 'node_modules', '.bin', 'prettier');
if (fs.existsSync(prettier))
  execFileSync(prettier, ['--write', ...Object.keys(docs)], { cwd: root, stdio: 'ignore' });
console.log(
  `merged the mappings of ${Object.keys(wanted).length} check(s); now run scripts/frameworks/sync-hints.mjs`,
);
