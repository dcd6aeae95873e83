// One snapshot, start to finish: resolve credentials -> collect (read-only) -> write + evaluate + seal in one
// transaction, on a job worker. Progress and the outcome go out as contract events; every step lands in the
// audit log.
import crypto from 'node:crypto';
import { loadCheckCatalog } from '../checks/workspace-catalog';
import type { Workspace } from '../core/workspace';
import { runJob } from '../jobs/run-job';
import type { SnapshotOutcome } from '../jobs/protocol';
import { endSnapshot } from '../jobs/snapshot-job';
import { appVersion } from '../paths';
import { writeTransaction } from '../store/db';
import { acquireRunLock, releaseRunLock } from '../store/run-lock';
import { createRunningSnapshot, getSnapshot } from '../store/snapshots-repo';
import { findConnection } from './targets';

export type { SnapshotOutcome } from '../jobs/protocol';

/** Starts a snapshot in the background; returns its id at once and the outcome as a promise. */
export function startSnapshot(
  ws: Workspace,
  request: { connectionId: string; regions?: string[] },
): { snapshotId: string; done: Promise<SnapshotOutcome> } {
  findConnection(request.connectionId);
  const snapshotId = crypto.randomUUID();
  // Recorded on the snapshot as the pack it was started with; the evaluation records the pack it ran.
  const catalog = loadCheckCatalog(ws.dataDir);
  // The owner record exists before the row and outlives its 'running' state, so another process opening the
  // workspace never fails this run while this process lives (main/store/run-lock.ts).
  acquireRunLock(ws.runsDir, snapshotId);
  try {
    writeTransaction(ws.db, 'Starting the snapshot', () => {
      createRunningSnapshot(ws.db, {
        id: snapshotId,
        connection: request.connectionId,
        provider: 'aws',
        startedAt: new Date().toISOString(),
        toolVersion: appVersion(),
        catalogVersion: catalog.catalogVersion,
      });
      ws.audit('snapshot.start', `snapshot:${snapshotId}`, {
        connection: request.connectionId,
        regions: request.regions ?? 'all enabled',
        catalogVersion: catalog.catalogVersion,
        checkProblems: catalog.problems,
      });
    });
  } catch (err) {
    releaseRunLock(ws.runsDir, snapshotId);
    throw err;
  }
  const controller = new AbortController();
  ws.running.set(snapshotId, controller);
  const done = run(ws, snapshotId, request, controller.signal).finally(() => {
    ws.running.delete(snapshotId);
    releaseRunLock(ws.runsDir, snapshotId);
  });
  return { snapshotId, done };
}

export function cancelSnapshot(ws: Workspace, snapshotId: string): boolean {
  const c = ws.running.get(snapshotId);
  if (!c) return false;
  c.abort();
  ws.audit('snapshot.cancel', `snapshot:${snapshotId}`);
  return true;
}

/**
 * Runs the collection on a job worker (main/jobs/snapshot-job.ts) so neither the API calls nor the big
 * seal-and-evaluate transaction hold up the thread that answers the UI. The worker writes the outcome;
 * this side relays progress and announces the end.
 */
async function run(
  ws: Workspace,
  snapshotId: string,
  request: { connectionId: string; regions?: string[] },
  signal: AbortSignal,
): Promise<SnapshotOutcome> {
  let outcome: SnapshotOutcome;
  try {
    outcome = await runJob(
      ws,
      'snapshot',
      { snapshotId, connectionId: request.connectionId, regions: request.regions },
      { signal, onProgress: (p) => ws.events.emit('snapshot.progress', { snapshotId, ...p }) },
    );
  } catch (err) {
    outcome = endUnreported(ws, snapshotId, signal, err);
  }
  ws.events.emit('snapshot.finished', outcome);
  return outcome;
}

/**
 * The worker ended without reporting (it could not start, crashed, or was terminated after the cancel grace
 * period): its transaction was rolled back with its connection, so end the row here; it must never stay
 * 'running'. A seal that committed just before the end still counts as complete.
 */
function endUnreported(
  ws: Workspace,
  snapshotId: string,
  signal: AbortSignal,
  err: unknown,
): SnapshotOutcome {
  const message = err instanceof Error ? err.message : String(err);
  if (!ws.db.open) return { snapshotId, status: signal.aborted ? 'cancelled' : 'failed', message };
  const now = getSnapshot(ws.db, snapshotId);
  if (now?.status === 'complete') {
    return { snapshotId, status: 'complete', message: `Snapshot complete: ${now.resourceCount} resources` };
  }
  return endSnapshot(ws.db, ws.actor, snapshotId, signal.aborted ? 'cancelled' : 'failed', message);
}
