// The longest an exception may run, per severity of the check it excepts. Checked when an exception is
// requested and again when it is approved (main/assessments/exceptions.ts); changing it is audited.
import { useState } from 'react';
import type { Severity } from '../../../../shared/domain';
import type { ExceptionMaxDays } from '../../../../shared/settings';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useCall } from '../../lib/use-call';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function ExceptionMaxDaysSection() {
  const reportError = useReportError();
  const current = useCall('settings.exceptionMaxDays.get', {});
  const [edited, setEdited] = useState<Record<Severity, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const draft: Record<Severity, string> =
    edited ??
    (Object.fromEntries(SEVERITIES.map((s) => [s, String(current.data?.[s] ?? '')])) as Record<
      Severity,
      string
    >);
  const parsed = Object.fromEntries(SEVERITIES.map((s) => [s, Number(draft[s])])) as ExceptionMaxDays;
  const valid = SEVERITIES.every((s) => Number.isInteger(parsed[s]) && parsed[s] >= 1 && parsed[s] <= 3650);

  async function save() {
    setBusy(true);
    try {
      await call('settings.exceptionMaxDays.set', parsed);
      setSaved(true);
      setEdited(null);
      current.reload();
    } catch (err) {
      reportError(err, 'settings.exceptionMaxDays.set');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="max-days-heading" data-testid="exception-max-days">
      <h2 id="max-days-heading">Exception maximum lengths</h2>
      <p className="muted section-intro">
        How many days an exception may run, by the severity of the check it excepts: a critical failure is
        accepted for weeks, not years.
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {SEVERITIES.map((s) => (
          <label key={s} className="inline-field">
            <span>{s}</span>
            <input
              type="number"
              min={1}
              max={3650}
              className="days-input"
              data-testid={`max-days-${s}`}
              value={draft[s]}
              onChange={(e) => {
                setSaved(false);
                setEdited({ ...draft, [s]: e.target.value });
              }}
            />
          </label>
        ))}
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="max-days-save"
          disabled={busy || !valid || edited === null}
        >
          Save
        </button>
        {saved ? (
          <span className="text-good" role="status">
            Saved.
          </span>
        ) : null}
        {!valid ? <span className="field__error">Each is a whole number of days, 1 to 3650.</span> : null}
      </form>
    </section>
  );
}
