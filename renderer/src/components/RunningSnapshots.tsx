// The header's "collecting now" strip: every snapshot or organisation run still running, with its progress,
// whichever window started it. After a reload it picks the run up from snapshots.running, so the analyst
// never loses sight of (or the Cancel for) a collection that is still going. A run is named for its cloud: an
// AWS organisation run, or an Azure run with its Entra ID tenant (from runs.list: recorded once the run has
// listed the subscriptions, so it is asked again as the run moves on until it is known).
import { useEffect, useState } from 'react';
import type { RunningSnapshot } from '../../../shared/domain';
import { call } from '../lib/api';
import { useReportError } from '../lib/errors';
import { plural } from '../lib/format';
import { useRunningSnapshots } from '../lib/use-running-snapshots';
import { runNoun, type RunCloud } from './azure-labels';

function percentOf(r: RunningSnapshot): number {
  const p = r.progress;
  if (!p || p.total <= 0) return 0;
  return Math.round((Math.min(p.done, p.total) / p.total) * 100);
}

/** The cloud (and, for Azure, the tenant) of a running collection run; null until known or for a snapshot. */
function useRunCloud(run: RunningSnapshot): RunCloud | null {
  const [cloud, setCloud] = useState<RunCloud | null>(null);
  const isRun = run.kind === 'organization';
  const settled = cloud !== null && (cloud.provider === 'aws' || cloud.tenant !== null);
  // Asked again when the progress message changes (the tenant is recorded after Subscriptions_List), until known.
  const step = run.progress?.message ?? '';
  useEffect(() => {
    if (!isRun || settled) return;
    let live = true;
    call('runs.list', {}).then(
      (runs) => {
        const r = runs.find((x) => x.id === run.snapshotId);
        if (!live || !r) return;
        const provider = r.provider ?? 'aws';
        setCloud({ provider, tenant: provider === 'azure' ? (r.organizationId ?? null) : null });
      },
      // The label falls back to "Collection run"; the strip itself still works, so nothing to report.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [isRun, settled, run.snapshotId, step]);
  return cloud;
}

function RunningItem({ run }: { run: RunningSnapshot }) {
  const reportError = useReportError();
  const [cancelling, setCancelling] = useState(false);
  const p = run.progress;
  const noun = runNoun(run, useRunCloud(run));
  const where = [p?.accountName ?? p?.account, p?.service, p?.region].filter(Boolean).join(' · ');
  const detail = p
    ? `${p.phase} ${p.done} / ${p.total}${where ? ` · ${where}` : ''}`
    : run.ownedHere
      ? 'waiting for the collector…'
      : 'collecting in another Evidence Desk process';
  return (
    <div
      className="running-snapshot"
      data-testid="running-snapshot"
      data-snapshot-id={run.snapshotId}
      data-phase={p?.phase ?? 'starting'}
      role="status"
      title={`${noun} ${run.snapshotId}${run.connection ? ` on ${run.connection}` : ''}${p ? `: ${p.message}` : ''}`}
    >
      <span className="running-snapshot__label">{noun} running</span>
      <progress
        className="running-snapshot__bar"
        max={100}
        value={percentOf(run)}
        aria-label={`${noun} progress`}
        data-testid="running-snapshot-progress"
      />
      <span className="running-snapshot__detail truncate" data-testid="running-snapshot-detail">
        {detail}
      </span>
      {run.ownedHere ? (
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="running-snapshot-cancel"
          disabled={cancelling}
          onClick={() => {
            setCancelling(true);
            call('snapshots.cancel', { snapshotId: run.snapshotId }).then(
              () => setCancelling(false),
              (err: unknown) => {
                setCancelling(false);
                reportError(err, 'snapshots.cancel');
              },
            );
          }}
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      ) : null}
    </div>
  );
}

export function RunningSnapshots() {
  const running = useRunningSnapshots();
  if (running.length === 0) return null;
  return (
    <div
      className="running-snapshots"
      data-testid="running-snapshots"
      aria-label={plural(running.length, 'collection running', 'collections running')}
    >
      {running.map((r) => (
        <RunningItem key={r.snapshotId} run={r} />
      ))}
    </div>
  );
}
