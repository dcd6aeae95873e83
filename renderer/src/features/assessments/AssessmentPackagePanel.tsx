// "Export package" on an assessment's home: ONE signed package for the whole assessment (every current snapshot
// in scope, AWS and Azure, all its frameworks, exceptions, files and sign-offs). The export runs on the core's
// export worker; this follows its export.progress events by the requestId it chose, can cancel it, and then
// verifies the written package so the analyst sees what an auditor's verify will say.
import { useEffect, useRef, useState } from 'react';
import type { Assessment, ExportProgress, ExportResult, VerifyResult } from '../../../../shared/domain';
import { ApiCallError, api, call } from '../../lib/api';
import { useReportError } from '../../lib/errors';

const OUTCOME_TEXT: Record<VerifyResult['outcome'], string> = {
  verified: 'Verified: intact and signed by a key this workspace trusts',
  'unknown-signer': 'Intact, signer unknown',
  'not-verified': 'NOT verified',
};

export function AssessmentPackagePanel({ assessment }: { assessment: Assessment }) {
  const reportError = useReportError();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [verified, setVerified] = useState<VerifyResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const requestRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('export.progress', (p) => {
        if (p.requestId === requestRef.current) setProgress(p);
      }),
    [],
  );

  const start = async () => {
    const requestId = globalThis.crypto.randomUUID();
    requestRef.current = requestId;
    setRunning(true);
    setProgress(null);
    setResult(null);
    setVerified(null);
    setMessage(null);
    try {
      const r = await call('assessments.export', { assessmentId: assessment.id, requestId });
      setResult(r);
      setVerified(await call('export.verify', { path: r.zipPath }));
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'cancelled')
        setMessage('Export cancelled; no package was written.');
      else if (err instanceof ApiCallError) setMessage(err.message);
      else reportError(err, 'assessments.export');
    } finally {
      requestRef.current = null;
      setRunning(false);
    }
  };

  const cancel = async () => {
    const requestId = requestRef.current;
    if (requestId) await call('export.cancel', { requestId });
  };

  const percent =
    progress && progress.total > 0
      ? Math.round((Math.min(progress.done, progress.total) / progress.total) * 100)
      : 0;
  const stale = verified?.assessment?.signoffs.filter((s) => s.stale).length ?? 0;
  return (
    <section className="panel" aria-label="Evidence package" data-testid="assessment-package">
      <div className="row-gap">
        <h2 className="grow">Evidence package</h2>
        <button
          type="button"
          className="btn btn--primary"
          data-testid="assessment-export"
          disabled={running || assessment.snapshots.every((s) => !s.current)}
          onClick={() => void start()}
        >
          Export package
        </button>
        {running ? (
          <button
            type="button"
            className="btn btn--danger btn--small"
            data-testid="assessment-export-cancel"
            onClick={() => void cancel()}
          >
            Cancel
          </button>
        ) : null}
      </div>
      <p className="muted small">
        One signed package: every current snapshot in scope, all frameworks, exceptions, manual evidence files
        and sign-offs.
      </p>
      {running ? (
        <div aria-live="polite">
          <progress
            className="progress"
            aria-label="Export progress"
            max={100}
            value={percent}
            data-testid="assessment-export-progress"
            data-phase={progress?.phase ?? 'starting'}
          />
          <span className="muted small">
            {progress ? `${progress.done} / ${progress.total} ${progress.message}` : 'Starting…'}
          </span>
        </div>
      ) : null}
      {message ? (
        <p className="notice" role="status" data-testid="assessment-export-message">
          {message}
        </p>
      ) : null}
      {result ? (
        <dl className="kv" data-testid="assessment-export-result">
          <dt>Folder</dt>
          <dd className="mono break" data-testid="assessment-export-dir">
            {result.packageDir}
          </dd>
          <dt>Zip</dt>
          <dd className="mono break" data-testid="assessment-export-zip">
            {result.zipPath}
          </dd>
          <dt>Signing key</dt>
          <dd className="mono break">{result.signingKeyFingerprint}</dd>
          {verified ? (
            <>
              <dt>Verify</dt>
              <dd data-testid="assessment-export-verify" data-outcome={verified.outcome}>
                {OUTCOME_TEXT[verified.outcome]}
                {verified.demo ? ' (demo package, signed with the published demo key)' : ''}
                {verified.assessment
                  ? `; ${verified.assessment.snapshots} snapshot(s), ${verified.assessment.attachments} file(s), ` +
                    `${verified.assessment.signoffs.length} sign-off(s)${stale > 0 ? `, ${stale} stale` : ''}`
                  : ''}
                {verified.problems.length > 0 ? (
                  <ul className="plain-list text-bad small">
                    {verified.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}
