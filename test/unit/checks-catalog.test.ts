// The built-in check pack: one file per check in the documented layout, each runnable unchanged in the sqlite3
// shell with the same answer as the app, and a catalog version an auditor can recompute with sha256sum.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks, builtinCatalog, CATALOG_VERSION, getCheck, packRoot } from '../../main/checks/catalog';
import { runCheck } from '../../main/checks/engine';
import { loadCheckCatalog } from '../../main/checks/workspace-catalog';
import { loadFrameworks } from '../../main/frameworks/catalog';
import { CheckInfo, FrameworkId } from '../../shared/domain';
import { CHECK_FIXTURES } from '../helpers/check-fixtures';
import { FIXTURE_STARTED_AT, makeSnapshot } from '../helpers/snapshot-fixture';

describe('check catalog', () => {
  it('has unique snake_case ids and a valid CheckInfo for every check', () => {
    const ids = allChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of allChecks) {
      expect(check.id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)+$/);
      expect(() => CheckInfo.parse(check)).not.toThrow();
      expect(getCheck(check.id)).toBe(check);
      expect(check.origin).toBe('builtin');
    }
    // The coverage the AWS catalog promises (Prowler-class for SOC 2 / PCI DSS / ISO 27001).
    expect(allChecks.filter((c) => c.provider === 'aws').length).toBeGreaterThanOrEqual(90);
  });

  it('keeps each check in its own file at checks/<provider>/<service>/<id>.sql, read byte for byte', () => {
    for (const c of allChecks) {
      expect(c.file).toBe(`checks/${c.provider}/${c.service}/${c.id}.sql`);
      const onDisk = fs.readFileSync(path.join(packRoot(), c.file));
      expect(onDisk.equals(Buffer.from(c.bytes)), c.file).toBe(true);
      expect(onDisk.toString('utf8').trimEnd().endsWith(c.sql), c.file).toBe(true);
    }
  });

  it('gives every check a rationale, console, CLI and Terraform remediation and an https reference', () => {
    for (const c of allChecks) {
      expect(c.rationale.length, c.id).toBeGreaterThan(40);
      expect(c.remediation.console.trim(), `${c.id} console`).not.toBe('');
      expect(c.remediation.cli.trim(), `${c.id} cli`).not.toBe('');
      expect(c.remediation.terraform.trim(), `${c.id} terraform`).not.toBe('');
      expect(c.references.length, `${c.id} references`).toBeGreaterThan(0);
      for (const r of c.references) expect(r.url, c.id).toMatch(/^https:\/\//);
    }
  });

  it('states framework hints that agree with the framework catalogs, control for control', () => {
    const frameworks = loadFrameworks();
    for (const c of allChecks) {
      for (const fw of frameworks) {
        const mapped = fw.controls
          .filter((ctl) => ctl.checks.some((m) => m.id === c.id))
          .map((ctl) => ctl.id);
        expect(c.frameworks[fw.id] ?? [], `${c.id} in ${fw.id}`).toEqual(mapped);
      }
      for (const key of Object.keys(c.frameworks)) expect(FrameworkId.options).toContain(key);
    }
  });

  it('runs every check SQL on an empty snapshot and returns no rows', () => {
    const fx = makeSnapshot({ resources: [], checks: [] });
    try {
      for (const c of allChecks)
        expect(runCheck(fx.db, c, fx.snapshotId, '2025-01-01T00:00:00.000Z'), c.id).toEqual([]);
    } finally {
      fx.close();
    }
  });

  it('uses @snapshot_id in every check and never the wall clock', () => {
    for (const c of allChecks) {
      expect(c.sql, c.id).toContain('@snapshot_id');
      expect(c.sql.toLowerCase(), c.id).not.toMatch(/'now'|current_timestamp|current_date/);
    }
  });
});

describe('every shipped check file runs unchanged in the sqlite3 shell', () => {
  // One snapshot per fixture case; the sqlite3 shell reads the very file the app loaded, parameters set as
  // VERIFY.txt tells an auditor, and must return what the engine stored.
  for (const check of allChecks) {
    it(check.id, () => {
      const fixtures = CHECK_FIXTURES[check.id];
      expect(fixtures, `fixtures for ${check.id} (test/helpers/check-fixtures.ts)`).toBeDefined();
      for (const [name, c] of Object.entries(fixtures)) {
        const fx = makeSnapshot({ resources: c.resources, gaps: c.gaps, checks: [check] });
        try {
          const stored = fx.findings(check.id).map((f) => ({
            resource_uid: f.resourceUid,
            status: f.status,
            reason: f.reason,
            evidence: f.evidence,
          }));
          fx.db.close();
          const out = execFileSync(
            'sqlite3',
            [
              '-readonly',
              '-json',
              path.join(fx.dir, 'workspace.sqlite'),
              '-cmd',
              `.parameter set @snapshot_id "'${fx.snapshotId}'"`,
              '-cmd',
              `.parameter set @as_of "'${FIXTURE_STARTED_AT}'"`,
            ],
            { input: fs.readFileSync(path.join(packRoot(), check.file)), encoding: 'utf8' },
          );
          const rows = (JSON.parse(out) as Record<string, string>[]).map((r) => ({
            ...r,
            evidence: JSON.parse(r.evidence) as unknown,
          }));
          // A query promises a population, not an order: compare both sides in resource order.
          const uid = (r: object) => String((r as { resource_uid?: unknown }).resource_uid);
          const byUid = (a: object, b: object) => uid(a).localeCompare(uid(b));
          expect(rows.sort(byUid), `${check.id} (${name})`).toEqual(stored.sort(byUid));
          expect(rows.length, `${check.id} (${name})`).toBeGreaterThan(0);
        } finally {
          fx.close();
        }
      }
    });
  }
});

describe('catalog version', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-pack-'));
  });
  afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('is "sha256:" + sha256sum of the sorted sha256sum listing of every check and framework file', () => {
    // The recipe exactly as docs/check-format.md gives it to an auditor, run by coreutils, not by our code.
    const recomputed = execFileSync(
      'sh',
      [
        '-c',
        "find checks frameworks -type f \\( -name '*.sql' -o -name '*.json' \\) | LC_ALL=C sort | xargs sha256sum | sha256sum",
      ],
      { cwd: packRoot(), encoding: 'utf8' },
    ).split(' ')[0];
    expect(recomputed).toMatch(/^[0-9a-f]{64}$/);
    expect(CATALOG_VERSION).toBe(`sha256:${recomputed}`);
    expect(builtinCatalog().catalogVersion).toBe(CATALOG_VERSION);
    // A workspace without custom checks runs exactly the built-in pack.
    expect(loadCheckCatalog(workspace).catalogVersion).toBe(CATALOG_VERSION);
  });

  it('changes with any custom check or mapping, and back when they are removed', () => {
    const dir = path.join(workspace, 'checks');
    fs.mkdirSync(dir, { recursive: true });
    const builtin = fs.readFileSync(
      path.join(packRoot(), 'checks/aws/s3/s3_bucket_object_versioning.sql'),
      'utf8',
    );
    const custom = builtin.replaceAll('s3_bucket_object_versioning', 'custom_versioning');
    fs.writeFileSync(path.join(dir, 'custom_versioning.sql'), custom);
    const withCheck = loadCheckCatalog(workspace);
    expect(withCheck.problems).toEqual([]);
    expect(withCheck.catalogVersion).not.toBe(CATALOG_VERSION);

    fs.writeFileSync(
      path.join(dir, 'custom_versioning.sql'),
      custom.replace('severity: medium', 'severity: high'),
    );
    const edited = loadCheckCatalog(workspace);
    expect(edited.catalogVersion).not.toBe(withCheck.catalogVersion);

    fs.writeFileSync(
      path.join(dir, 'mappings.yaml'),
      'mappings:\n  custom_versioning:\n    soc2-2017: [CC6.1]\n',
    );
    const mapped = loadCheckCatalog(workspace);
    expect(mapped.problems).toEqual([]);
    expect(mapped.catalogVersion).not.toBe(edited.catalogVersion);
    expect(mapped.packFiles.map((f) => f.path)).toContain('checks/custom/mappings.yaml');

    fs.rmSync(dir, { recursive: true });
    expect(loadCheckCatalog(workspace).catalogVersion).toBe(CATALOG_VERSION);
  });
});
