// The body of a snapshot, run on a job worker: resolve credentials -> collect (read-only, streamed into
// staging rows as it arrives) -> move + evaluate + seal in one transaction, on the worker's own database
// connection. The 'running' row, the start audit entry and the contract events stay with the caller
// (main/collect/run-snapshot.ts); the outcome is written here, where the work happened, and returned.
import path from 'node:path';
import { evaluateSnapshot } from '../checks/engine';
import { describeCatalog, loadCheckCatalog } from '../checks/workspace-catalog';
import { collectAws } from '../collect/aws/index';
import { resolveTarget } from '../collect/targets';
import { appendAudit } from '../evidence/audit-log';
import { openDatabase, SEAL_BUSY_TIMEOUT_MS, writeTransaction, type Db } from '../store/db';
import { endSnapshotUnsuccessfully, getSnapshot, sealSnapshot } from '../store/snapshots-repo';
import { SnapshotStaging } from '../store/staging';
import type { JobContext, JobHooks, Jobs, SnapshotOutcome } from './protocol';

export const SNAPSHOT_CANCELLED_MESSAGE = 'Snapshot cancelled by the analyst; nothing was kept.';

type Params = Jobs['snapshot']['params'];

export async function runSnapshotJob(
  ctx: JobContext,
  params: Params,
  hooks: JobHooks<Jobs['snapshot']['progress']>,
): Promise<SnapshotOutcome> {
  const db = openDatabase(ctx.dbFile, { alreadyChecked: true });
  try {
    // The checks in force are the workspace's: built-in plus its custom checks folder, beside the database.
    return await collectAndSeal(db, ctx.actor, path.dirname(ctx.dbFile), params, hooks);
  } finally {
    db.close();
  }
}

async function collectAndSeal(
  db: Db,
  actor: string,
  workspaceDir: string,
  { snapshotId, connectionId, regions }: Params,
  { signal, progress }: JobHooks<Jobs['snapshot']['progress']>,
): Promise<SnapshotOutcome> {
  const audit = (action: string, details: Record<string, unknown>) =>
    appendAudit(db, { actor, action, entity: `snapshot:${snapshotId}`, details });
  let close: () => Promise<void> = async () => {};
  let staging: SnapshotStaging | undefined;
  try {
    progress({
      phase: 'collecting',
      service: null,
      region: null,
      done: 0,
      total: 1,
      message: 'Resolving credentials',
    });
    const resolved = await resolveTarget(connectionId, regions);
    close = resolved.close;
    // Items stream into staging rows on this connection as they arrive; nothing is visible until the seal.
    const sink = new SnapshotStaging(db, snapshotId, signal, progress);
    staging = sink;
    const { identity, regions: collectedRegions } = await collectAws(resolved.target, sink);
    if (signal.aborted) throw abortError();
    const catalog = loadCheckCatalog(workspaceDir);
    progress({
      phase: 'evaluating',
      service: null,
      region: null,
      done: 0,
      total: catalog.checks.length,
      message: describeCatalog(catalog, sink.resourceCount),
    });
    // Another process may be writing to this workspace (the app and the CLI at once): take the write lock up
    // front and wait for it longer than an ordinary write rather than lose the collection.
    writeTransaction(
      db,
      'Saving the snapshot',
      () =>
        sealSnapshot(
          db,
          snapshotId,
          { account: identity.account, identity: identity.arn, regions: collectedRegions },
          sink,
          (tx, id) => evaluateSnapshot(tx, id, catalog.checks, catalog.catalogVersion),
        ),
      SEAL_BUSY_TIMEOUT_MS,
    );
    const summary = getSnapshot(db, snapshotId);
    const message = `Snapshot complete: ${summary?.resourceCount ?? 0} resources, ${summary?.errorCount ?? 0} collection gaps`;
    audit('snapshot.complete', {
      contentSha256: summary?.contentSha256,
      resources: summary?.resourceCount,
      gaps: summary?.errorCount,
      identity: identity.arn,
    });
    progress({ phase: 'done', service: null, region: null, done: 1, total: 1, message });
    return { snapshotId, status: 'complete', message };
  } catch (err) {
    // A cancelled or failed run keeps nothing, not even staged rows on this connection.
    staging?.discard();
    const cancelled = signal.aborted || (err as Error).name === 'AbortError';
    return endSnapshot(db, actor, snapshotId, cancelled ? 'cancelled' : 'failed', (err as Error).message);
  } finally {
    await close();
  }
}

/** Marks a run failed or cancelled (nothing of it is kept) with its audit entry; used by the caller too. */
export function endSnapshot(
  db: Db,
  actor: string,
  snapshotId: string,
  status: 'failed' | 'cancelled',
  reason: string,
): SnapshotOutcome {
  const message = status === 'cancelled' ? SNAPSHOT_CANCELLED_MESSAGE : reason;
  endSnapshotUnsuccessfully(db, snapshotId, status, message);
  appendAudit(db, {
    actor,
    action: `snapshot.${status}`,
    entity: `snapshot:${snapshotId}`,
    details: { reason: message },
  });
  return { snapshotId, status, message };
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}
