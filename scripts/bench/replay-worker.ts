// The replay server on its own thread, for the collector bench: a real AWS endpoint does not spend the
// collecting process's CPU, so the double that stands in for it should not either (in-process, rendering
// ~180 answers costs the collector's event loop about a quarter of its time).
import { parentPort, workerData } from 'node:worker_threads';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import type { Estate } from '../../main/demo/estate/types';
import { startReplayServer } from '../../main/demo/replay/server';

/**
 * The demo estate with `copies` of every bucket (same settings, distinct names): more calls through the same
 * call graph, so the fixed start-up of a collection (identity first, then the region list) weighs less. Only
 * buckets are copied: the replay server pages IAM users 4 at a time (to exercise pagination), which would
 * make a copied user list a chain of sequential pages that AWS (100 a page) does not have.
 */
function withBucketCopies(estate: Estate, copies: number): Estate {
  if (copies <= 1) return estate;
  const buckets = estate.buckets.flatMap((b) =>
    Array.from({ length: copies }, (_, i) => ({ ...b, name: i === 0 ? b.name : `${b.name}-copy${i}` })),
  );
  return { ...estate, buckets };
}

const data = workerData as { latencyMs: number; bucketCopies?: number };
const server = await startReplayServer({
  estate: withBucketCopies(northwindHealth, data.bucketCopies ?? 1),
  latencyMs: data.latencyMs,
});
parentPort?.on('message', (msg: string) => {
  if (msg !== 'close') return;
  void server.close().then(() => {
    parentPort?.postMessage({
      closed: true,
      requests: server.requests.length,
      maxInFlight: server.maxInFlight,
    });
    parentPort?.close();
  });
});
parentPort?.postMessage({ url: server.url });
