// Threat: a custom check is SQL the analyst (or whoever can write to <workspace>/checks, or whoever shared a
// "check pack" with them) drops into the workspace, and the app runs it on the workspace's own connection,
// inside the transaction that seals a snapshot. A check that writes could add a trusted signer, rewrite
// findings before the seal, ATTACH another file or flip a PRAGMA; a symlinked check file would ship whatever
// it points at in a signed package; a custom file reusing a built-in id would pass off its logic as ours.
//
// Proof: every such file is refused when the catalog is loaded (a problem naming the file, the built-in checks
// unaffected), and a writing statement that reaches the engine anyway is refused right before it runs: a
// custom one becomes an 'error' finding, a built-in one stops the evaluation; in both cases nothing is written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot } from '../../main/checks/engine';
import { loadCheckCatalog } from '../../main/checks/workspace-catalog';
import { openDatabase, type Db } from '../../main/store/db';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import { awsResource, testCheck } from '../helpers/snapshot-fixture';

const HEADER = (id: string) => `/* ---
id: ${id}
title: Hostile check
severity: low
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: Pretends to be a check.
remediation: { console: '-', cli: '-', terraform: '-' }
references: []
--- */`;

// Each is valid YAML and mentions @snapshot_id; only what the SQL does is wrong.
const HOSTILE: Record<string, string> = {
  // Starts like a query and, through RETURNING, returns the four columns like one; better-sqlite3's all()
  // would run the INSERT. Only SQLite's own read-only flag gives it away.
  custom_insert_signer: `WITH src AS (SELECT printf('%064d', 0) AS fp)
    INSERT INTO trusted_signers (fingerprint, name, added_at, added_by, added_how)
    SELECT fp, 'attacker', '2025-01-01', 'x', 'x' FROM src WHERE @snapshot_id IS NOT NULL
    RETURNING fingerprint AS resource_uid, 'pass' AS status, name AS reason, '{}' AS evidence`,
  custom_plain_insert: `INSERT INTO trusted_signers (fingerprint, name, added_at, added_by, added_how)
    SELECT printf('%064d', 1), 'attacker', '2025-01-01', 'x', 'x' WHERE @snapshot_id IS NOT NULL`,
  custom_cte_delete: `WITH doomed AS (SELECT 1) DELETE FROM findings WHERE snapshot_id = @snapshot_id`,
  custom_update: `UPDATE resources SET config = '{}' WHERE snapshot_id = @snapshot_id`,
  custom_attach: `ATTACH DATABASE '/tmp/evidence-desk-hostile.db' AS x -- @snapshot_id`,
  custom_pragma: `PRAGMA writable_schema = 1 -- @snapshot_id`,
};

/** A read-only SELECT that would load native code for each row: SQLite refuses it when it first runs. */
const LOAD_EXTENSION = `SELECT uid AS resource_uid, 'pass' AS status, load_extension('/tmp/x.so') AS reason,
    '{}' AS evidence FROM resources WHERE snapshot_id = @snapshot_id`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-hostile-checks-'));
  fs.mkdirSync(path.join(dir, 'checks'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('custom check files that could write are refused when loaded', () => {
  it('refuses every writing or escaping statement and keeps exactly the built-in checks', () => {
    for (const [id, sql] of Object.entries(HOSTILE)) {
      fs.writeFileSync(path.join(dir, 'checks', `${id}.sql`), `${HEADER(id)}\n${sql};\n`);
    }
    const catalog = loadCheckCatalog(dir);
    expect(catalog.checks.map((c) => c.id)).toEqual(allChecks.map((c) => c.id));
    expect(catalog.catalogVersion).toBe(CATALOG_VERSION);
    expect(catalog.problems.map((p) => p.file).sort()).toEqual(
      Object.keys(HOSTILE)
        .map((id) => `checks/${id}.sql`)
        .sort(),
    );
    for (const p of catalog.problems) {
      expect(p.message, p.file).toMatch(/field "sql": .*read-only SELECT/);
    }
  });

  it('does not follow symbolic links, so nothing outside the folder is read or shipped', () => {
    const outside = path.join(dir, 'outside.sql');
    fs.writeFileSync(outside, `${HEADER('custom_linked')}\nSELECT 1 -- @snapshot_id\n`);
    fs.symlinkSync(outside, path.join(dir, 'checks', 'custom_linked.sql'));
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'checks', 'linked-folder'));
    const catalog = loadCheckCatalog(dir);
    expect(catalog.checks.some((c) => c.origin === 'custom')).toBe(false);
    expect(catalog.problems).toEqual([
      { file: 'checks/custom_linked.sql', message: expect.stringContaining('symbolic link') },
      { file: 'checks/linked-folder', message: expect.stringContaining('symbolic link') },
    ]);
  });

  it('refuses a custom file that reuses a built-in id, so the built-in check keeps its own logic', () => {
    const id = 'iam_root_mfa_enabled';
    fs.writeFileSync(
      path.join(dir, 'checks', `${id}.sql`),
      `${HEADER(id)}\nSELECT uid AS resource_uid, 'pass' AS status, 'ok' AS reason, '{}' AS evidence FROM resources WHERE snapshot_id = @snapshot_id;\n`,
    );
    const catalog = loadCheckCatalog(dir);
    const kept = catalog.checks.filter((c) => c.id === id);
    expect(kept).toHaveLength(1);
    expect(kept[0].origin).toBe('builtin');
    expect(kept[0].file).toBe('checks/aws/iam/iam_root_mfa_enabled.sql');
    expect(catalog.problems[0].message).toMatch(/is the id of the built-in check/);
  });
});

describe('a writing statement that reaches the engine is refused before it runs', () => {
  let db: Db;
  let snapshotId: string;
  const counts = () =>
    db
      .prepare(
        `SELECT (SELECT count(*) FROM trusted_signers) AS signers, (SELECT count(*) FROM findings) AS findings,
                (SELECT count(*) FROM resources WHERE config = '{}') AS blanked`,
      )
      .get();

  beforeEach(() => {
    db = openDatabase(path.join(dir, 'workspace.sqlite'));
    snapshotId = crypto.randomUUID();
    createRunningSnapshot(db, {
      id: snapshotId,
      connection: 'test',
      provider: 'aws',
      startedAt: '2025-06-30T00:00:00.000Z',
      toolVersion: 'test',
      catalogVersion: 'test',
    });
  });
  afterEach(() => db.close());

  // Built through the real parser, but never through the load-time dry run: as if that check were bypassed.
  const hostile = (origin: 'builtin' | 'custom', id: string, sql: string) =>
    testCheck({
      id,
      origin,
      service: 's3',
      title: 'Hostile',
      severity: 'low',
      resourceType: 'AWS::S3::Bucket',
      rationale: 'Pretends to be a check.',
      remediation: { console: '-', cli: '-', terraform: '-' },
      sql,
    });
  const writer = (origin: 'builtin' | 'custom') =>
    hostile(origin, 'custom_insert_signer', HOSTILE.custom_insert_signer);
  const seal = (checks: ReturnType<typeof writer>[]) =>
    sealSnapshot(
      db,
      snapshotId,
      { account: '111122223333', identity: 'arn:aws:iam::111122223333:user/t', regions: ['us-east-1'] },
      {
        resources: [awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b', { Name: 'b' }, { name: 'b' })],
        raws: [],
        gaps: [],
      },
      (tx, id) => evaluateSnapshot(tx, id, checks, 'test-version'),
    );

  it('turns a custom one into an error finding and writes nothing else', () => {
    const before = counts();
    seal([writer('custom')]);
    expect(counts()).toEqual({ ...(before as object), findings: 1 });
    const finding = db.prepare('SELECT resource_uid, status, reason FROM findings').get() as Record<
      string,
      string
    >;
    expect(finding).toMatchObject({ resource_uid: 'check:custom_insert_signer', status: 'error' });
    expect(finding.reason).toMatch(
      /read-only SELECT; this statement would change the database; it was not run/,
    );
  });

  it('never loads native code: load_extension is refused by SQLite and recorded as an error', () => {
    seal([hostile('custom', 'custom_load_extension', LOAD_EXTENSION)]);
    const finding = db.prepare('SELECT resource_uid, status, reason FROM findings').get() as Record<
      string,
      string
    >;
    expect(finding).toMatchObject({ resource_uid: 'check:custom_load_extension', status: 'error' });
    expect(finding.reason).toMatch(/not authorized/);
  });

  it('stops the evaluation for a built-in one (a defect), leaving nothing behind', () => {
    const before = counts();
    expect(() => seal([writer('builtin')])).toThrow(/read-only SELECT/);
    expect(counts()).toEqual(before);
  });
});
