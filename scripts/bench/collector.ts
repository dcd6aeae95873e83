// Bench section: the demo collection in-process (real collectors, real SDK clients) against the replay server
// with injected latency per call, compared with its latency bound.
//
// Latency bound = calls x latency / concurrency: the wall time a collection would take if the concurrency were
// kept busy from the first call to the last. The concurrency divided by is the most calls the run actually
// had on the wire at once (max in flight, measured by the scheduler). Why not the sum of the
// per-(service, region) limits that were usable: the run also has a cap on calls in flight overall
// (concurrency.ts DEFAULT_TOTAL_LIMIT), and the sum (printed too) would promise overlap that neither the cap
// nor the call graph (identity before regions before everything else; pages one after another) allows. The
// ratio wall / bound therefore says how well the run keeps the concurrency it uses busy: 1.0 is perfect. What
// is left above 1.0 is mostly fixed: the identity call runs alone, and the first round after it has only six
// calls to make (IAM's first calls, ListBuckets, DescribeRegions), so the ratio falls as the account grows
// (printed for the demo with more buckets).
// The estate is the fixed demo account (~180 calls), so `resources` does not change this section.
import { Worker } from 'node:worker_threads';
import { collectAws, type CollectOptions } from '../../main/collect/aws/index';
import type { CollectionStats } from '../../main/collect/concurrency';
import { CollectionBuffer } from '../../main/collect/types';
import { DEMO_CREDENTIALS } from '../../main/demo/demo-target';
import { fmtMiB, fmtMs, measure } from './measure';

const LATENCY_MS = 50;
/** Runs per latency: best and median are reported (the 2 cores are shared; one run can be unlucky). */
const RUNS = 5;
/** A larger account for the trend: the demo with this many copies of each bucket (see replay-worker.ts). */
const BUCKET_COPIES = 8;

/** busy: share of the wall time the collecting thread was running code (event-loop utilisation). */
type Run = { ms: number; peakMiB: number; stats: CollectionStats; requests: number; busy: number };

/** Starts the replay server on its own thread (scripts/bench/replay-worker.ts). */
async function startServerThread(latencyMs: number, bucketCopies: number) {
  // Through the jobs' source loader: Node 20 does not apply tsx to a worker's own .ts entry module.
  const worker = new Worker(new URL('../../main/jobs/worker-from-source.mjs', import.meta.url), {
    workerData: { latencyMs, bucketCopies, sourceEntry: new URL('./replay-worker.ts', import.meta.url).href },
  });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url: string }) => resolve(m.url));
    worker.once('error', reject);
  });
  return {
    url,
    close: () =>
      new Promise<{ requests: number }>((resolve, reject) => {
        worker.once('message', (m: { requests: number }) => resolve(m));
        worker.once('error', reject);
        worker.postMessage('close');
      }),
  };
}

async function collectOnce(latencyMs: number, options?: CollectOptions, bucketCopies = 1): Promise<Run> {
  const server = await startServerThread(latencyMs, bucketCopies);
  let closed = false;
  try {
    const buffer = new CollectionBuffer(new AbortController().signal);
    const elu = performance.eventLoopUtilization();
    const m = await measure(() =>
      collectAws(
        {
          credentials: DEMO_CREDENTIALS,
          endpoint: server.url,
          homeRegion: 'us-east-1',
          maxAttempts: 3,
          requestTimeoutMs: 10_000,
        },
        buffer,
        options,
      ),
    );
    const busy = performance.eventLoopUtilization(elu).utilization;
    closed = true;
    const { requests } = await server.close();
    return { ms: m.ms, peakMiB: m.peakMiB, stats: m.value.stats, requests, busy };
  } finally {
    if (!closed) await server.close();
  }
}

const byTime = (runs: Run[]) => [...runs].sort((a, b) => a.ms - b.ms);
const ratioOf = (r: Run) => r.ms / ((r.stats.calls * LATENCY_MS) / r.stats.maxInFlight);

export async function run(_opts: {
  resources?: number;
  units?: number;
  dir: string;
}): Promise<Record<string, number | string>> {
  await collectOnce(0); // warm-up: module loading and JIT belong to no measurement
  const zero: Run[] = [];
  for (let i = 0; i < RUNS; i++) zero.push(await collectOnce(0));
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await collectOnce(LATENCY_MS));
  const sorted = byTime(runs);
  // Best of N is the headline: other processes on the shared cores only ever add time, so the fastest run is
  // the closest to what the collector itself costs; the median is printed next to it.
  const best = sorted[0];
  const median = sorted[Math.floor(RUNS / 2)];
  const sequential = await collectOnce(LATENCY_MS, {
    limits: { sts: 1, iam: 1, s3: 1, ec2: 1, cloudtrail: 1 },
    totalLimit: 1,
  });
  const larger = byTime([
    await collectOnce(LATENCY_MS, undefined, BUCKET_COPIES),
    await collectOnce(LATENCY_MS, undefined, BUCKET_COPIES),
  ])[0];

  const s = best.stats;
  const boundMs = (s.calls * LATENCY_MS) / s.maxInFlight;
  const boundUsableMs = (s.calls * LATENCY_MS) / s.usableConcurrency;
  const perService = Object.entries(s.perService)
    .map(([name, p]) => `${name} ${p.calls} calls, max ${p.maxInFlight}/${p.limit} in flight`)
    .join('; ');
  console.log(
    `collector: demo account, ${s.calls} calls, ${best.requests} requests (2 cores shared with other work)`,
  );
  console.log(`  per service: ${perService}`);
  console.log(
    `  at ${LATENCY_MS} ms/call: best ${fmtMs(best.ms)}, median ${fmtMs(median.ms)} of ${RUNS} ` +
      `(${runs.map((r) => fmtMs(r.ms)).join(', ')})   peak RSS ${fmtMiB(best.peakMiB)}   ` +
      `collecting thread busy ${(best.busy * 100).toFixed(0)}%`,
  );
  console.log(
    `  latency bound ${fmtMs(boundMs)} = ${s.calls} calls x ${LATENCY_MS} ms / ${s.maxInFlight} max in flight ` +
      `(run cap ${s.totalLimit}; usable sum of per-service limits ${s.usableConcurrency}, bound ${fmtMs(boundUsableMs)})`,
  );
  console.log(
    `  ratio to the bound: best ${ratioOf(best).toFixed(2)}, median ${ratioOf(median).toFixed(2)}   ` +
      `one call at a time: ${fmtMs(sequential.ms)} (${(sequential.ms / best.ms).toFixed(1)}x the best)`,
  );
  console.log(
    `  at 0 ms/call: best ${fmtMs(byTime(zero)[0].ms)} (the CPU cost of ${s.calls} calls through the SDK, on ` +
      'this machine as loaded now)',
  );
  console.log(
    `  demo with ${BUCKET_COPIES}x the buckets: ${larger.stats.calls} calls, best of 2 ${fmtMs(larger.ms)}, ` +
      `max in flight ${larger.stats.maxInFlight}, ratio ${ratioOf(larger).toFixed(2)}`,
  );
  return {
    collectorCalls: s.calls,
    collectorLatencyMs: LATENCY_MS,
    collectorWallMs: Math.round(best.ms),
    collectorMedianWallMs: Math.round(median.ms),
    collectorMaxInFlight: s.maxInFlight,
    collectorUsableConcurrency: s.usableConcurrency,
    collectorBoundMs: Math.round(boundMs),
    collectorRatio: Number(ratioOf(best).toFixed(2)),
    collectorMedianRatio: Number(ratioOf(median).toFixed(2)),
    collectorSequentialMs: Math.round(sequential.ms),
    collectorWallAt0Ms: Math.round(byTime(zero)[0].ms),
    collectorBusy: Number(best.busy.toFixed(2)),
    collectorLargerCalls: larger.stats.calls,
    collectorLargerRatio: Number(ratioOf(larger).toFixed(2)),
  };
}
