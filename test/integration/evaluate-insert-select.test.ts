// Evaluation writes findings with one INSERT ... SELECT per check and collection streams into staging rows.
// Proves, on the demo estate collected through the real collectors, that (1) the stored findings equal what
// the row-by-row path (runCheck, then one INSERT per row, first row per resource kept) produces for every
// check, and (2) the streaming sink stores exactly what the in-memory CollectionBuffer path stores: the same
// resource rows and hashes, raw responses, gaps and redaction log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot, runCheck } from '../../main/checks/engine';
import { collectAws } from '../../main/collect/aws/index';
import { CollectionBuffer, type CollectionSink } from '../../main/collect/types';
import { startDemoEstate } from '../../main/demo/demo-target';
import { openDatabase, type Db } from '../../main/store/db';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import { SnapshotStaging } from '../../main/collect/staging-sink';

const STARTED_AT = '2025-06-30T00:00:00.000Z';
let dir: string;
let streamed: { db: Db; id: string; evaluationId: string };
let buffered: { db: Db; id: string };

function running(db: Db): string {
  const id = crypto.randomUUID();
  createRunningSnapshot(db, {
    id,
    connection: 'demo',
    provider: 'aws',
    startedAt: STARTED_AT,
    toolVersion: 'test',
    catalogVersion: CATALOG_VERSION,
  });
  return id;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-insert-select-'));
  const demo = await startDemoEstate();
  try {
    // One collection feeds both sinks (the demo's dates move with the clock, so two runs would differ).
    const db1 = openDatabase(path.join(dir, 'streamed.sqlite'));
    const id1 = running(db1);
    const staging = new SnapshotStaging(db1, id1, new AbortController().signal);
    const buffer = new CollectionBuffer(new AbortController().signal);
    const tee: CollectionSink = {
      signal: staging.signal,
      resource: (r) => (staging.resource(r), buffer.resource(r)),
      raw: (r) => (staging.raw(r), buffer.raw(r)),
      gap: (e) => (staging.gap(e), buffer.gap(e)),
      progress: () => {},
    };
    const who = await collectAws(demo.target, tee);
    // The demo withholds nothing; one item with a secret makes the redaction log worth comparing.
    tee.resource({
      uid: 'arn:aws:ssm:us-east-1:111122223333:parameter/db',
      provider: 'aws',
      service: 'ssm',
      type: 'AWS::SSM::Parameter',
      region: 'us-east-1',
      name: 'db',
      tags: { owner: 'ops' },
      config: { Name: 'db', Password: 'correct-horse-battery-staple' },
    });
    let evaluationId = '';
    sealSnapshot(
      db1,
      id1,
      { account: who.identity.account, identity: who.identity.arn, regions: who.regions },
      staging,
      (tx, id) => {
        evaluationId = evaluateSnapshot(tx, id, allChecks, CATALOG_VERSION);
      },
    );
    streamed = { db: db1, id: id1, evaluationId };

    const db2 = openDatabase(path.join(dir, 'buffered.sqlite'));
    const id2 = running(db2);
    sealSnapshot(db2, id2, { account: null, identity: null, regions: [] }, buffer, () => {});
    buffered = { db: db2, id: id2 };
  } finally {
    await demo.close();
  }
}, 60_000);

afterAll(() => {
  streamed?.db.close();
  buffered?.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('INSERT ... SELECT findings', () => {
  it('equal the row-by-row path for every built-in check on the demo snapshot', () => {
    const stored = streamed.db
      .prepare(
        `SELECT check_id, resource_uid, status, reason, evidence FROM findings WHERE evaluation_id = ?
         ORDER BY check_id, resource_uid`,
      )
      .all(streamed.evaluationId);
    const expected: Record<string, string>[] = [];
    for (const check of allChecks) {
      const seen = new Set<string>();
      for (const row of runCheck(streamed.db, check, streamed.id, STARTED_AT)) {
        if (seen.has(row.resource_uid)) continue; // ON CONFLICT DO NOTHING keeps the first
        seen.add(row.resource_uid);
        expected.push({ check_id: check.id, ...row });
      }
    }
    expected.sort((a, b) =>
      a.check_id === b.check_id
        ? a.resource_uid < b.resource_uid
          ? -1
          : 1
        : a.check_id < b.check_id
          ? -1
          : 1,
    );
    // The demo estate is deliberately misconfigured: every status occurs, so the comparison covers them.
    expect(new Set(stored.map((f) => (f as { status: string }).status))).toEqual(
      new Set(['pass', 'fail', 'error', 'n/a']),
    );
    expect(stored.length).toBeGreaterThan(50);
    expect(stored).toEqual(expected);
  });
});

describe('the streaming sink', () => {
  const rows = (db: Db, sql: string, id: string) => db.prepare(sql).all(id);
  it('stores the same resources, raw responses, gaps and redactions as the in-memory buffer', () => {
    for (const sql of [
      'SELECT uid, provider, service, type, region, name, tags, config, sha256 FROM resources WHERE snapshot_id = ? ORDER BY uid',
      'SELECT seq, service, region, operation, params, response, sha256 FROM raw_responses WHERE snapshot_id = ? ORDER BY seq',
      'SELECT seq, service, region, operation, code, message FROM collection_errors WHERE snapshot_id = ? ORDER BY seq',
      'SELECT target, count, kinds FROM redactions WHERE snapshot_id = ? ORDER BY target',
    ]) {
      const a = rows(streamed.db, sql, streamed.id);
      expect(a.length, sql).toBeGreaterThan(0);
      expect(a, sql).toEqual(rows(buffered.db, sql, buffered.id));
    }
  });
});
