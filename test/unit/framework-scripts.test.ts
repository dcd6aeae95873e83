// The framework maintenance scripts (scripts/frameworks/): merge-mappings.mjs rewrites the catalogs' mappings of
// the checks given, sync-hints.mjs makes each check file's `frameworks:` hints equal the catalogs. Both run on a
// copy of the catalogs and checks, never on the tree.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..', '..');
const CHECK = 'main/checks/aws/s3/s3_bucket_acl_prohibited.sql';
let root: string;

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(repo, 'scripts', 'frameworks', script), ...args, '--root', root], {
    encoding: 'utf8',
  });
const catalog = (id: string) =>
  JSON.parse(fs.readFileSync(path.join(root, 'main', 'frameworks', `${id}.json`), 'utf8')) as {
    controls: { id: string; testable: string; checks: { id: string; rationale: string }[] }[];
  };
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-fw-scripts-'));
  for (const dir of ['main/frameworks', 'main/checks'])
    fs.cpSync(path.join(repo, dir), path.join(root, dir), { recursive: true });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('sync-hints.mjs', () => {
  it('finds the tree in agreement, then a drifted hint, and rewrites it in catalog order', () => {
    expect(run('sync-hints.mjs', '--check').status).toBe(0);
    const original = read(CHECK);
    fs.writeFileSync(
      path.join(root, CHECK),
      original.replace(/^ {2}soc2-2017: \[.*\]$/m, '  soc2-2017: [CC9.9]'),
    );
    const drift = run('sync-hints.mjs', '--check');
    expect(drift.status).toBe(1);
    expect(drift.stderr).toContain(CHECK);
    expect(read(CHECK)).toContain('CC9.9'); // --check changes nothing
    expect(run('sync-hints.mjs').status).toBe(0);
    expect(read(CHECK)).toBe(original);
  });

  it('writes frameworks: {} for a check no catalog maps', () => {
    for (const id of ['soc2-2017', 'pci-dss-4.0.1', 'iso27001-2022']) {
      const doc = catalog(id);
      for (const c of doc.controls) c.checks = c.checks.filter((m) => m.id !== 's3_bucket_acl_prohibited');
      fs.writeFileSync(path.join(root, 'main', 'frameworks', `${id}.json`), JSON.stringify(doc));
    }
    expect(run('sync-hints.mjs').status).toBe(0);
    expect(read(CHECK)).toMatch(/^frameworks: \{\}\n--- \*\//m);
  });
});

describe('merge-mappings.mjs', () => {
  it("replaces a check's mappings, derives testable, and refuses an unknown control writing nothing", () => {
    const input = path.join(root, 'mappings.json');
    fs.writeFileSync(
      input,
      JSON.stringify({
        s3_bucket_acl_prohibited: {
          'soc2-2017': { 'CC6.6': 'Shows no bucket grants access through legacy ACLs' },
        },
      }),
    );
    const r = run('merge-mappings.mjs', input);
    expect(r.status, r.stderr).toBe(0);
    const soc2 = catalog('soc2-2017');
    const holders = soc2.controls.filter((c) => c.checks.some((m) => m.id === 's3_bucket_acl_prohibited'));
    expect(holders.map((c) => c.id)).toEqual(['CC6.6']);
    // Listed with nothing for ISO: its ISO mappings are gone, and a control left with no check is manual.
    expect(
      catalog('iso27001-2022').controls.some((c) =>
        c.checks.some((m) => m.id === 's3_bucket_acl_prohibited'),
      ),
    ).toBe(false);
    for (const c of soc2.controls) if (c.checks.length === 0) expect(c.testable).toBe('manual');

    const before = read('main/frameworks/soc2-2017.json');
    fs.writeFileSync(
      input,
      JSON.stringify({
        s3_bucket_acl_prohibited: { 'soc2-2017': { 'CC99.1': 'Shows nothing at all here' } },
      }),
    );
    const bad = run('merge-mappings.mjs', input);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('soc2-2017 has no control CC99.1');
    expect(read('main/frameworks/soc2-2017.json')).toBe(before);
  });
});
