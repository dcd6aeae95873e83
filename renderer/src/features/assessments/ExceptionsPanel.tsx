// Exceptions (risk acceptances) over some checks: the latest version of each with its status chip, its
// history, and what the acting person may do with it. The core enforces every rule (the requester never
// decides, notes on rejection and revocation, the per-severity maximum); buttons only hide the impossible.
import { useState } from 'react';
import type { ExceptionRecord, Person } from '../../../../shared/domain';
import { SeverityChip } from '../../components/Chip';
import { call } from '../../lib/api';
import { formatTimestamp } from '../../lib/format';
import { useActor } from './actor';
import { daysUntil, expiryFromDate, maxExpiryDate, scopeText } from './assessment-text';
import { ExceptionStatusChip } from './chips';
import { useAction } from './use-action';

type Mode = 'approve' | 'reject' | 'revoke' | 'renew' | null;

function personName(people: Person[], id: string | null): string {
  if (!id) return '—';
  return people.find((p) => p.id === id)?.name ?? id;
}

function ExceptionActions(props: { record: ExceptionRecord; onChanged: () => void; maxDays: number | null }) {
  const { actor } = useActor();
  const [mode, setMode] = useState<Mode>(null);
  const [note, setNote] = useState('');
  const [expiry, setExpiry] = useState('');
  const act = useAction();
  const r = props.record;
  if (!actor) return <span className="muted small">Choose who is acting to decide.</span>;
  const own = r.requestedBy === actor.id;

  async function done(name: string, fn: () => Promise<unknown>) {
    const ok = await act.run(name, fn);
    if (ok !== undefined) {
      setMode(null);
      setNote('');
      props.onChanged();
    }
  }
  const base = { actor: actor.id, exceptionId: r.id };
  const submit = () => {
    if (mode === 'approve')
      void done('exceptions.approve', () =>
        call('exceptions.approve', { ...base, note: note.trim() || undefined }),
      );
    else if (mode === 'reject')
      void done('exceptions.reject', () => call('exceptions.reject', { ...base, note: note.trim() }));
    else if (mode === 'revoke')
      void done('exceptions.revoke', () => call('exceptions.revoke', { ...base, note: note.trim() }));
    else if (mode === 'renew')
      void done('exceptions.renew', () =>
        call('exceptions.renew', { ...base, expiresAt: expiryFromDate(expiry) }),
      );
  };

  const buttons: { mode: Exclude<Mode, null>; label: string; show: boolean }[] = [
    { mode: 'approve', label: 'Approve', show: r.status === 'pending' && !own },
    { mode: 'reject', label: 'Reject', show: r.status === 'pending' && !own },
    { mode: 'revoke', label: 'Revoke', show: r.status === 'approved' || r.status === 'pending' },
    {
      mode: 'renew',
      label: 'Renew',
      show: r.status === 'approved' || r.status === 'expired' || r.status === 'rejected',
    },
  ];
  const needsNote = mode === 'reject' || mode === 'revoke';
  return (
    <div className="exception-actions">
      <div className="row-gap">
        {r.status === 'draft' && own ? (
          <button
            type="button"
            className="btn btn--small"
            data-testid="exception-submit"
            disabled={act.busy}
            onClick={() =>
              void done('exceptions.submit', () =>
                call('exceptions.submit', { actor: actor.id, exceptionId: r.id }),
              )
            }
          >
            Submit for approval
          </button>
        ) : null}
        {buttons
          .filter((b) => b.show)
          .map((b) => (
            <button
              key={b.mode}
              type="button"
              className={`btn btn--small${mode === b.mode ? ' is-active' : ''}`}
              data-testid={`exception-${b.mode}`}
              onClick={() => setMode(mode === b.mode ? null : b.mode)}
            >
              {b.label}
            </button>
          ))}
        {r.status === 'pending' && own ? (
          <span className="muted small">You requested it: another person decides.</span>
        ) : null}
      </div>
      {mode ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {mode === 'renew' ? (
            <label className="inline-field">
              <span>New expiry</span>
              <input
                type="date"
                data-testid="exception-renew-expiry"
                value={expiry}
                max={props.maxDays !== null ? maxExpiryDate(props.maxDays) : undefined}
                onChange={(e) => setExpiry(e.target.value)}
              />
              {props.maxDays !== null ? (
                <span className="field__help">
                  at most {props.maxDays} days for a {r.severity} check
                </span>
              ) : null}
            </label>
          ) : (
            <label className="inline-field grow">
              <span>{needsNote ? 'Note (required)' : 'Note (optional)'}</span>
              <input
                type="text"
                data-testid="exception-note"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </label>
          )}
          <button
            type="submit"
            className={`btn btn--small ${mode === 'approve' || mode === 'renew' ? 'btn--primary' : 'btn--danger'}`}
            data-testid="exception-confirm"
            disabled={act.busy || (needsNote && !note.trim()) || (mode === 'renew' && !expiry)}
          >
            Confirm {mode} as {actor.name}
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function ExceptionsPanel(props: {
  records: ExceptionRecord[] | undefined;
  onChanged: () => void;
  maxDays: Record<string, number> | null;
  title?: string;
  testId?: string;
}) {
  const { people } = useActor();
  const latest = (props.records ?? []).filter((r) => r.latest);
  const history = (id: string) => (props.records ?? []).filter((r) => r.id === id);
  return (
    <section
      className="panel"
      aria-label={props.title ?? 'Exceptions'}
      data-testid={props.testId ?? 'exceptions'}
    >
      <h2>{props.title ?? 'Exceptions'}</h2>
      {props.records && latest.length === 0 ? <p className="muted">None.</p> : null}
      {latest.length > 0 ? (
        <div className="table-wrap">
          <table className="table exceptions-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Check</th>
                <th scope="col">Covers</th>
                <th scope="col">Expires</th>
                <th scope="col">Requested / decided</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {latest.map((r) => {
                const days = daysUntil(r.expiresAt);
                return (
                  <tr key={r.id} data-testid="exception-row" data-status={r.status}>
                    <td>
                      <ExceptionStatusChip status={r.status} />
                      {r.compensatingControl ? <div className="small muted">compensating control</div> : null}
                      <div className="small muted">v{r.version}</div>
                    </td>
                    <td>
                      <div className="mono small wrap-anywhere">{r.checkId}</div>
                      <SeverityChip severity={r.severity} />
                    </td>
                    <td className="reason small">
                      <div className="break">{scopeText(r.scope)}</div>
                      <details>
                        <summary>Justification and history</summary>
                        <p className="prewrap">{r.justification}</p>
                        {r.compensatingControl ? (
                          <p className="prewrap">
                            <strong>Compensating control:</strong> {r.compensatingControl}
                          </p>
                        ) : null}
                        <p>Risk owner: {personName(people, r.riskOwner)}</p>
                        <ul className="plain-list">
                          {history(r.id).flatMap((v) =>
                            v.events.map((e) => (
                              <li key={`${v.version}-${e.event}-${e.at}`}>
                                v{v.version} {e.event} by {e.actorName}, {formatTimestamp(e.at)}
                                {e.note ? ` — ${e.note}` : ''}
                              </li>
                            )),
                          )}
                        </ul>
                      </details>
                    </td>
                    <td className="nowrap">
                      {formatTimestamp(r.expiresAt)}
                      {r.status === 'approved' && days <= 30 ? (
                        <div className="small text-warn">in {Math.max(0, days)} days</div>
                      ) : null}
                    </td>
                    <td className="small">
                      {personName(people, r.requestedBy)}
                      {r.decidedBy ? (
                        <div className="muted">
                          {r.status === 'rejected' ? 'rejected' : 'decided'} by{' '}
                          {personName(people, r.decidedBy)}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <ExceptionActions
                        record={r}
                        onChanged={props.onChanged}
                        maxDays={props.maxDays?.[r.severity] ?? null}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
