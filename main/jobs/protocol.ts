// What crosses between the thread that serves the UI and a job worker (main/jobs/worker.ts). Plain data
// only: messages are structured-cloned, so errors travel as {code, message} and are rebuilt on the other side
// as the core's own error classes, which the dispatcher maps to the contract's error codes.
import type {
  ExportProgress,
  ExportResult,
  FrameworkId,
  SnapshotProgress,
  VerifyResult,
} from '../../shared/domain';
import { CancelledError, NotFoundError, RefusedError } from '../core/errors';

/** Where a job finds the workspace: its database file (the worker opens its own connection) and who acts. */
export type JobContext = { dbFile: string; actor: string };

export type SnapshotOutcome = {
  snapshotId: string;
  status: 'complete' | 'failed' | 'cancelled';
  message: string;
};

export type Jobs = {
  /** Collect, then seal and evaluate in one transaction (main/jobs/snapshot-job.ts). */
  snapshot: {
    params: {
      /** The snapshot's id; for a whole-organisation run, the run's id (its account snapshots get their own). */
      snapshotId: string;
      connectionId: string;
      regions?: string[];
      /** A one-off endpoint for a profile or environment connection (CLI --endpoint-url). */
      endpointUrl?: string;
      /** Collect every account of the organisation (main/collect/org-run.ts). */
      organization?: { roleName: string; maxAccountsInParallel: number };
      /**
       * An Azure connection: one snapshot per subscription, grouped in a run (main/collect/azure-run.ts);
       * `subscriptions` absent or empty = every subscription the identity can read.
       */
      azure?: { subscriptions?: string[] };
    };
    progress: Omit<SnapshotProgress, 'snapshotId'>;
    result: SnapshotOutcome;
  };
  export: {
    params:
      | { snapshotId: string; framework: FrameworkId; outputDir: string; keyDir: string }
      /** One package for a whole assessment (main/export/assessment-package.ts). */
      | { assessmentId: string; outputDir: string; keyDir: string; dataDir: string };
    progress: Omit<ExportProgress, 'requestId'>;
    result: ExportResult;
  };
  verify: {
    /** `trusted`: fingerprint -> name, read by the caller so the worker needs no database. */
    params: { path: string; expectKey?: string; trusted: ReadonlyMap<string, string> };
    progress: never;
    result: VerifyResult;
  };
};
export type JobKind = keyof Jobs;

export type WorkerInput = {
  [K in JobKind]: { kind: K; params: Jobs[K]['params']; context: JobContext };
}[JobKind];

export type ToWorker = { type: 'cancel' };

/** What a job body gets from the worker around it. */
export type JobHooks<P> = {
  signal: AbortSignal;
  progress(p: P): void;
  /** Declares a path the job is creating, so the parent can remove it if it has to kill the thread. */
  owns(path: string): void;
};

export type JobErrorCode = 'not-found' | 'refused' | 'failed' | 'cancelled';

export type FromWorker =
  | { type: 'progress'; progress: Jobs[JobKind]['progress'] }
  /** A file or folder the job created that must not outlive it if it is killed (e.g. a staging folder). */
  | { type: 'owns'; path: string }
  | { type: 'result'; value: Jobs[JobKind]['result'] }
  | { type: 'error'; code: JobErrorCode; message: string };

/** What the worker sends for a failed job. */
export function describeJobError(err: unknown, signal: AbortSignal): { code: JobErrorCode; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (signal.aborted || (err instanceof Error && err.name === 'AbortError') || err instanceof CancelledError)
    return { code: 'cancelled', message };
  if (err instanceof NotFoundError) return { code: 'not-found', message };
  if (err instanceof RefusedError) return { code: 'refused', message };
  return { code: 'failed', message };
}

/** The core error class for a code from the worker, so dispatch maps it to the same contract code. */
export function jobError(code: JobErrorCode, message: string): Error {
  if (code === 'not-found') return new NotFoundError(message);
  if (code === 'refused') return new RefusedError(message);
  if (code === 'cancelled') return new CancelledError(message);
  return new Error(message);
}
