// The snapshots and organisation runs collecting right now, with their latest progress. The list comes from
// the core (snapshots.running), so a window that was reloaded or opened mid-run shows the run at once, and is
// kept current by the snapshot.progress / snapshot.finished events every window receives.
import { useEffect, useState } from 'react';
import type { RunningSnapshot } from '../../../shared/domain';
import { api, call } from './api';
import { useReportError } from './errors';

export function useRunningSnapshots(): RunningSnapshot[] {
  const reportError = useReportError();
  const [byId, setById] = useState<ReadonlyMap<string, RunningSnapshot>>(new Map());

  useEffect(() => {
    let live = true;
    // Runs that ended while the list was on its way must not come back from that (older) answer.
    const ended = new Set<string>();
    const offProgress = api.on('snapshot.progress', (p) =>
      setById((m) => {
        const next = new Map(m);
        const known = m.get(p.snapshotId);
        next.set(p.snapshotId, {
          snapshotId: p.snapshotId,
          kind: known?.kind ?? (p.runId ? 'organization' : 'snapshot'),
          connection: known?.connection ?? null,
          startedAt: known?.startedAt ?? null,
          ownedHere: known?.ownedHere ?? true,
          progress: p,
        });
        return next;
      }),
    );
    const offFinished = api.on('snapshot.finished', (f) => {
      ended.add(f.snapshotId);
      setById((m) => {
        if (!m.has(f.snapshotId)) return m;
        const next = new Map(m);
        next.delete(f.snapshotId);
        return next;
      });
    });
    // Subscribed first, listed second: nothing said between the two is lost.
    call('snapshots.running', {}).then(
      (list) => {
        if (!live) return;
        setById((m) => {
          const next = new Map(m);
          for (const r of list) {
            if (ended.has(r.snapshotId)) continue;
            // An event that already arrived is at least as new as the list's snapshot of the progress.
            const seen = m.get(r.snapshotId)?.progress;
            next.set(r.snapshotId, { ...r, progress: seen ?? r.progress });
          }
          return next;
        });
      },
      (err: unknown) => {
        if (live) reportError(err, 'snapshots.running');
      },
    );
    return () => {
      live = false;
      offProgress();
      offFinished();
    };
  }, [reportError]);

  return [...byId.values()];
}
