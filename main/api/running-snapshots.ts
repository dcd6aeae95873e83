// What snapshots.running answers: the snapshots and organisation runs still collecting, each with the latest
// progress this process relayed. A window that is reloaded (or opened) mid-run has missed the earlier events;
// this lets it show where the run is at once and then follow its snapshot.progress events by id.
import type { RunningSnapshot, SnapshotProgress } from '../../shared/domain';
import type { Workspace } from '../core/workspace';
import { listRuns, runLinks } from '../store/collection-runs-repo';
import { listRunningSnapshots } from '../store/snapshots-repo';

/**
 * Starts remembering the latest progress of every run of this workspace's process and returns the lister.
 * Entries are dropped when the run's snapshot.finished goes out, so the map holds only live runs.
 */
export function trackRunningSnapshots(ws: Workspace): () => RunningSnapshot[] {
  const latest = new Map<string, SnapshotProgress>();
  ws.events.subscribe((event, payload) => {
    if (event === 'snapshot.progress') {
      const p = payload as SnapshotProgress;
      latest.set(p.snapshotId, p);
    } else if (event === 'snapshot.finished') {
      latest.delete((payload as { snapshotId: string }).snapshotId);
    }
  });

  return () => {
    const runningRuns = listRuns(ws.db).filter((r) => r.status === 'running');
    const runIds = new Set(runningRuns.map((r) => r.id));
    const links = runLinks(ws.db);
    const out: RunningSnapshot[] = runningRuns.map((r) => ({
      snapshotId: r.id,
      kind: 'organization',
      connection: r.connection,
      startedAt: r.startedAt,
      ownedHere: ws.running.has(r.id),
      progress: latest.get(r.id) ?? null,
    }));
    for (const s of listRunningSnapshots(ws.db)) {
      // An account snapshot of a running organisation run is followed through its run's events.
      const runId = links.get(s.id)?.runId;
      if (runId && (runIds.has(runId) || ws.running.has(runId))) continue;
      out.push({
        snapshotId: s.id,
        kind: 'snapshot',
        connection: s.connection,
        startedAt: s.startedAt,
        ownedHere: ws.running.has(s.id),
        progress: latest.get(s.id) ?? null,
      });
    }
    return out.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  };
}
