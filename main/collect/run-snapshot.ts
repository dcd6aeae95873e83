// One snapshot, start to finish: resolve credentials -> collect (read-only) -> write + evaluate + seal in one
// transaction, on a job worker. Progress and the outcome go out as contract events; every step lands in the
// audit log.
import crypto from 'node:crypto';
import { DEFAULT_MEMBER_ROLE, MAX_ACCOUNTS_IN_PARALLEL, MemberRoleName } from '../../shared/domain';
import { loadCheckCatalog } from '../checks/workspace-catalog';
import { RefusedError } from '../core/errors';
import type { Workspace } from '../core/workspace';
import { runJob } from '../jobs/run-job';
import type { Jobs, SnapshotOutcome } from '../jobs/protocol';
import { endSnapshot } from '../jobs/snapshot-job';
import { appVersion } from '../paths';
import { writeTransaction } from '../store/db';
import { acquireRunLock, releaseRunLock, whyRunIsAbandoned } from '../store/run-lock';
import { createRunningSnapshot, getSnapshot } from '../store/snapshots-repo';
import {
  createRun,
  endRun,
  failAbandonedCollectionRuns,
  getRun,
  runOfSnapshot,
  runningSnapshotsOfRun,
} from '../store/collection-runs-repo';
import { getSetting } from '../store/settings-repo';
import { findAzureConnection, findConnection } from './targets';

export type { SnapshotOutcome } from '../jobs/protocol';

/** Starts a snapshot in the background; returns its id at once and the outcome as a promise. */
export function startSnapshot(
  ws: Workspace,
  request: { connectionId: string; regions?: string[]; endpointUrl?: string },
): { snapshotId: string; done: Promise<SnapshotOutcome> } {
  const connection = findConnection(request.connectionId, {
    customEndpoints: getSetting(ws.db, 'customEndpoints'),
    endpointUrl: request.endpointUrl,
  });
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
        // Where the calls go is part of what the snapshot is evidence of: an emulator is not the account.
        ...(request.endpointUrl !== undefined
          ? { endpoint: request.endpointUrl }
          : connection.kind === 'custom-endpoint'
            ? { endpoint: connection.source }
            : {}),
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

/**
 * Cancels a snapshot, or a whole-organisation run given its id or the id of any of its account snapshots:
 * cancel stops the whole run.
 */
export function cancelSnapshot(ws: Workspace, snapshotId: string): boolean {
  const own = ws.running.get(snapshotId);
  const runId = own ? null : runOfSnapshot(ws.db, snapshotId);
  const c = own ?? (runId ? ws.running.get(runId) : undefined);
  if (!c) return false;
  c.abort();
  if (runId) ws.audit('run.cancel', `run:${runId}`, { from: `snapshot:${snapshotId}` });
  else if (getRun(ws.db, snapshotId)) ws.audit('run.cancel', `run:${snapshotId}`);
  else ws.audit('snapshot.cancel', `snapshot:${snapshotId}`);
  return true;
}

/** Three accounts at once: each runs its own bounded collection, so the total stays modest. */
export const DEFAULT_ACCOUNTS_IN_PARALLEL = 3;

export type OrganizationRunRequest = {
  connectionId: string;
  regions?: string[];
  roleName?: string;
  maxAccountsInParallel?: number;
};

/**
 * Starts a whole-organisation run in the background (main/collect/org-run.ts on a job worker): one snapshot
 * per account reached, grouped in one run. Returns the run's id at once; progress and the end are announced
 * as snapshot events under that id.
 */
export function startOrganizationRun(
  ws: Workspace,
  request: OrganizationRunRequest,
): { runId: string; done: Promise<SnapshotOutcome> } {
  findConnection(request.connectionId);
  const roleName = MemberRoleName.parse(request.roleName ?? DEFAULT_MEMBER_ROLE);
  const maxAccountsInParallel = request.maxAccountsInParallel ?? DEFAULT_ACCOUNTS_IN_PARALLEL;
  if (!(
    Number.isInteger(maxAccountsInParallel) &&
    maxAccountsInParallel >= 1 &&
    maxAccountsInParallel <= MAX_ACCOUNTS_IN_PARALLEL
  ))
    throw new RefusedError(
      `Accounts in parallel must be a whole number from 1 to ${MAX_ACCOUNTS_IN_PARALLEL}.`,
    );
  // A run whose process died never ends by itself: end it (and its account snapshots) before starting anew.
  writeTransaction(ws.db, 'Checking for abandoned organisation runs', () =>
    failAbandonedCollectionRuns(ws.db, (id) => whyRunIsAbandoned(ws.runsDir, id)),
  );
  const runId = crypto.randomUUID();
  acquireRunLock(ws.runsDir, runId);
  try {
    writeTransaction(ws.db, 'Starting the organisation run', () => {
      createRun(ws.db, {
        id: runId,
        connection: request.connectionId,
        roleName,
        startedAt: new Date().toISOString(),
      });
      ws.audit('run.start', `run:${runId}`, {
        connection: request.connectionId,
        roleName,
        maxAccountsInParallel,
        regions: request.regions ?? 'all enabled',
      });
    });
  } catch (err) {
    releaseRunLock(ws.runsDir, runId);
    throw err;
  }
  const controller = new AbortController();
  ws.running.set(runId, controller);
  const done = runOrganizationJob(
    ws,
    runId,
    {
      snapshotId: runId,
      connectionId: request.connectionId,
      regions: request.regions,
      organization: { roleName, maxAccountsInParallel },
    },
    controller.signal,
  ).finally(() => {
    ws.running.delete(runId);
    releaseRunLock(ws.runsDir, runId);
  });
  return { runId, done };
}

/**
 * Starts an Azure run in the background (main/collect/azure-run.ts on a job worker): one snapshot per
 * subscription (the chosen ones, or every one the identity can read), grouped in one run. Checks first that
 * the connection is usable here (its provider looks again: az may have logged out), so a run row exists only
 * for a connection that was there. Progress, finish and cancel go by the run's id, as for an organisation run.
 */
export async function startAzureRun(
  ws: Workspace,
  request: { connectionId: string; subscriptions?: string[] },
): Promise<{ runId: string; done: Promise<SnapshotOutcome> }> {
  const connection = await findAzureConnection(request.connectionId);
  writeTransaction(ws.db, 'Checking for abandoned runs', () =>
    failAbandonedCollectionRuns(ws.db, (id) => whyRunIsAbandoned(ws.runsDir, id)),
  );
  const runId = crypto.randomUUID();
  acquireRunLock(ws.runsDir, runId);
  try {
    writeTransaction(ws.db, 'Starting the Azure run', () => {
      // The runs table is shared with organisation runs; an Azure identity assumes no role (RBAC applies).
      createRun(ws.db, {
        id: runId,
        connection: request.connectionId,
        roleName: AZURE_RUN_ROLE,
        startedAt: new Date().toISOString(),
      });
      ws.audit('run.start', `run:${runId}`, {
        connection: request.connectionId,
        provider: 'azure',
        source: connection.source,
        subscriptions: request.subscriptions?.length ? request.subscriptions : 'all readable',
      });
    });
  } catch (err) {
    releaseRunLock(ws.runsDir, runId);
    throw err;
  }
  const controller = new AbortController();
  ws.running.set(runId, controller);
  const done = runOrganizationJob(
    ws,
    runId,
    {
      snapshotId: runId,
      connectionId: request.connectionId,
      azure: request.subscriptions?.length ? { subscriptions: request.subscriptions } : {},
    },
    controller.signal,
  ).finally(() => {
    ws.running.delete(runId);
    releaseRunLock(ws.runsDir, runId);
  });
  return { runId, done };
}

/** What an Azure run records as its "role": none is assumed, each subscription is read with the identity's RBAC. */
export const AZURE_RUN_ROLE = '(Azure RBAC)';

async function runOrganizationJob(
  ws: Workspace,
  runId: string,
  params: Jobs['snapshot']['params'],
  signal: AbortSignal,
): Promise<SnapshotOutcome> {
  let outcome: SnapshotOutcome;
  try {
    outcome = await runJob(ws, 'snapshot', params, {
      signal,
      onProgress: (p) => ws.events.emit('snapshot.progress', { snapshotId: runId, ...p }),
    });
  } catch (err) {
    outcome = endRunUnreported(ws, runId, signal, err);
  }
  ws.events.emit('snapshot.finished', outcome);
  return outcome;
}

/**
 * The run's worker ended without reporting (crashed, or terminated after the cancel grace period): end its
 * account snapshots still 'running' and the run itself here; none may stay 'running'.
 */
function endRunUnreported(ws: Workspace, runId: string, signal: AbortSignal, err: unknown): SnapshotOutcome {
  const status = signal.aborted ? 'cancelled' : 'failed';
  const message = err instanceof Error ? err.message : String(err);
  if (!ws.db.open) return { snapshotId: runId, status, message };
  for (const id of runningSnapshotsOfRun(ws.db, runId)) endSnapshot(ws.db, ws.actor, id, status, message);
  writeTransaction(ws.db, 'Ending the organisation run', () => {
    if (endRun(ws.db, runId, status, message)) ws.audit(`run.${status}`, `run:${runId}`, { message });
  });
  return { snapshotId: runId, status, message };
}

/**
 * Runs the collection on a job worker (main/jobs/snapshot-job.ts) so neither the API calls nor the big
 * seal-and-evaluate transaction hold up the thread that answers the UI. The worker writes the outcome;
 * this side relays progress and announces the end.
 */
async function run(
  ws: Workspace,
  snapshotId: string,
  request: { connectionId: string; regions?: string[]; endpointUrl?: string },
  signal: AbortSignal,
): Promise<SnapshotOutcome> {
  let outcome: SnapshotOutcome;
  try {
    outcome = await runJob(
      ws,
      'snapshot',
      {
        snapshotId,
        connectionId: request.connectionId,
        regions: request.regions,
        ...(request.endpointUrl !== undefined ? { endpointUrl: request.endpointUrl } : {}),
      },
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
