// Concurrent collection through the real SDK clients against the replay server: calls overlap within the
// per-(service, region) limits, throttling slows a queue down, cancel stops a busy run at once without piling
// listeners on the analyst's AbortSignal, and the snapshot sealed from a concurrent run is row for row the
// one sealed from a sequential run (raw responses and gaps are numbered in evidence order, not arrival order).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getEventListeners } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectAws, type AwsTarget, type CollectOptions } from '../../main/collect/aws/index';
import { DEFAULT_LIMITS } from '../../main/collect/concurrency';
import { CollectionBuffer } from '../../main/collect/types';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import type { Estate } from '../../main/demo/estate/types';
import { startReplayServer, type Fault, type ReplayServer } from '../../main/demo/replay/server';
import { checkSnapshotContent } from '../../main/store/content-hash';
import { openDatabase, type Db } from '../../main/store/db';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import { TEST_CREDENTIALS } from '../fixtures/aws/harness';

/** The estate's dates are relative to the server clock: fixed, so two runs answer byte for byte the same. */
const FIXED_NOW = new Date('2026-11-02T10:00:00Z');
const SEQUENTIAL: CollectOptions = {
  limits: { sts: 1, iam: 1, s3: 1, ec2: 1, cloudtrail: 1 },
  totalLimit: 1,
};

const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function run(opts: {
  latencyMs?: number;
  faults?: Fault[];
  options?: CollectOptions;
  buffer?: CollectionBuffer;
  controller?: AbortController;
  estate?: Estate;
  regions?: string[];
}) {
  const server = await startReplayServer({
    estate: opts.estate ?? northwindHealth,
    faults: opts.faults,
    latencyMs: opts.latencyMs ?? 0,
    now: () => FIXED_NOW,
  });
  servers.push(server);
  const controller = opts.controller ?? new AbortController();
  const buffer = opts.buffer ?? new CollectionBuffer(controller.signal);
  const target: AwsTarget = {
    credentials: TEST_CREDENTIALS,
    endpoint: server.url,
    homeRegion: 'us-east-1',
    maxAttempts: 3,
    requestTimeoutMs: 5_000,
    regions: opts.regions,
  };
  const started = performance.now();
  const result = await collectAws(target, buffer, opts.options);
  return { server, buffer, result, ms: performance.now() - started };
}

describe('bounded concurrency', () => {
  it('overlaps calls within each service, never above its limit, and beats one call at a time', async () => {
    const latencyMs = 40;
    const { server, result, ms } = await run({ latencyMs });
    const { stats } = result;
    expect(stats.calls).toBe(server.requests.length); // no retries here: one request per call
    for (const service of ['iam', 's3', 'ec2']) {
      const s = stats.perService[service];
      expect(s.maxInFlight, service).toBeGreaterThan(1);
      expect(s.maxInFlight, service).toBeLessThanOrEqual(DEFAULT_LIMITS[service]);
    }
    // The server's own count agrees: IAM is one global queue, the whole run one capped pool.
    expect(server.maxInFlight.iam).toBeGreaterThan(1);
    expect(server.maxInFlight.iam).toBeLessThanOrEqual(DEFAULT_LIMITS.iam);
    expect(server.maxInFlight.all).toBeLessThanOrEqual(stats.totalLimit);
    expect(stats.maxInFlight).toBeLessThanOrEqual(stats.totalLimit);
    // Sequential would take calls x latency; overlapping must be far below that (lenient: shared CPUs).
    expect(ms).toBeLessThan((stats.calls * latencyMs) / 2);
  });

  it('honours smaller limits given by the caller', async () => {
    const { server, result } = await run({
      latencyMs: 20,
      options: { limits: { iam: 2, s3: 2, ec2: 1, cloudtrail: 1 }, totalLimit: 3 },
    });
    expect(result.stats.perService.iam.maxInFlight).toBeLessThanOrEqual(2);
    expect(result.stats.perService.ec2.maxInFlight).toBe(1);
    expect(server.maxInFlight.iam).toBeLessThanOrEqual(2);
    expect(server.maxInFlight.all).toBeLessThanOrEqual(3);
    expect(server.maxInFlight.all).toBeGreaterThan(1);
  });

  it('sees throttled attempts the SDK recovered from and slows that queue down', async () => {
    const { result, buffer } = await run({
      faults: [{ service: 'iam', operation: 'ListMFADevices', kind: 'throttle', times: 4 }],
    });
    expect(result.stats.perService.iam.throttles).toBe(4);
    expect(result.stats.perService.iam.lowestLimit).toBeLessThanOrEqual(DEFAULT_LIMITS.iam / 2);
    expect(result.stats.perService.s3.throttles).toBe(0);
    expect(result.stats.perService.s3.lowestLimit).toBe(DEFAULT_LIMITS.s3);
    // The SDK's retries still recovered every call: no gap, every user has its MFA devices.
    expect(buffer.gaps.filter((g) => g.operation === 'ListMFADevices')).toHaveLength(0);
    const users = buffer.resources.filter((r) => r.type === 'AWS::IAM::User');
    expect(users.every((u) => 'MFADevices' in u.config)).toBe(true);
  });
});

describe('credential report', () => {
  it('asks again soon while IAM is still building it, and reads it once IAM says COMPLETE', async () => {
    const controller = new AbortController();
    const buffer = new CollectionBuffer(controller.signal);
    const at: { operation: string; state?: string; ms: number }[] = [];
    const started = performance.now();
    const original = buffer.raw.bind(buffer);
    buffer.raw = (r) => {
      original(r);
      if (/CredentialReport$/.test(r.operation)) {
        const state = (r.response as { State?: string }).State;
        at.push({ operation: r.operation, state, ms: performance.now() - started });
      }
    };
    // An account with no users, policies or buckets and one region: nothing else queues behind IAM's re-poll,
    // so the time between the two asks is the poll's own wait.
    const bare: Estate = { ...northwindHealth, users: [], policies: [], buckets: [] };
    await run({ buffer, controller, estate: bare, regions: ['us-east-1'] });
    expect(at.map((a) => `${a.operation}:${a.state ?? ''}`)).toEqual([
      'GenerateCredentialReport:STARTED',
      'GenerateCredentialReport:COMPLETE',
      'GetCredentialReport:',
    ]);
    // The first wait is REPORT_POLL_DELAYS_MS[0] (150 ms), not the fixed 500 ms it used to be.
    const wait = at[1].ms - at[0].ms;
    expect(wait).toBeGreaterThanOrEqual(140);
    expect(wait).toBeLessThan(450);
  });
});

describe('cancel under concurrency', () => {
  it('stops quickly, with one listener on the run signal and no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const buffer = new CollectionBuffer(controller.signal);
      let listenersMidRun = -1;
      let abortedAt = 0;
      const original = buffer.raw.bind(buffer);
      buffer.raw = (r) => {
        original(r);
        if (buffer.raws.length === 40 && abortedAt === 0) {
          listenersMidRun = getEventListeners(controller.signal, 'abort').length;
          abortedAt = performance.now();
          controller.abort();
        }
      };
      const outcome = run({ latencyMs: 50, buffer, controller });
      await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
      expect(performance.now() - abortedAt).toBeLessThan(1_000);
      // The scheduler's one listener (plus at most the credential-report poll's wait).
      expect(listenersMidRun).toBeGreaterThanOrEqual(1);
      expect(listenersMidRun).toBeLessThanOrEqual(2);
      const server = servers[0];
      await new Promise((r) => setTimeout(r, 100));
      const atAbort = server.requests.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(server.requests.length).toBe(atAbort);
      expect(buffer.gaps.filter((g) => g.code === 'AbortError')).toHaveLength(0);
      // Let any late warning be emitted before looking.
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('the same snapshot whatever the concurrency', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-concurrency-'));
    db = openDatabase(path.join(dir, 'w.sqlite'));
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function seal(id: string, buffer: CollectionBuffer, regions: string[]) {
    createRunningSnapshot(db, {
      id,
      connection: 'demo',
      provider: 'aws',
      startedAt: '2026-11-02T10:00:00Z',
      toolVersion: 't',
      catalogVersion: 'c',
    });
    sealSnapshot(db, id, { account: '111122223333', identity: 'x', regions }, buffer, () => {});
    const rows = (sql: string) => db.prepare(sql).all(id);
    return {
      resources: rows('SELECT uid, sha256 FROM resources WHERE snapshot_id = ? ORDER BY uid'),
      raws: rows(
        'SELECT seq, service, region, operation, sha256 FROM raw_responses WHERE snapshot_id = ? ORDER BY seq',
      ),
      gaps: rows(
        'SELECT seq, service, region, operation, code, message FROM collection_errors WHERE snapshot_id = ? ORDER BY seq',
      ),
      redactions: rows('SELECT target, count, kinds FROM redactions WHERE snapshot_id = ? ORDER BY target'),
      check: checkSnapshotContent(db, id),
    };
  }

  it('seals identical resource, raw response and gap rows from a sequential and a concurrent run', async () => {
    const faults: Fault[] = [{ service: 'iam', operation: 'ListMFADevices', kind: 'access-denied' }];
    const one = await run({ options: SEQUENTIAL, faults });
    const many = await run({ latencyMs: 15, faults });
    const arrival = (b: CollectionBuffer) =>
      b.raws.map((r) => `${r.service} ${r.region} ${r.operation} ${JSON.stringify(r.params)}`);
    // The runs really did receive answers in different orders, so equal rows below are not a coincidence.
    expect(arrival(many.buffer)).not.toEqual(arrival(one.buffer));
    expect([...arrival(many.buffer)].sort()).toEqual([...arrival(one.buffer)].sort());
    expect(many.result.stats.maxInFlight).toBeGreaterThan(1);
    expect(one.result.stats.maxInFlight).toBe(1);

    const a = seal('sequential', one.buffer, one.result.regions);
    const b = seal('concurrent', many.buffer, many.result.regions);
    expect(a.resources.length).toBeGreaterThan(30);
    expect(a.gaps.length).toBe(northwindHealth.users.length + 1); // MFA per user + the estate's own denial
    expect(b.resources).toEqual(a.resources);
    expect(b.raws).toEqual(a.raws);
    expect(b.gaps).toEqual(a.gaps);
    expect(b.redactions).toEqual(a.redactions);
    // The hashes computed at the seal follow the documented recipe (recomputed from the columns here).
    expect(a.check.alteredCount).toBe(0);
    expect(b.check.alteredCount).toBe(0);
    // Pages of one listing stay in page order: the first ListUsers page has no Marker.
    const listUsers = db
      .prepare(
        `SELECT params FROM raw_responses WHERE snapshot_id = 'concurrent' AND operation = 'ListUsers' ORDER BY seq`,
      )
      .all() as { params: string }[];
    expect(listUsers.map((r) => 'Marker' in JSON.parse(r.params))).toEqual([false, true, true]);
  });
});
