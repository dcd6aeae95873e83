import type { ExportRun } from './use-export-run';

/** Progress of the running export with Cancel, or what became of a cancelled one. */
export function ExportProgressPanel({ run }: { run: ExportRun }) {
  if (run.cancelled && !run.running) {
    return (
      <p className="panel muted" role="status" data-testid="export-cancelled">
        Export cancelled; no package was written.
      </p>
    );
  }
  if (!run.running) return null;
  const p = run.progress;
  const percent = p && p.total > 0 ? Math.round((Math.min(p.done, p.total) / p.total) * 100) : 0;
  return (
    <section className="run-panel" aria-label="Export progress" data-testid="export-run">
      <div className="run-panel__head">
        <strong>Exporting…</strong>
        <button
          type="button"
          className="btn btn--danger btn--small"
          data-testid="cancel-export"
          onClick={() => void run.cancel()}
          disabled={run.cancelling}
        >
          {run.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      <progress
        className="progress"
        aria-label="Export progress"
        max={100}
        value={percent}
        data-testid="export-progress"
        data-phase={p?.phase ?? 'starting'}
      />
      <div className="run-panel__detail" aria-live="polite">
        {p ? (
          <>
            <span className="run-panel__phase">{p.phase}</span>
            <span>
              {p.done} / {p.total}
            </span>
            <span className="muted">{p.message}</span>
          </>
        ) : (
          <span className="muted">Starting the export…</span>
        )}
      </div>
    </section>
  );
}
