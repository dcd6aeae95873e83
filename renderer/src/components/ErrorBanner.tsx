import type { ReportedError } from '../lib/errors';

/** The latest failures, newest first; each can be dismissed. role=alert so screen readers announce it. */
export function ErrorBanner(props: { errors: ReportedError[]; onDismiss: (id: number) => void }) {
  if (props.errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      {props.errors.map((e) => (
        <div className="error-banner__item" key={e.id}>
          <div className="error-banner__text">
            <strong>{e.title}</strong>
            {e.code ? <span className="error-banner__code">{e.code}</span> : null}
            <span className="error-banner__message" data-testid="error-message">
              {e.message}
            </span>
          </div>
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => props.onDismiss(e.id)}
            aria-label={`Dismiss error: ${e.title}`}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
