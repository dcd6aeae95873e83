// Runs long work (snapshot, export, verify) on a worker thread so the thread that answers the UI never waits
// for it. The worker opens its own connection to the workspace database (WAL lets it write while this thread
// reads) and reports progress; cancelling asks it to stop between steps and, if a step does not give way
// within a grace period, terminates the thread and removes whatever it said it had created.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../core/errors';
import { DATABASE_FILE, type Workspace } from '../core/workspace';
import {
  jobError,
  type FromWorker,
  type JobKind,
  type Jobs,
  type ToWorker,
  type WorkerInput,
} from './protocol';

/** How long a cancelled job may take to reach its next step boundary before its thread is terminated. */
export const CANCEL_GRACE_MS = 1500;

export type RunJobOptions<K extends JobKind> = {
  onProgress?: (progress: Jobs[K]['progress']) => void;
  signal?: AbortSignal;
  /** Tests shorten it to reach the terminate path deterministically. */
  graceMs?: number;
};

const CANCELLED: Record<JobKind, string> = {
  snapshot: 'Snapshot cancelled by the analyst; nothing was kept.',
  export: 'Export cancelled by the analyst; no package was written.',
  verify: 'Verification cancelled by the analyst.',
};

export function runJob<K extends JobKind>(
  ws: Pick<Workspace, 'dataDir' | 'actor'>,
  kind: K,
  params: Jobs[K]['params'],
  opts: RunJobOptions<K> = {},
): Promise<Jobs[K]['result']> {
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(new CancelledError(CANCELLED[kind]));
  const input = {
    kind,
    params,
    context: { dbFile: path.join(ws.dataDir, DATABASE_FILE), actor: ws.actor },
  } as WorkerInput;
  const entry = workerEntry();

  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(entry.url, { workerData: { ...input, sourceEntry: entry.sourceEntry } });
    } catch (err) {
      reject(new Error(`The background worker for this ${kind} could not start: ${(err as Error).message}`));
      return;
    }
    const owned = new Set<string>();
    let settled = false;
    let killed = false;
    let killTimer: NodeJS.Timeout | undefined;

    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      killTimer = setTimeout(() => {
        killed = true;
        void worker.terminate();
      }, opts.graceMs ?? CANCEL_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: FromWorker) => {
      if (settled) return;
      switch (message.type) {
        case 'progress':
          try {
            opts.onProgress?.(message.progress as Jobs[K]['progress']);
          } catch {
            // A broken progress listener must not end the job.
          }
          return;
        case 'owns':
          owned.add(message.path);
          return;
        case 'result':
          finish(() => resolve(message.value as Jobs[K]['result']));
          // The worker has closed its database and is only returning; do not wait for it to wind down.
          void worker.terminate();
          return;
        case 'error':
          finish(() =>
            reject(
              message.code === 'cancelled'
                ? new CancelledError(CANCELLED[kind])
                : jobError(message.code, message.message),
            ),
          );
          void worker.terminate();
          return;
      }
    });
    worker.on('error', (err) => {
      finish(() => reject(new Error(`The ${kind} worker failed: ${err.message}`)));
    });
    worker.on('exit', (code) => {
      if (settled) return;
      if (killed) {
        // Terminated mid-step: its finally blocks never ran, so remove what it was building.
        for (const p of owned) fs.rmSync(p, { recursive: true, force: true });
        const cause = `its worker did not stop within ${opts.graceMs ?? CANCEL_GRACE_MS} ms and was terminated`;
        finish(() => reject(new CancelledError(CANCELLED[kind], { cause })));
        return;
      }
      finish(() =>
        reject(new Error(`The ${kind} worker stopped (exit code ${code}) before reporting a result.`)),
      );
    });
  });
}

/**
 * From the esbuild bundle (dist/main/*.mjs) the worker is dist/main/job-worker.mjs. From source (tsx, vitest)
 * it is main/jobs/worker.ts, loaded through a small .mjs that registers tsx first: Node 20 does not apply
 * `execArgv: ['--import', 'tsx']` to a worker's entry module (it fails with ERR_UNKNOWN_FILE_EXTENSION).
 */
export function workerEntry(): { url: URL; sourceEntry?: string } {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) {
    return {
      url: new URL('./worker-from-source.mjs', here),
      sourceEntry: new URL('./worker.ts', here).href,
    };
  }
  return { url: new URL('./job-worker.mjs', here) };
}
