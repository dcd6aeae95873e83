// Checks the workspace's audit log on demand: the hash chain is unbroken and every signed checkpoint still
// matches it. Entries after the latest checkpoint are intact but not yet anchored by a signature.
import { useState } from 'react';
import type { AuditVerifyResult } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatCount, formatTimestamp } from '../../lib/format';

function AuditResult({ result }: { result: AuditVerifyResult }) {
  return (
    <div className="verify-result" data-testid="audit-result" data-ok={result.ok ? 'true' : 'false'}>
      {result.ok ? (
        <div className="verdict verdict--verified" role="status" data-testid="audit-verdict">
          <p className="verdict__title">INTACT - the audit log has not been altered</p>
          <p className="verdict__detail">
            Every entry follows the one before it, and every signed checkpoint still matches the chain.
          </p>
        </div>
      ) : (
        <div className="verdict verdict--bad" role="status" data-testid="audit-verdict">
          <p className="verdict__title">
            BROKEN{result.firstBadSeq !== null ? ` at entry ${result.firstBadSeq}` : ''} - the audit log
            cannot be relied on
          </p>
          <p className="verdict__detail" data-testid="audit-problem">
            {result.problem}
          </p>
        </div>
      )}
      <dl className="kv">
        <dt>Entries</dt>
        <dd data-testid="audit-entries">{formatCount(result.entries)}</dd>
        <dt>Signed checkpoints</dt>
        <dd data-testid="audit-checkpoints">{formatCount(result.checkpoints)}</dd>
        <dt>Latest checkpoint</dt>
        <dd data-testid="audit-latest">
          {result.latestCheckpoint
            ? `entry ${result.latestCheckpoint.seq}, signed ${formatTimestamp(result.latestCheckpoint.at)}`
            : 'none yet'}
        </dd>
        {result.ok ? (
          <>
            <dt>Not yet checkpointed</dt>
            <dd data-testid="audit-uncovered">
              {formatCount(result.uncovered)}{' '}
              <span className="muted">
                {result.uncovered === 0
                  ? '(every entry is covered by a signature)'
                  : '(intact; signed at the next export or when the workspace is next opened)'}
              </span>
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

export function AuditLogSection() {
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  async function verify() {
    setBusy(true);
    setResult(null);
    try {
      setResult(await call('audit.verify', {}));
    } catch (err) {
      reportError(err, 'audit.verify');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <div className="row-gap">
        <p className="muted section-intro grow">
          Every action in this workspace is written to a hash-chained log, and its head is signed with the
          workspace key (checkpoints). Verify checks that no entry was changed, removed or rewritten.
        </p>
        <button
          type="button"
          className="btn"
          data-testid="audit-verify"
          disabled={busy}
          onClick={() => void verify()}
        >
          {busy ? 'Verifying…' : 'Verify audit log'}
        </button>
      </div>
      {result ? <AuditResult result={result} /> : null}
    </section>
  );
}
