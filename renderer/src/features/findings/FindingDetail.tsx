import { useLayoutEffect, useRef } from 'react';
import type { CheckInfo, Finding } from '../../../../shared/domain';
import { FindingStatusChip, PROVIDER_LABELS, ProviderChip, SeverityChip } from '../../components/Chip';
import { formatJson } from '../../lib/format';
import { useWorkspace } from '../../lib/workspace';
import { ControlsEvidenced } from '../assessments/ControlsEvidenced';
import { CustomCheckChip } from './CustomCheckChip';

/** Why a resource passed or failed, the raw evidence, and (from the check catalog) why it matters and the fix. */
export function FindingDetail(props: { finding: Finding; check: CheckInfo | null; onClose: () => void }) {
  const { finding: f, check } = props;
  const paneRef = useRef<HTMLElement>(null);
  const snapshotId = useWorkspace().selectedSnapshotId;
  // A new finding opens at its title: staying scrolled down would show the previous one's place in this one.
  useLayoutEffect(() => {
    paneRef.current?.scrollTo({ top: 0 });
  }, [f.checkId, f.resourceUid]);
  return (
    <aside
      ref={paneRef}
      className="detail"
      aria-labelledby="finding-detail-heading"
      data-testid="finding-detail"
    >
      <header className="detail__header">
        <h2 id="finding-detail-heading">{f.checkTitle}</h2>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={props.onClose}
          aria-label="Close detail"
        >
          Close
        </button>
      </header>
      <div className="detail__chips">
        <SeverityChip severity={f.severity} />
        <FindingStatusChip status={f.status} />
        <ProviderChip provider={f.provider} />
        {f.origin === 'custom' ? <CustomCheckChip /> : null}
        <code className="muted truncate" title={f.checkId}>
          {f.checkId}
        </code>
      </div>
      <dl className="kv">
        <dt>Resource</dt>
        <dd>{f.resourceName}</dd>
        <dt>Identifier</dt>
        <dd className="mono break">{f.resourceUid}</dd>
        <dt>Type</dt>
        <dd className="mono">{f.resourceType}</dd>
        <dt>Cloud</dt>
        <dd data-testid="finding-provider">{PROVIDER_LABELS[f.provider]}</dd>
        <dt>Region</dt>
        <dd>{f.region}</dd>
      </dl>
      <h3>Reason</h3>
      <p data-testid="finding-reason">{f.reason}</p>
      <h3>Evidence</h3>
      <pre className="code" data-testid="finding-evidence">
        {formatJson(f.evidence)}
      </pre>
      <ControlsEvidenced snapshotId={snapshotId} checkId={f.checkId} />
      {check ? (
        <>
          <h3>Rationale</h3>
          <p data-testid="finding-rationale">{check.rationale}</p>
          <h3>Remediation</h3>
          <h4>Console</h4>
          <p className="prewrap">{check.remediation.console}</p>
          <h4>CLI</h4>
          <pre className="code">{check.remediation.cli}</pre>
          <h4>Terraform</h4>
          <pre className="code">{check.remediation.terraform}</pre>
          {check.references.length > 0 ? (
            <>
              <h3>References</h3>
              <ul>
                {check.references.map((r) => (
                  <li key={r.url + r.title}>
                    {r.title} <span className="mono small break">{r.url}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <details>
            <summary>Check SQL (re-perform with any SQLite client)</summary>
            <p className="muted small">
              File <span className="mono">{check.file}</span>, SHA-256{' '}
              <span className="mono break">{check.sha256}</span>
            </p>
            <pre className="code">{check.sql}</pre>
          </details>
        </>
      ) : (
        <p className="muted">
          This check is not in the current catalog; rationale and remediation are unavailable.
        </p>
      )}
    </aside>
  );
}
