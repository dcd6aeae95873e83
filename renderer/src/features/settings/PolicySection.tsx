// What the snapshot identity must be granted: the generated AWS least-privilege policy (pasteable as it is),
// the notes that cannot go inside it, and the Azure custom role. A denied call's gap message points here.
import { formatJson } from '../../lib/format';
import { useCall } from '../../lib/use-call';

export function PolicySection() {
  const policy = useCall('policy.get', {});
  const d = policy.data;
  return (
    <section className="panel" aria-labelledby="policy-heading" data-testid="policy-section">
      <h2 id="policy-heading">Least-privilege permissions</h2>
      <p className="muted section-intro">
        Generated from the registry of every call the collectors make: Evidence Desk refuses to send any call
        not listed here. Grant it to the identity a snapshot runs as.
      </p>
      {d ? (
        <>
          <h3>AWS IAM policy</h3>
          <textarea
            readOnly
            rows={12}
            className="mono policy-text"
            data-testid="policy-aws"
            aria-label="AWS IAM policy JSON"
            value={formatJson(d.aws.policy)}
          />
          <h4>Notes</h4>
          <ul className="plain-list" data-testid="policy-notes">
            {d.aws.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          {d.azure ? (
            <>
              <h3>Azure custom role</h3>
              <textarea
                readOnly
                rows={10}
                className="mono policy-text"
                data-testid="policy-azure"
                aria-label="Azure custom role definition JSON"
                value={formatJson(d.azure.role)}
              />
              <h4>Microsoft Graph permissions (admin consent)</h4>
              <ul className="plain-list">
                {d.azure.graphPermissions.map((g) => (
                  <li key={g} className="mono">
                    {g}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
