// Approved regions: where the organisation allows workloads. Copied into every later snapshot (so a finding
// can always be re-judged from the package); resources elsewhere, and enabled regions not on the list, are
// findings. Regions seen enabled in the latest snapshots are offered as toggles so nobody types them blind.
import { useState } from 'react';
import { AWS_REGION_NAME } from '../../../../shared/settings';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useCall } from '../../lib/use-call';

export function ApprovedRegionsSection() {
  const reportError = useReportError();
  const current = useCall('settings.approvedRegions.get', {});
  // null = untouched: the saved list is shown until the analyst changes something.
  const [edited, setEdited] = useState<string[] | null>(null);
  const draft = edited ?? current.data?.approved.aws ?? [];
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const seen = [...new Set((current.data?.enabledSeen ?? []).flatMap((s) => s.regions))].sort();
  const choices = [...new Set([...seen, ...draft])].sort();
  const typedValid = AWS_REGION_NAME.test(typed.trim());
  const unchanged = current.data !== undefined && draft.join(',') === current.data.approved.aws.join(',');

  function toggle(region: string) {
    setSaved(false);
    setEdited(draft.includes(region) ? draft.filter((r) => r !== region) : [...draft, region].sort());
  }

  async function save() {
    setBusy(true);
    try {
      await call('settings.approvedRegions.set', { aws: draft });
      setSaved(true);
      setEdited(null);
      current.reload();
    } catch (err) {
      reportError(err, 'settings.approvedRegions.set');
    } finally {
      setBusy(false);
    }
  }

  const unapprovedSeen = (current.data?.enabledSeen ?? [])
    .map((s) => ({
      account: s.account,
      regions: s.regions.filter((r) => !current.data!.approved.aws.includes(r)),
    }))
    .filter((s) => s.regions.length > 0);

  return (
    <section className="panel" aria-labelledby="approved-regions-heading" data-testid="approved-regions">
      <h2 id="approved-regions-heading">Approved regions</h2>
      <p className="field__help">
        Where workloads and data may be. Every later snapshot records this list; resources in other regions,
        and enabled regions not on it, become findings. Until it is set, those checks answer
        &ldquo;error&rdquo;, never pass.
      </p>
      <p data-testid="approved-regions-current">
        {current.data === undefined
          ? 'Loading…'
          : current.data.approved.aws.length === 0
            ? 'Not set.'
            : `Approved: ${current.data.approved.aws.join(', ')} (set by ${current.data.updatedBy ?? 'unknown'}, ${current.data.updatedAt ?? ''}).`}
      </p>
      {unapprovedSeen.length > 0 ? (
        <ul className="plain-list" data-testid="approved-regions-unapproved">
          {unapprovedSeen.map((s) => (
            <li key={s.account}>
              Account {s.account}: enabled but not approved: {s.regions.join(', ')}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="region-choices" role="group" aria-label="Approved regions">
        {choices.map((r) => (
          <label key={r} className="region-choice">
            <input
              type="checkbox"
              checked={draft.includes(r)}
              onChange={() => toggle(r)}
              data-testid={`approved-region-${r}`}
            />
            <span className="mono">{r}</span>
          </label>
        ))}
      </div>
      <form
        className="row-gap"
        onSubmit={(e) => {
          e.preventDefault();
          if (!typedValid) return;
          const region = typed.trim();
          setTyped('');
          if (!draft.includes(region)) toggle(region);
        }}
      >
        <label className="inline-field">
          <span>Add a region</span>
          <input
            type="text"
            className="mono"
            placeholder="e.g. eu-central-1"
            maxLength={40}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="approved-region-input"
            aria-invalid={typed.trim() !== '' && !typedValid}
          />
        </label>
        <button type="submit" className="btn" disabled={!typedValid}>
          Add
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void save()}
          disabled={busy || unchanged}
          data-testid="approved-regions-save"
        >
          {busy ? 'Saving…' : 'Save approved regions'}
        </button>
        {saved ? (
          <span className="text-good" role="status">
            Saved. The next snapshot uses it.
          </span>
        ) : null}
      </form>
    </section>
  );
}
