// Threat: collection now streams into staging rows while the snapshot is still running, so a reader (the
// findings view, a listing, a view, an export, another process) could see half a snapshot, and a cancelled or
// failed run could leave staged evidence behind. Proves staged rows are invisible to every reader, on another
// connection and on the staging connection itself, until the seal; that the seal moves them in one step; and
// that a cancelled or failed run keeps no staged row.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot, listFindings } from '../../main/checks/engine';
import { openDatabase, type Db } from '../../main/store/db';
import {
  createRunningSnapshot,
  endSnapshotUnsuccessfully,
  getSnapshot,
  listCollectionErrors,
  listRawResponses,
  listResources,
  listSnapshots,
  sealSnapshot,
} from '../../main/store/snapshots-repo';
import { SnapshotStaging } from '../../main/collect/staging-sink';
import { stagedRowCount } from '../../main/store/staging';
import { awsResource } from '../helpers/snapshot-fixture';

let dir: string;
let writer: Db;
let reader: Db;
let snapshotId: string;

const VIEWS = [
  'aws_sg_ingress',
  'aws_iam_policy_statements',
  'aws_iam_access_keys',
  'aws_s3_bucket_grants',
  'aws_cloudtrail_trails',
];
const TABLES = ['resources', 'raw_responses', 'collection_errors', 'redactions', 'findings', 'evaluations'];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-staging-'));
  writer = openDatabase(path.join(dir, 'workspace.sqlite'));
  reader = openDatabase(path.join(dir, 'workspace.sqlite'));
  snapshotId = crypto.randomUUID();
  createRunningSnapshot(writer, {
    id: snapshotId,
    connection: 'test',
    provider: 'aws',
    startedAt: '2025-06-30T00:00:00.000Z',
    toolVersion: 'test',
    catalogVersion: CATALOG_VERSION,
  });
});
afterEach(() => {
  writer.close();
  reader.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Stages a little of everything, with a batch size of 2 so several staging transactions have committed. */
function stageSome(): SnapshotStaging {
  const staging = new SnapshotStaging(writer, snapshotId, new AbortController().signal, undefined, 2);
  staging.resource(
    awsResource('AWS::EC2::SecurityGroup', 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1', {
      GroupId: 'sg-1',
      IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }],
    }),
  );
  staging.resource(awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b1', { Name: 'b1', Acl: { Grants: [] } }));
  staging.resource(
    awsResource('AWS::IAM::User', 'arn:aws:iam::111122223333:user/alice', {
      UserName: 'alice',
      AccessKeys: [{ AccessKeyId: 'AKIAEXAMPLE', Status: 'Active' }],
      // A secret-named field: redacted at the sink, and counted in the redaction log.
      Password: 'hunter2hunter2',
    }),
  );
  staging.raw({
    service: 's3',
    region: 'us-east-1',
    operation: 'ListBuckets',
    params: {},
    response: { Buckets: [] },
  });
  staging.gap({
    service: 'iam',
    region: 'global',
    operation: 'GetAccountSummary',
    code: 'AccessDenied',
    message: 'no',
  });
  return staging;
}

function everyReaderSeesNothing(db: Db): void {
  for (const t of TABLES) {
    expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
  }
  for (const v of VIEWS) {
    expect((db.prepare(`SELECT count(*) AS n FROM ${v}`).get() as { n: number }).n, v).toBe(0);
  }
  const summary = getSnapshot(db, snapshotId);
  expect(summary).toMatchObject({ status: 'running', resourceCount: 0, errorCount: 0 });
  expect(listSnapshots(db).map((s) => s.resourceCount)).toEqual([0]);
  expect(listResources(db, snapshotId)).toEqual([]);
  expect(listRawResponses(db, snapshotId)).toEqual([]);
  expect(listCollectionErrors(db, snapshotId)).toEqual([]);
  expect(listFindings(db, snapshotId, allChecks)).toEqual([]);
}

describe('staged rows before the seal', () => {
  it('are invisible to every reader: other connections, listings, views, findings, and the staging connection', () => {
    const staging = stageSome();
    staging.flush();
    // The rows really are staged (so the test is not vacuous) ...
    expect(stagedRowCount(writer, snapshotId)).toBe(5);
    // ... yet no table, view or listing shows them, on either connection.
    everyReaderSeesNothing(reader);
    everyReaderSeesNothing(writer);
    // Another connection has no staging of its own to peek into.
    expect(stagedRowCount(reader)).toBe(0);
  });

  it('all appear at once with the seal, redacted and counted, and leave staging empty', () => {
    const staging = stageSome();
    sealSnapshot(
      writer,
      snapshotId,
      { account: '111122223333', identity: 'arn:aws:iam::111122223333:user/t', regions: ['us-east-1'] },
      staging,
      (tx, id) => evaluateSnapshot(tx, id, allChecks, CATALOG_VERSION),
    );
    expect(stagedRowCount(writer)).toBe(0);
    expect(getSnapshot(reader, snapshotId)).toMatchObject({
      status: 'complete',
      resourceCount: 3,
      errorCount: 1,
    });
    expect(listRawResponses(reader, snapshotId)).toHaveLength(1);
    const alice = listResources(reader, snapshotId).find((r) => r.uid.endsWith('user/alice'));
    expect(alice?.config).not.toContain('hunter2');
    expect(
      reader.prepare('SELECT target, count FROM redactions WHERE snapshot_id = ?').all(snapshotId),
    ).toEqual([{ target: 'arn:aws:iam::111122223333:user/alice', count: 1 }]);
    expect(listFindings(reader, snapshotId, allChecks).length).toBeGreaterThan(0);
  });
});

describe('a run that does not seal keeps nothing', () => {
  it('a failed seal (a check throws) rolls back, discards staging and leaves the snapshot empty', () => {
    const staging = stageSome();
    expect(() =>
      sealSnapshot(writer, snapshotId, { account: null, identity: null, regions: [] }, staging, () => {
        throw new Error('evaluation blew up');
      }),
    ).toThrow('evaluation blew up');
    expect(stagedRowCount(writer)).toBe(0);
    endSnapshotUnsuccessfully(writer, snapshotId, 'failed', 'evaluation blew up');
    everyReaderSeesNothingButStatus(reader, 'failed');
  });

  it('a cancelled collection discards what it staged (the snapshot job does this on abort)', () => {
    const staging = stageSome();
    staging.flush();
    staging.resource(awsResource('AWS::S3::Bucket', 'arn:aws:s3:::pending', { Name: 'pending' }));
    expect(stagedRowCount(writer, snapshotId)).toBe(5);
    staging.discard();
    expect(stagedRowCount(writer)).toBe(0);
    // A pending (unflushed) item must not reappear on a later flush either.
    staging.flush();
    expect(stagedRowCount(writer)).toBe(0);
    endSnapshotUnsuccessfully(writer, snapshotId, 'cancelled', 'cancelled');
    everyReaderSeesNothingButStatus(reader, 'cancelled');
  });

  it('a crash leaves nothing: staging dies with the connection that held it', () => {
    const file = path.join(dir, 'workspace.sqlite');
    const other = openDatabase(file);
    const staging = new SnapshotStaging(other, snapshotId, new AbortController().signal);
    staging.resource(awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b9', { Name: 'b9' }));
    staging.flush();
    expect(stagedRowCount(other)).toBe(1);
    other.close();
    const reopened = openDatabase(file);
    try {
      expect(stagedRowCount(reopened)).toBe(0);
      expect(listResources(reopened, snapshotId)).toEqual([]);
    } finally {
      reopened.close();
    }
  });
});

function everyReaderSeesNothingButStatus(db: Db, status: 'failed' | 'cancelled'): void {
  expect(getSnapshot(db, snapshotId)).toMatchObject({ status, resourceCount: 0, errorCount: 0 });
  for (const t of TABLES) {
    expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
  }
}
