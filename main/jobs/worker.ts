// A job worker thread (started by main/jobs/run-job.ts; bundled as dist/main/job-worker.mjs): runs ONE job
// and ends, or serves findings queries for as long as the workspace is open (main/jobs/query-worker.ts). It
// never imports 'electron' (lint enforces it for all of main/ outside main/electron), and it reaches the
// workspace only through its own database connection.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import {
  describeJobError,
  type FromWorker,
  type JobHooks,
  type JobKind,
  type Jobs,
  type ToWorker,
  type WorkerInput,
} from './protocol';

const port = parentPort;
if (!port)
  throw new Error('main/jobs/worker.ts runs only as a worker thread; use runJob (main/jobs/run-job.ts)');

if ((workerData as { kind: string }).kind === 'query-server') {
  // A long-lived findings query server instead of one job (main/jobs/query-worker.ts).
  const { serveQueries } = await import('./query-server');
  serveQueries(port, (workerData as { context: { dbFile: string; dataDir: string } }).context);
} else {
  await runOneJob(port, workerData as WorkerInput);
}

async function runOneJob(port: MessagePort, input: WorkerInput): Promise<void> {
  const controller = new AbortController();
  const onMessage = (m: ToWorker) => {
    if (m?.type === 'cancel') controller.abort();
  };
  port.on('message', onMessage);
  const post = (m: FromWorker) => port.postMessage(m);
  const hooks: JobHooks<Jobs[JobKind]['progress']> = {
    signal: controller.signal,
    progress: (p) => post({ type: 'progress', progress: p }),
    owns: (p) => post({ type: 'owns', path: p }),
  };

  try {
    post({ type: 'result', value: await run(input, hooks) });
  } catch (err) {
    post({ type: 'error', ...describeJobError(err, controller.signal) });
  } finally {
    // Without a message listener the port no longer keeps this thread alive.
    port.off('message', onMessage);
  }
}

async function run(job: WorkerInput, h: JobHooks<Jobs[JobKind]['progress']>) {
  // Imported per kind: a verify worker should not pay for loading the AWS SDK.
  switch (job.kind) {
    case 'snapshot':
      // The demo is a connection provider plugged in from outside collect (main/collect/connection-registry.ts).
      (await import('../demo/demo-target')).registerDemoConnection();
      (await import('../collect/azure/connections')).registerAzureConnections();
      (await import('../demo/azure/demo-azure')).registerDemoAzureConnection();
      return (await import('./snapshot-job')).runSnapshotJob(job.context, job.params, h);
    case 'export':
      return (await import('./export-job')).runExportJob(job.context, job.params, h);
    case 'verify':
      return (await import('./verify-job')).runVerifyJob(job.params, h);
  }
}
