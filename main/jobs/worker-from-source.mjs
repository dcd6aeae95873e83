// Starts main/jobs/worker.ts from a source checkout (tsx, vitest). Node 20 does not apply
// `--import tsx` in a worker's execArgv to the worker's own entry module, so tsx is registered here first,
// the same way bin/evidence-desk.js does it. Built and packaged apps start dist/main/job-worker.mjs instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.sourceEntry);
