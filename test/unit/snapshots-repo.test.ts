import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectionBuffer, type CollectedResource } from '../../main/collect/types';
import { openDatabase, type Db } from '../../main/store/db';
import {
  computeContentHash,
  createRunningSnapshot,
  failAbandonedSnapshots,
  getSnapshot,
  listResources,
  sealSnapshot,
} from '../../main/store/snapshots-repo';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-snap-'));
  db = openDatabase(path.join(dir, 'w.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bucket = (name: string): CollectedResource => ({
  uid: `arn:aws:s3:::${name}`,
  provider: 'aws',
  service: 's3',
  type: 'AWS::S3::Bucket',
  region: 'eu-west-1',
  name,
  tags: {},
  config: { Name: name, Region: 'eu-west-1' },
});

function running(id: string) {
  createRunningSnapshot(db, {
    id,
    connection: 'demo',
    provider: 'aws',
    startedAt: '2026-11-01T00:00:00Z',
    toolVersion: 't',
    catalogVersion: 'c',
  });
}

function buffer(resources: CollectedResource[]) {
  const b = new CollectionBuffer(new AbortController().signal);
  b.resources.push(...resources);
  b.gaps.push({
    service: 's3',
    region: 'eu-west-1',
    operation: 'GetBucketLogging',
    code: 'AccessDenied',
    message: 'denied',
  });
  return b;
}

describe('snapshots', () => {
  it('seals resources, gaps and a reproducible content hash in one step', () => {
    running('s1');
    sealSnapshot(
      db,
      's1',
      { account: '111122223333', identity: 'arn:aws:iam::111122223333:user/ana', regions: ['eu-west-1'] },
      buffer([bucket('a'), bucket('b'), bucket('a')]),
      () => {},
    );
    const s = getSnapshot(db, 's1')!;
    expect(s.status).toBe('complete');
    expect(s.resourceCount).toBe(2); // the duplicate uid is kept once
    expect(s.errorCount).toBe(1);
    expect(s.contentSha256).toBe(computeContentHash(db, 's1'));
    expect(listResources(db, 's1').map((r) => r.name)).toEqual(['a', 'b']);
  });

  it('writes nothing when evaluation fails part-way: readers never see half a snapshot', () => {
    running('s2');
    expect(() =>
      sealSnapshot(db, 's2', { account: null, identity: null, regions: [] }, buffer([bucket('a')]), () => {
        throw new Error('check blew up');
      }),
    ).toThrow('check blew up');
    const s = getSnapshot(db, 's2')!;
    expect(s.status).toBe('running');
    expect(s.resourceCount).toBe(0);
    expect(s.errorCount).toBe(0);
  });

  it('marks snapshots abandoned by a crash as failed, but not ones still running here', () => {
    running('crashed');
    running('live');
    expect(failAbandonedSnapshots(db, (id) => (id === 'live' ? null : 'its owner is gone'))).toEqual([
      { id: 'crashed', reason: 'its owner is gone' },
    ]);
    expect(getSnapshot(db, 'crashed')).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/stopped .*: its owner is gone/),
    });
    expect(getSnapshot(db, 'live')!.status).toBe('running');
  });

  it('forbids adding to, changing or deleting a sealed snapshot', () => {
    running('s3');
    sealSnapshot(db, 's3', { account: null, identity: null, regions: [] }, buffer([bucket('a')]), () => {});
    expect(() =>
      db
        .prepare(
          `INSERT INTO resources (snapshot_id, uid, provider, service, type, region, name, config, sha256) VALUES ('s3','x','aws','s3','t','r','n','{}','h')`,
        )
        .run(),
    ).toThrow(/immutable/);
    expect(() => db.prepare(`DELETE FROM resources WHERE snapshot_id = 's3'`).run()).toThrow(/immutable/);
    expect(() =>
      db.prepare(`UPDATE collection_errors SET code = 'OK' WHERE snapshot_id = 's3'`).run(),
    ).toThrow(/immutable/);
    expect(() => db.prepare(`DELETE FROM snapshots WHERE id = 's3'`).run()).toThrow(/immutable/);
    expect(() => db.prepare(`UPDATE snapshots SET status = 'failed' WHERE id = 's3'`).run()).toThrow(
      /immutable/,
    );
  });
});
