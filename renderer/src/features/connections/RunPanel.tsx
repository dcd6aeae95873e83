import { SnapshotStatusChip } from '../../components/Chip';
import { useWorkspace } from '../../lib/workspace';

/** Live progress of the run started from this window, with Cancel, then its outcome. */
export function RunPanel() {
  const { run, selectSnapshot } = useWorkspace();
  if (!run.starting && run.snapshotId === null) return null;
  const p = run.progress;
  const finished = run.finished;
  const total = p && p.total > 0 ? p.total : 0;
  const done = p ? Math.min(p.done, total || p.done) : 0;
  const percent = finished?.status === 'complete' ? 100 : total > 0 ? Math.round((done / total) * 100) : 0;
  const where = [p?.service, p?.region].filter(Boolean).join(' · ');

  return (
    <section className="run-panel" aria-label="Snapshot progress" data-testid="run-panel">
      <div className="run-panel__head">
        <strong>
          {finished ? 'Snapshot finished' : run.starting ? 'Starting snapshot…' : 'Snapshot running'}
        </strong>
        {run.snapshotId ? <code className="muted">{run.snapshotId}</code> : null}
        {!finished && run.snapshotId ? (
          <button
            type="button"
            className="btn btn--danger btn--small"
            data-testid="cancel-snapshot"
            onClick={() => void run.cancel()}
            disabled={run.cancelling}
          >
            {run.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <progress
        className="progress"
        aria-label="Snapshot progress"
        max={100}
        value={percent}
        data-testid="snapshot-progress"
        data-phase={finished ? 'done' : (p?.phase ?? 'starting')}
      />
      <div className="run-panel__detail" data-testid="progress-text">
        {p ? (
          <>
            <span className="run-panel__phase">{p.phase}</span>
            <span>
              {done} / {total}
            </span>
            {where ? <span>{where}</span> : null}
            <span className="muted">{p.message}</span>
          </>
        ) : (
          <span className="muted">Waiting for the collector…</span>
        )}
      </div>
      {finished ? (
        <div className="run-panel__result" data-testid="run-result" role="status">
          <SnapshotStatusChip status={finished.status} />
          <span>{finished.message}</span>
          {finished.status === 'complete' ? (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => selectSnapshot(finished.snapshotId)}
            >
              Use this snapshot
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
