import { useState } from 'react';
import type { VerifyResult } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';

function FileList(props: { title: string; files: string[]; tone: string; testId: string }) {
  if (props.files.length === 0) return null;
  return (
    <div data-testid={props.testId}>
      <h4 className={props.tone}>
        {props.title} ({props.files.length})
      </h4>
      <ul className="mono small">
        {props.files.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </div>
  );
}

/** Verify the package just exported, or any package folder / zip the analyst points at. */
export function VerifyPanel({ initialPath }: { initialPath: string }) {
  const reportError = useReportError();
  const [path, setPath] = useState(initialPath);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);

  async function verify() {
    const p = path.trim();
    if (!p) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await call('export.verify', { path: p }));
    } catch (err) {
      reportError(err, 'export.verify');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify a package</h2>
      <form
        className="row-gap"
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <input
          type="text"
          className="grow"
          aria-label="Package folder or zip path"
          placeholder="Package folder or .zip path"
          data-testid="verify-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" className="btn" data-testid="verify-button" disabled={busy || !path.trim()}>
          {busy ? 'Verifying…' : 'Verify'}
        </button>
      </form>
      {result ? (
        <div
          className="verify-result"
          data-testid="verify-result"
          data-ok={result.ok ? 'true' : 'false'}
          role="status"
        >
          <p className={result.ok ? 'verify-ok' : 'verify-bad'} data-testid="verify-verdict">
            {result.ok
              ? `OK: all ${result.checkedFiles} files match the manifest and the signature is valid.`
              : 'NOT OK: the package does not match what was signed.'}
          </p>
          <dl className="kv">
            <dt>Files checked</dt>
            <dd>{result.checkedFiles}</dd>
            <dt>Signature</dt>
            <dd className={result.signature === 'valid' ? 'text-good' : 'text-bad'}>{result.signature}</dd>
            <dt>Signing key</dt>
            <dd className="mono break">{result.signingKeyFingerprint ?? '—'}</dd>
          </dl>
          <FileList title="Changed" files={result.changed} tone="text-bad" testId="verify-changed" />
          <FileList title="Missing" files={result.missing} tone="text-bad" testId="verify-missing" />
          <FileList title="Added" files={result.added} tone="text-warn" testId="verify-added" />
          {result.problems.length > 0 ? (
            <ul className="text-bad">
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
