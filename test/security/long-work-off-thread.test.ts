// Threat: long work on the thread that answers the UI. An export or verify of a large snapshot froze the
// whole core (every window, every call) for seconds; an export could not be stopped once started; and verify,
// given any folder (/, /etc, a home folder), listed and hashed everything under it on the analyst's behalf.
// Proves: (a) while a large export and its verification run, the calling thread's event loop stays free
// (the 100 ms target itself is measured by the bench) and other calls keep answering, while the same export
// run in-process stalls it several times longer; (c) a cancelled export ends quickly as 'cancelled' and leaves no
// package, zip or staging folder, including when its worker has to be terminated mid-step; (d) verify refuses
// anything that is not a package folder or .zip unread: /etc and a folder of 10,000 files are refused in
// milliseconds without listing or opening a single file, and an unreadable file inside changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportProgress, ExportResult, VerifyResult } from '../../shared/domain';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot } from '../../main/checks/engine';
import { CollectionBuffer } from '../../main/collect/types';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { CancelledError } from '../../main/core/errors';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { exportPackage } from '../../main/export/package';
import { runJob } from '../../main/jobs/run-job';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';

/** Resources in the synthetic snapshot: its export takes about 2 s on one core, enough to see any stall. */
const RESOURCES = 5000;
/**
 * The contract for the thread that answers the UI is a stall under 100 ms: a speed target, so it is measured by
 * `npm run bench` on a quiet machine, not asserted here, where two cores run many test files at once. This test
 * asserts what load cannot fake: the worker export stalls this thread far less than the same export in-process
 * (the control below), and never for anything near a second.
 */
const TARGET_STALL_MS = 100;
const SANITY_STALL_MS = 1000;
let workerStallMs = Number.NaN;

let dir: string;
let ws: Workspace;
let api: Dispatcher;
let snapshotId: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-off-thread-'));
  ws = openWorkspace({ dataDir: path.join(dir, 'ws'), mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
  snapshotId = sealSyntheticSnapshot(ws, RESOURCES);
}, 60_000);
afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A complete, evaluated snapshot written the way the runner writes one (cf. scripts/bench.ts). */
function sealSyntheticSnapshot(w: Workspace, n: number): string {
  const id = 'synthetic-large';
  createRunningSnapshot(w.db, {
    id,
    connection: 'synthetic',
    provider: 'aws',
    startedAt: new Date().toISOString(),
    toolVersion: 'test',
    catalogVersion: CATALOG_VERSION,
  });
  const buffer = new CollectionBuffer(new AbortController().signal);
  for (let i = 0; i < n; i++) {
    const region = i % 2 ? 'us-east-1' : 'eu-west-1';
    buffer.resource({
      uid: `arn:aws:ec2:${region}:111122223333:volume/vol-${i}`,
      provider: 'aws',
      service: 'ec2',
      type: 'AWS::EC2::Volume',
      region,
      name: `vol-${i}`,
      tags: {},
      config: { VolumeId: `vol-${i}`, Encrypted: i % 3 !== 0, Size: 8, State: 'in-use' },
    });
  }
  for (let page = 0; page < n / 100; page++) {
    buffer.raw({
      service: 'ec2',
      region: 'us-east-1',
      operation: 'DescribeVolumes',
      params: { NextToken: String(page) },
      response: { Volumes: Array.from({ length: 100 }, (_, j) => ({ VolumeId: `vol-${page * 100 + j}` })) },
    });
  }
  sealSnapshot(
    w.db,
    id,
    { account: '111122223333', identity: 'arn:aws:iam::111122223333:user/tester', regions: ['us-east-1'] },
    buffer,
    (db, sid) => evaluateSnapshot(db, sid, allChecks, CATALOG_VERSION),
  );
  return id;
}

/** Runs fn while sampling this thread's event loop delay and pinging another call every 25 ms. */
/**
 * A full collection before each measurement: the synthetic snapshot built in beforeAll leaves tens of MB of
 * garbage on this thread, and its collection would otherwise land inside whichever window is measured next.
 */
const collectGarbage = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

async function whileMonitored<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; maxStallMs: number; p99Ms: number; maxPingMs: number; pings: number }> {
  collectGarbage();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let maxPingMs = 0;
  let pings = 0;
  let stop = false;
  const pinger = (async () => {
    while (!stop) {
      const t0 = performance.now();
      const r = await api.dispatch('snapshots.list', {});
      expect(r.ok).toBe(true);
      maxPingMs = Math.max(maxPingMs, performance.now() - t0);
      pings++;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  histogram.enable();
  try {
    const value = await fn();
    return {
      value,
      maxStallMs: histogram.max / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      maxPingMs,
      pings,
    };
  } finally {
    histogram.disable();
    stop = true;
    await pinger;
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

describe('long work runs off the thread that answers the UI', () => {
  it('(a) export.create and export.verify of a large snapshot run on a worker while this thread keeps answering', async () => {
    const progress: ExportProgress[] = [];
    const off = api.subscribe((event, payload) => {
      if (event === 'export.progress') progress.push(payload as ExportProgress);
    });
    const requestId = crypto.randomUUID();
    const exported = await whileMonitored(async () => {
      const r = await api.dispatch('export.create', {
        snapshotId,
        framework: 'soc2-2017',
        outputDir: path.join(dir, 'worker'),
        requestId,
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as ExportResult;
    });
    off();
    console.log(
      `worker export of ${RESOURCES} resources: event loop max stall ${ms(exported.maxStallMs)}, ` +
        `p99 ${ms(exported.p99Ms)}, slowest snapshots.list ${ms(exported.maxPingMs)} (${exported.pings} calls), ` +
        `${progress.length} progress events`,
    );
    workerStallMs = exported.maxStallMs;
    if (exported.maxStallMs >= TARGET_STALL_MS)
      console.log(`  (above the ${TARGET_STALL_MS} ms target under this test run's load; see npm run bench)`);
    expect(exported.maxStallMs).toBeLessThan(SANITY_STALL_MS);
    expect(exported.maxPingMs).toBeLessThan(SANITY_STALL_MS);
    expect(exported.pings).toBeGreaterThan(10);
    expect(progress.every((p) => p.requestId === requestId)).toBe(true);
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['preparing', 'writing', 'zipping', 'done']),
    );
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: progress.at(-1)?.total });

    const verified = await whileMonitored(async () => {
      const r = await api.dispatch('export.verify', { path: exported.value.zipPath });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as VerifyResult;
    });
    console.log(
      `worker verify of the zip: event loop max stall ${ms(verified.maxStallMs)}, slowest snapshots.list ${ms(verified.maxPingMs)}`,
    );
    expect(verified.value.ok).toBe(true);
    expect(verified.maxStallMs).toBeLessThan(SANITY_STALL_MS);
  }, 120_000);

  it('(control) the same export run in-process stalls this thread far longer: the worker is what keeps it free', async () => {
    const inProcess = await whileMonitored(() =>
      exportPackage(ws.db, {
        snapshotId,
        framework: 'soc2-2017',
        outputDir: path.join(dir, 'in-process'),
        keyDir: ws.keyDir,
      }),
    );
    console.log(
      `in-process export of ${RESOURCES} resources: event loop max stall ${ms(inProcess.maxStallMs)}, ` +
        `p99 ${ms(inProcess.p99Ms)}, slowest snapshots.list ${ms(inProcess.maxPingMs)} (${inProcess.pings} calls)`,
    );
    expect(inProcess.maxStallMs).toBeGreaterThan(2 * workerStallMs);
  }, 120_000);
});

describe('(c) cancelling an export', () => {
  const leftovers = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);

  it('ends it quickly as cancelled, keeping no package, zip or staging folder', async () => {
    const out = path.join(dir, 'cancelled');
    fs.mkdirSync(out);
    const requestId = crypto.randomUUID();
    let cancelAt = 0;
    const off = api.subscribe((event, payload) => {
      const p = payload as ExportProgress;
      // Cancel once the staging folder exists and real writing is under way.
      if (event === 'export.progress' && p.requestId === requestId && p.phase === 'writing' && !cancelAt) {
        cancelAt = performance.now();
        void api
          .dispatch('export.cancel', { requestId })
          .then((r) => expect(r).toEqual({ ok: true, value: { cancelled: true } }));
      }
    });
    const r = await api.dispatch('export.create', {
      snapshotId,
      framework: 'pci-dss-4.0.1',
      outputDir: out,
      requestId,
    });
    const tookMs = performance.now() - cancelAt;
    off();
    console.log(`cancelled export ended ${ms(tookMs)} after export.cancel: ${JSON.stringify(r)}`);
    expect(cancelAt).toBeGreaterThan(0);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'cancelled', message: expect.stringMatching(/no package was written/) },
    });
    expect(tookMs).toBeLessThan(5000);
    expect(leftovers(out)).toEqual([]);
    // A second cancel finds nothing running.
    expect(await api.dispatch('export.cancel', { requestId })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  }, 60_000);

  it('terminates a worker that does not reach a step boundary in time, and removes what it created', async () => {
    const out = path.join(dir, 'killed');
    fs.mkdirSync(out);
    const controller = new AbortController();
    const phases: string[] = [];
    const job = runJob(
      ws,
      'export',
      { snapshotId, framework: 'iso27001-2022', outputDir: out, keyDir: ws.keyDir },
      {
        signal: controller.signal,
        // No grace at all: the worker is terminated mid-step, so its own cleanup (finally) never runs.
        graceMs: 0,
        onProgress: (p) => {
          phases.push(p.message);
          if (p.phase === 'writing' && p.done === 2) controller.abort();
        },
      },
    );
    const err = await job.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CancelledError);
    // The terminate path, not a cancel the worker handled itself (which would clean up on its own).
    expect((err as Error).cause).toMatch(/terminated/);
    console.log(`killed after: ${phases.join(' | ')}`);
    expect(leftovers(out)).toEqual([]);
  }, 60_000);
});

describe('(d) verify reads only evidence packages', () => {
  const readers = [
    'readdirSync',
    'opendirSync',
    'readFileSync',
    'openSync',
    'createReadStream',
    'readdir',
    'open',
  ] as const;
  type Spy = { mock: { calls: unknown[][] }; mockRestore(): void };
  let spies: Spy[] = [];
  afterEach(() => {
    for (const s of spies) s.mockRestore();
    spies = [];
  });
  /** Counts calls of every fs function that lists a folder or opens a file, from now until the test ends. */
  const watchReads = () => {
    const readSpies = readers.map((name) => vi.spyOn(fs, name) as unknown as Spy);
    spies.push(...readSpies);
    return () => readSpies.reduce((n, s) => n + s.mock.calls.length, 0);
  };

  async function verifyTimed(target: string) {
    const t0 = performance.now();
    const r = await api.dispatch('export.verify', { path: target });
    const took = performance.now() - t0;
    console.log(
      `export.verify ${target}: ${r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`} (${ms(took)})`,
    );
    return { r, took };
  }

  it('refuses /etc without listing or reading it', async () => {
    const reads = watchReads();
    const { r, took } = await verifyTimed('/etc');
    expect(r).toMatchObject({ ok: false, error: { code: 'refused' } });
    if (!r.ok)
      expect(r.error.message).toMatch(
        /^not an evidence package: \/etc \(give the package folder or its \.zip\)/,
      );
    expect(reads()).toBe(0);
    expect(took).toBeLessThan(2000);
  });

  it('refuses a folder of 10,000 files, one of them unreadable, in milliseconds and unread', async () => {
    const big = path.join(dir, 'many-files');
    fs.mkdirSync(big);
    for (let i = 0; i < 10_000; i++) fs.writeFileSync(path.join(big, `f${i}.txt`), String(i));
    const secret = path.join(big, 'secret.key');
    fs.writeFileSync(secret, 'no one may read this');
    fs.chmodSync(secret, 0o000);
    // manifest.json alone does not make a package: without its signature it is not one.
    fs.writeFileSync(path.join(big, 'manifest.json'), '{}');
    const reads = watchReads();
    const looked = vi.spyOn(fs, 'lstatSync');
    spies.push(looked);
    const { r, took } = await verifyTimed(big);
    // The spies do see the gate's file-system calls: it looked at exactly the two names a package must hold.
    expect(looked.mock.calls.map(([p]) => path.relative(big, String(p))).sort()).toEqual([
      'manifest.json',
      'manifest.sig',
    ]);
    expect(r).toMatchObject({ ok: false, error: { code: 'refused' } });
    if (!r.ok) {
      expect(r.error.message).toContain(
        `not an evidence package: ${big} (give the package folder or its .zip)`,
      );
      expect(r.error.message).toMatch(/no manifest\.sig/);
      // An unreadable file inside is not an error: it was never opened.
      expect(r.error.message).not.toMatch(/EACCES|permission/i);
    }
    expect(reads()).toBe(0);
    expect(took).toBeLessThan(2000);
  });

  it('refuses a file that is not a .zip, and says when nothing is there', async () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'hello');
    expect((await verifyTimed(notes)).r).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect((await verifyTimed(path.join(dir, 'nothing-here'))).r).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
