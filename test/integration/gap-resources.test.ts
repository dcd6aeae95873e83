// Gaps name the resource they concern (migration 0008): collected through the real SDK clients from the replay
// server, sealed, hashed (only when set, so older snapshots verify unchanged) and recomputed the same way by
// the verify_snapshot.py shipped in every package.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MALFORMED_RESPONSE } from '../../main/collect/errors';
import { appRoot } from '../../main/paths';
import { checkSnapshotContent, gapHashRow, rowHash } from '../../main/store/content-hash';
import { listCollectionErrors } from '../../main/store/snapshots-repo';
import { startHarness, type Harness } from '../fixtures/aws/harness';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const ONE_REGION = { regions: ['us-east-1'] };
let h: Harness | undefined;
let snap: SnapshotFixture | undefined;
afterEach(async () => {
  await h?.close();
  snap?.close();
  h = undefined;
  snap = undefined;
});

/** The snapshot content hash as verify_snapshot.py computes it from the database file. */
function pythonContentHash(dbFile: string, snapshotId: string): string {
  const script = [
    'import sqlite3, sys',
    `sys.path.insert(0, ${JSON.stringify(path.join(appRoot(), 'evidence-templates'))})`,
    'import verify_snapshot as v',
    'problems = []',
    'print(v.content_hash(sqlite3.connect(sys.argv[1]), sys.argv[2], problems))',
    'assert not problems, problems',
  ].join('\n');
  return execFileSync('python3', ['-c', script, dbFile, snapshotId], { encoding: 'utf8' }).trim();
}

describe('gaps name their resource', () => {
  it('a denied per-bucket call names the bucket; an account-wide call names nothing', async () => {
    h = await startHarness({
      target: ONE_REGION,
      faults: [
        { service: 's3', operation: 'GetBucketPolicy', kind: 'access-denied' },
        { service: 'iam', operation: 'GetAccountPasswordPolicy', kind: 'access-denied' },
      ],
    });
    await h.collect();
    const policyGaps = h.buffer.gaps.filter((g) => g.operation === 'GetBucketPolicy');
    expect(policyGaps.length).toBeGreaterThan(1);
    const buckets = h.buffer.resources.filter((r) => r.type === 'AWS::S3::Bucket').map((r) => r.name);
    for (const g of policyGaps) expect(buckets).toContain(g.resource);
    // One gap per bucket, each naming a different one.
    expect(new Set(policyGaps.map((g) => g.resource)).size).toBe(policyGaps.length);
    const account = h.buffer.gaps.find((g) => g.operation === 'GetAccountPasswordPolicy');
    expect(account?.resource).toBeNull();
  });

  it('an unreadable response says AWS sent something that could not be read, not a network fault', async () => {
    h = await startHarness({
      target: ONE_REGION,
      faults: [{ service: 's3', operation: 'GetBucketAcl', kind: 'malformed' }],
    });
    await h.collect();
    const gaps = h.buffer.gaps.filter((g) => g.operation === 'GetBucketAcl');
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) {
      expect(g.code).toBe(MALFORMED_RESPONSE);
      expect(g.message).toMatch(/^AWS sent a response that could not be read for s3:GetBucketAcl/);
      expect(g.message).not.toMatch(/network|retry the snapshot/i);
      expect(g.resource).toBeTruthy();
    }
  });

  it('seals the resource, binds it in the content hash, and verify_snapshot.py agrees', () => {
    const base = { service: 's3', region: 'us-east-1', operation: 'GetBucketPolicy', code: 'AccessDenied' };
    snap = makeSnapshot({
      resources: [],
      checks: [],
      gaps: [
        { ...base, message: 'denied', resource: 'logs-bucket' },
        { ...base, message: 'denied', resource: 'app-bucket' },
        { ...base, operation: 'ListBuckets', message: 'denied' },
      ],
    });
    const { db, snapshotId } = snap;
    const stored = listCollectionErrors(db, snapshotId);
    // Numbered by operation, then resource (NULL first): the same failures get the same seq on every run.
    expect(stored.map((g) => [g.operation, g.resource])).toEqual([
      ['GetBucketPolicy', 'app-bucket'],
      ['GetBucketPolicy', 'logs-bucket'],
      ['ListBuckets', null],
    ]);
    const sealed = db.prepare('SELECT content_sha256 FROM snapshots WHERE id = ?').get(snapshotId) as {
      content_sha256: string;
    };
    expect(checkSnapshotContent(db, snapshotId).contentSha256).toBe(sealed.content_sha256);
    expect(pythonContentHash(path.join(snap.dir, 'workspace.sqlite'), snapshotId)).toBe(
      sealed.content_sha256,
    );

    // The resource is bound: naming another bucket changes the hash (recomputed on a copy, as sealed rows
    // cannot be edited in place).
    const copy = {
      seq: 1,
      service: 's3',
      region: 'us-east-1',
      operation: 'GetBucketPolicy',
      code: 'x',
      message: 'y',
    };
    expect(rowHash(gapHashRow({ ...copy, resource: 'a' }))).not.toBe(
      rowHash(gapHashRow({ ...copy, resource: 'b' })),
    );
    // ...and a gap without one hashes exactly as before the column existed.
    expect(rowHash(gapHashRow({ ...copy, resource: null }))).toBe(rowHash(copy));
  });

  it('a snapshot sealed before 0008 (no resources) keeps its content hash, in Node and in Python', () => {
    snap = makeSnapshot({
      resources: [],
      checks: [],
      gaps: [
        {
          service: 'iam',
          region: 'global',
          operation: 'GetAccountSummary',
          code: 'AccessDenied',
          message: 'no',
        },
      ],
    });
    const { db, snapshotId } = snap;
    const sealed = (
      db.prepare('SELECT content_sha256 FROM snapshots WHERE id = ?').get(snapshotId) as {
        content_sha256: string;
      }
    ).content_sha256;
    // What the hash was before 0008: gap rows without the resource member at all.
    const header = db
      .prepare(
        `SELECT id, connection, provider, account, identity, regions, started_at, finished_at, tool_version,
                catalog_version FROM snapshots WHERE id = ?`,
      )
      .get(snapshotId) as Record<string, string | null>;
    const lines = [
      'evidence-desk-snapshot-content/2',
      `snapshot ${rowHash(header)}`,
      `gap ${rowHash({ seq: 1, service: 'iam', region: 'global', operation: 'GetAccountSummary', code: 'AccessDenied', message: 'no' })}`,
    ];
    const oldRecipe = crypto
      .createHash('sha256')
      .update(lines.map((l) => `${l}\n`).join(''))
      .digest('hex');
    expect(sealed).toBe(oldRecipe);
    expect(pythonContentHash(path.join(snap.dir, 'workspace.sqlite'), snapshotId)).toBe(oldRecipe);
  });
});
