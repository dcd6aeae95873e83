// One snapshot, start to finish: resolve credentials -> collect (read-only) -> write + evaluate + seal in one
// transaction. Progress and the outcome go out as contract events; every step lands in the audit log.
import crypto from 'node:crypto';
import { CATALOG_VERSION, allChecks } from '../checks/catalog';
import { evaluateSnapshot } from '../checks/engine';
import type { Workspace } from '../core/workspace';
import { appVersion } from '../paths';
import {
  createRunningSnapshot,
  endSnapshotUnsuccessfully,
  getSnapshot,
  sealSnapshot,
} from '../store/snapshots-repo';
import { collectAws } from './aws/index';
import { findConnection, resolveTarget } from './targets';
import { CollectionBuffer } from './types';

export type SnapshotOutcome = {
  snapshotId: string;
  status: 'complete' | 'failed' | 'cancelled';
  message: string;
};

/** Starts a snapshot in the background; returns its id at once and the outcome as a promise. */
export function startSnapshot(
  ws: Workspace,
  request: { connectionId: string; regions?: string[] },
): { snapshotId: string; done: Promise<SnapshotOutcome> } {
  findConnection(request.connectionId);
  const snapshotId = crypto.randomUUID();
  createRunningSnapshot(ws.db, {
    id: snapshotId,
    connection: request.connectionId,
    provider: 'aws',
    startedAt: new Date().toISOString(),
    toolVersion: appVersion(),
    catalogVersion: CATALOG_VERSION,
  });
  ws.audit('snapshot.start', `snapshot:${snapshotId}`, {
    connection: request.connectionId,
    regions: request.regions ?? 'all enabled',
  });
  const controller = new AbortController();
  ws.running.set(snapshotId, controller);
  const done = run(ws, snapshotId, request, controller.signal).finally(() => ws.running.delete(snapshotId));
  return { snapshotId, done };
}

export function cancelSnapshot(ws: Workspace, snapshotId: string): boolean {
  const c = ws.running.get(snapshotId);
  if (!c) return false;
  c.abort();
  ws.audit('snapshot.cancel', `snapshot:${snapshotId}`);
  return true;
}

async function run(
  ws: Workspace,
  snapshotId: string,
  request: { connectionId: string; regions?: string[] },
  signal: AbortSignal,
): Promise<SnapshotOutcome> {
  const progress = (p: Parameters<CollectionBuffer['progress']>[0]) =>
    ws.events.emit('snapshot.progress', { snapshotId, ...p });
  let close: () => Promise<void> = async () => {};
  try {
    progress({
      phase: 'collecting',
      service: null,
      region: null,
      done: 0,
      total: 1,
      message: 'Resolving credentials',
    });
    const resolved = await resolveTarget(request.connectionId, request.regions);
    close = resolved.close;
    const buffer = new CollectionBuffer(signal, progress);
    const { identity, regions } = await collectAws(resolved.target, buffer);
    if (signal.aborted) throw abortError();
    progress({
      phase: 'evaluating',
      service: null,
      region: null,
      done: 0,
      total: allChecks.length,
      message: `Running ${allChecks.length} checks over ${buffer.resources.length} resources`,
    });
    sealSnapshot(
      ws.db,
      snapshotId,
      { account: identity.account, identity: identity.arn, regions },
      buffer,
      (db, id) => evaluateSnapshot(db, id, allChecks, CATALOG_VERSION),
    );
    const summary = getSnapshot(ws.db, snapshotId);
    const message = `Snapshot complete: ${summary?.resourceCount ?? 0} resources, ${summary?.errorCount ?? 0} collection gaps`;
    ws.audit('snapshot.complete', `snapshot:${snapshotId}`, {
      contentSha256: summary?.contentSha256,
      resources: summary?.resourceCount,
      gaps: summary?.errorCount,
      identity: identity.arn,
    });
    progress({ phase: 'done', service: null, region: null, done: 1, total: 1, message });
    ws.events.emit('snapshot.finished', { snapshotId, status: 'complete', message });
    return { snapshotId, status: 'complete', message };
  } catch (err) {
    const cancelled = signal.aborted || (err as Error).name === 'AbortError';
    const status = cancelled ? 'cancelled' : 'failed';
    const message = cancelled
      ? 'Snapshot cancelled by the analyst; nothing was kept.'
      : (err as Error).message;
    endSnapshotUnsuccessfully(ws.db, snapshotId, status, message);
    ws.audit(`snapshot.${status}`, `snapshot:${snapshotId}`, { reason: message });
    ws.events.emit('snapshot.finished', { snapshotId, status, message });
    return { snapshotId, status, message };
  } finally {
    await close();
  }
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}
