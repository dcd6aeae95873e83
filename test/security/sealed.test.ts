// Threat: rows could be INSERTed into findings/evaluations of a complete snapshot and shipped in a validly
// signed package. Now no row may be added to, changed in or removed from a sealed snapshot or a sealed
// evaluation, table by table; a later catalog version gets a NEW evaluation, written and sealed in one
// transaction, and an export ships the evaluation of the very checks it ships.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateSnapshot } from '../../main/checks/engine';
import type { CheckDefinition } from '../../main/checks/types';
import { openDatabase, type Db } from '../../main/store/db';
import { computeEvaluationHash } from '../../main/store/content-hash';
import {
  createRunningSnapshot,
  endSnapshotUnsuccessfully,
  sealSnapshot,
} from '../../main/store/snapshots-repo';
import { awsResource, testCheck } from '../helpers/snapshot-fixture';

const CHECK: CheckDefinition = testCheck({
  id: 'test_bucket_named',
  provider: 'aws',
  service: 's3',
  title: 'Bucket has a name',
  severity: 'low',
  resourceType: 'AWS::S3::Bucket',
  rationale: 'test',
  remediation: { console: '-', cli: '-', terraform: '-' },
  sql: `SELECT uid AS resource_uid, CASE WHEN name <> '' THEN 'pass' ELSE 'fail' END AS status, 'named' AS reason,
        '{}' AS evidence FROM resources WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'`,
});

let dir: string;
let db: Db;
let snapshotId: string;
let evaluationId: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-sealed-'));
  db = openDatabase(path.join(dir, 'workspace.sqlite'));
  snapshotId = crypto.randomUUID();
  createRunningSnapshot(db, {
    id: snapshotId,
    connection: 'test',
    provider: 'aws',
    startedAt: '2025-06-30T00:00:00.000Z',
    toolVersion: 'test',
    catalogVersion: 'v1',
  });
  sealSnapshot(
    db,
    snapshotId,
    { account: '111122223333', identity: 'arn:aws:iam::111122223333:user/t', regions: ['us-east-1'] },
    {
      resources: [awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b1', { Name: 'b1' })],
      raws: [
        {
          service: 's3',
          region: 'us-east-1',
          operation: 'ListBuckets',
          params: {},
          response: { Buckets: [] },
        },
      ],
      gaps: [
        {
          service: 's3',
          region: 'us-east-1',
          operation: 'GetBucketPolicy',
          code: 'AccessDenied',
          message: 'no',
        },
      ],
      redactions: [{ target: 'arn:aws:s3:::b1', count: 1, kinds: ['key-name'] }],
    },
    (tx, id) => {
      evaluationId = evaluateSnapshot(tx, id, [CHECK], 'v1');
    },
  );
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const IMMUTABLE = /evidence is immutable/;

describe('a sealed snapshot: nothing added, changed or removed, table by table', () => {
  const cases: { table: string; insert: () => void; update: string; remove: string }[] = [
    {
      table: 'snapshots',
      insert: () => {
        /* a new snapshot is a new row, not a change to this one: covered by update/delete */
      },
      update: `UPDATE snapshots SET account = 'x'`,
      remove: `DELETE FROM snapshots`,
    },
    {
      table: 'resources',
      insert: () =>
        db
          .prepare(
            `INSERT INTO resources (snapshot_id, uid, provider, service, type, region, name, tags, config, sha256)
             VALUES (?, 'arn:aws:s3:::forged', 'aws', 's3', 'AWS::S3::Bucket', 'us-east-1', 'forged', '{}', '{}', 'x')`,
          )
          .run(snapshotId),
      update: `UPDATE resources SET config = '{"Forged":true}'`,
      remove: `DELETE FROM resources`,
    },
    {
      table: 'raw_responses',
      insert: () =>
        db
          .prepare(
            `INSERT INTO raw_responses (snapshot_id, seq, service, region, operation, params, response, sha256)
             VALUES (?, 99, 's3', 'us-east-1', 'ListBuckets', '{}', '{}', 'x')`,
          )
          .run(snapshotId),
      update: `UPDATE raw_responses SET response = '{}'`,
      remove: `DELETE FROM raw_responses`,
    },
    {
      table: 'collection_errors',
      insert: () =>
        db
          .prepare(
            `INSERT INTO collection_errors (snapshot_id, seq, service, region, operation, code, message)
             VALUES (?, 99, 's3', 'us-east-1', 'X', 'AccessDenied', 'forged')`,
          )
          .run(snapshotId),
      update: `UPDATE collection_errors SET code = 'Fine'`,
      remove: `DELETE FROM collection_errors`,
    },
    {
      table: 'redactions',
      insert: () =>
        db
          .prepare(`INSERT INTO redactions (snapshot_id, target, count, kinds) VALUES (?, 'x', 1, '[]')`)
          .run(snapshotId),
      update: `UPDATE redactions SET count = 7`,
      remove: `DELETE FROM redactions`,
    },
    {
      table: 'findings',
      insert: () =>
        db
          .prepare(
            `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
             VALUES (?, ?, 'test_bucket_named', 'arn:aws:s3:::forged', 'pass', 'forged', '{}')`,
          )
          .run(evaluationId, snapshotId),
      update: `UPDATE findings SET status = 'fail'`,
      remove: `DELETE FROM findings`,
    },
    {
      table: 'evaluations',
      insert: () =>
        db
          .prepare(
            `INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at, sealed_at, findings_sha256)
             VALUES ('forged', ?, 'v9', '2099-01-01', '2099-01-01', ?)`,
          )
          .run(snapshotId, '0'.repeat(64)),
      update: `UPDATE evaluations SET findings_sha256 = '${'1'.repeat(64)}'`,
      remove: `DELETE FROM evaluations`,
    },
  ];

  for (const c of cases) {
    it(`${c.table}: INSERT, UPDATE and DELETE are refused`, () => {
      const before = db.prepare(`SELECT count(*) AS n FROM ${c.table}`).get() as { n: number };
      expect(before.n, `${c.table} has a row to attack`).toBeGreaterThan(0);
      if (c.table !== 'snapshots') expect(c.insert).toThrow(IMMUTABLE);
      expect(() => db.exec(c.update)).toThrow(IMMUTABLE);
      expect(() => db.exec(c.remove)).toThrow(IMMUTABLE);
      expect(db.prepare(`SELECT count(*) AS n FROM ${c.table}`).get()).toEqual(before);
    });
  }

  it('a failed snapshot is sealed too: no rows can be added to it', () => {
    const failed = crypto.randomUUID();
    createRunningSnapshot(db, {
      id: failed,
      connection: 'test',
      provider: 'aws',
      startedAt: '2025-06-30T00:00:00.000Z',
      toolVersion: 'test',
      catalogVersion: 'v1',
    });
    endSnapshotUnsuccessfully(db, failed, 'failed', 'test');
    expect(() =>
      db
        .prepare(
          `INSERT INTO resources (snapshot_id, uid, provider, service, type, region, name, tags, config, sha256)
           VALUES (?, 'u', 'aws', 's3', 'T', 'r', 'n', '{}', '{}', 'x')`,
        )
        .run(failed),
    ).toThrow(IMMUTABLE);
    expect(() => db.prepare(`DELETE FROM snapshots WHERE id = ?`).run(failed)).toThrow(IMMUTABLE);
  });
});

describe('evaluations are written unsealed and sealed in one transaction', () => {
  it('the seal-time evaluation is sealed with the hash of its findings', () => {
    const row = db
      .prepare('SELECT sealed_at, findings_sha256 FROM evaluations WHERE id = ?')
      .get(evaluationId) as {
      sealed_at: string | null;
      findings_sha256: string | null;
    };
    expect(row.sealed_at).toBeTruthy();
    expect(row.findings_sha256).toBe(computeEvaluationHash(db, evaluationId));
  });

  it('a later catalog version creates a new evaluation of the complete snapshot, itself sealed at once', () => {
    const later = evaluateSnapshot(db, snapshotId, [CHECK], 'v2');
    expect(later).not.toBe(evaluationId);
    const row = db.prepare('SELECT sealed_at, findings_sha256 FROM evaluations WHERE id = ?').get(later) as {
      sealed_at: string | null;
      findings_sha256: string | null;
    };
    expect(row.findings_sha256).toBe(computeEvaluationHash(db, later));
    expect(() =>
      db
        .prepare(
          `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
           VALUES (?, ?, 'test_bucket_named', 'arn:aws:s3:::late', 'pass', 'late', '{}')`,
        )
        .run(later, snapshotId),
    ).toThrow(IMMUTABLE);
    // Same version again: the existing evaluation is returned, never rewritten.
    expect(evaluateSnapshot(db, snapshotId, [CHECK], 'v2')).toBe(later);
  });

  it('an evaluation cannot be inserted already sealed, nor hold findings of another snapshot', () => {
    expect(() =>
      db
        .prepare(
          `INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at, sealed_at) VALUES ('e', ?, 'v3', 'now', 'now')`,
        )
        .run(snapshotId),
    ).toThrow(IMMUTABLE);
    const tx = db.transaction(() => {
      db.prepare(
        `INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at) VALUES ('e', ?, 'v3', 'now')`,
      ).run(snapshotId);
      db.prepare(
        `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
         VALUES ('e', 'another-snapshot', 'c', 'u', 'pass', 'r', '{}')`,
      ).run();
    });
    expect(tx).toThrow();
    expect(db.prepare(`SELECT count(*) AS n FROM evaluations WHERE id = 'e'`).get()).toEqual({ n: 0 });
  });
});
