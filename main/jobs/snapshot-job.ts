// The body of a snapshot, run on a job worker: resolve credentials -> collect (read-only, streamed into
// staging rows as it arrives) -> move + evaluate + seal in one transaction, on the worker's own database
// connection. The 'running' row, the start audit entry and the contract events stay with the caller
// (main/collect/run-snapshot.ts); the outcome is written here, where the work happened, and returned.
import path from 'node:path';
import { evaluateSnapshot } from '../checks/engine';
import { describeCatalog, loadCheckCatalog } from '../checks/workspace-catalog';
import { collectAws, type AwsTarget } from '../collect/aws/index';
import { runOrganization } from '../collect/org-run';
import { resolveTarget } from '../collect/targets';
import { DEMO_APPROVED_REGIONS } from '../demo/approved-regions';
import { appendAudit } from '../evidence/audit-log';
import { openDatabase, SEAL_BUSY_TIMEOUT_MS, writeTransaction, type Db } from '../store/db';
import { getSetting } from '../store/settings-repo';
import { endSnapshotUnsuccessfully, getSnapshot, sealSnapshot } from '../store/snapshots-repo';
import { SnapshotStaging } from '../collect/staging-sink';
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
    if (params.organization) {
      return await runOrganization(db, ctx.actor, path.dirname(ctx.dbFile), params, hooks);
    }
    if (params.azure) {
      // One snapshot per subscription, grouped in a run (main/collect/azure-run.ts).
      const { runAzure } = await import('../collect/azure-run');
      return await runAzure(db, ctx.actor, path.dirname(ctx.dbFile), params, hooks);
    }
    return await collectAndSeal(db, ctx.actor, path.dirname(ctx.dbFile), params, hooks);
  } finally {
    db.close();
  }
}

/**
 * One account, collected and sealed. `given`: credentials already resolved (an organisation run's member
 * account, reached through an assumed role); otherwise the connection is resolved here.
 */
export async function collectAndSeal(
  db: Db,
  actor: string,
  workspaceDir: string,
  { snapshotId, connectionId, regions, endpointUrl }: Params,
  hooks: Pick<JobHooks<Jobs['snapshot']['progress']>, 'signal' | 'progress'>,
  given?: { target: AwsTarget },
): Promise<SnapshotOutcome> {
  let close: () => Promise<void> = async () => {};
  try {
    return await stageAndSeal(db, actor, workspaceDir, snapshotId, hooks, async (sink) => {
      hooks.progress({
        phase: 'collecting',
        service: null,
        region: null,
        done: 0,
        total: 1,
        message: 'Resolving credentials',
      });
      const resolved = given
        ? { target: given.target, close: async () => {} }
        : await resolveTarget(connectionId, regions, {
            // Custom endpoint connections are saved in the workspace (shared/custom-endpoint.ts).
            customEndpoints: getSetting(db, 'customEndpoints'),
            endpointUrl,
          });
      close = resolved.close;
      const { identity, regions: collectedRegions } = await collectAws(resolved.target, sink, {
        approvedRegions: approvedRegionsFor(db, connectionId),
      });
      return { account: identity.account, identity: identity.arn, regions: collectedRegions };
    });
  } finally {
    await close();
  }
}

/** What a sealed snapshot is of: the account (an Azure subscription id), who collected it, where. */
export type SealMeta = { account: string | null; identity: string | null; regions: string[] };

/**
 * The provider-neutral body of every snapshot (AWS account, Azure subscription): `collect` streams into the
 * staging sink and says what the snapshot is of; then move + evaluate + seal in one transaction. A cancelled
 * or failed collection keeps nothing and ends the snapshot with its reason.
 */
export async function stageAndSeal(
  db: Db,
  actor: string,
  workspaceDir: string,
  snapshotId: string,
  { signal, progress }: Pick<JobHooks<Jobs['snapshot']['progress']>, 'signal' | 'progress'>,
  collect: (sink: SnapshotStaging) => Promise<SealMeta>,
): Promise<SnapshotOutcome> {
  const audit = (action: string, details: Record<string, unknown>) =>
    appendAudit(db, { actor, action, entity: `snapshot:${snapshotId}`, details });
  let staging: SnapshotStaging | undefined;
  try {
    // Items stream into staging rows on this connection as they arrive; nothing is visible until the seal.
    const sink = new SnapshotStaging(db, snapshotId, signal, progress);
    staging = sink;
    const meta = await collect(sink);
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
        sealSnapshot(db, snapshotId, meta, sink, (tx, id) =>
          evaluateSnapshot(tx, id, catalog.checks, catalog.catalogVersion),
        ),
      SEAL_BUSY_TIMEOUT_MS,
    );
    const summary = getSnapshot(db, snapshotId);
    const message = `Snapshot complete: ${summary?.resourceCount ?? 0} resources, ${summary?.errorCount ?? 0} collection gaps`;
    audit('snapshot.complete', {
      contentSha256: summary?.contentSha256,
      resources: summary?.resourceCount,
      gaps: summary?.errorCount,
      identity: meta.identity,
    });
    progress({ phase: 'done', service: null, region: null, done: 1, total: 1, message });
    return { snapshotId, status: 'complete', message };
  } catch (err) {
    // A cancelled or failed run keeps nothing, not even staged rows on this connection.
    staging?.discard();
    const cancelled = signal.aborted || (err as Error).name === 'AbortError';
    return endSnapshot(db, actor, snapshotId, cancelled ? 'cancelled' : 'failed', (err as Error).message);
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

/** The approved regions sealed into the snapshot: the workspace setting; for the demo, its own default. */
function approvedRegionsFor(db: Db, connectionId: string): { regions: string[]; source: string } | undefined {
  const setting = getSetting(db, 'approvedRegions').aws;
  if (setting.length > 0)
    return { regions: setting, source: 'workspace setting (Settings > Approved regions)' };
  return connectionId === 'demo' ? DEMO_APPROVED_REGIONS : undefined;
}
