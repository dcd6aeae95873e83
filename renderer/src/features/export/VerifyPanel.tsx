// Verify answers WHO signed, in three outcomes that never look alike: verified (green), intact but signed by a
// key this workspace does not trust (amber, never green: a valid signature by an unknown key proves only that
// nobody changed the package after SOMEONE signed it), and not verified (red).
import { useState } from 'react';
import type { VerifyResult } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { Fingerprint } from '../settings/Fingerprint';

type VerifyRequest = { path: string; expectKey?: string };

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

function Verdict({ result }: { result: VerifyResult }) {
  const intact = `All ${result.checkedFiles} files match the manifest and the signature is valid`;
  if (result.outcome === 'verified') {
    const by = result.signer?.pinned
      ? 'by the key you pinned'
      : `by trusted signer "${result.signer?.name ?? ''}"`;
    return (
      <div className="verdict verdict--verified" data-testid="verify-verdict" role="status">
        <p className="verdict__title">VERIFIED - signed {by}</p>
        <p className="verdict__detail">Integrity OK: {intact}.</p>
      </div>
    );
  }
  if (result.outcome === 'unknown-signer' && result.demo) {
    return (
      <div className="verdict verdict--unknown" data-testid="verify-verdict" role="status">
        <p className="verdict__title">DEMO - fictional estate: intact, signed with the published demo key</p>
        <p className="verdict__detail">
          {intact}. This is a demo package: anyone can sign with the demo key, so its signature proves nothing
          about who made it, and it can never be trusted. Do not use it as evidence.
        </p>
      </div>
    );
  }
  if (result.outcome === 'unknown-signer') {
    return (
      <div className="verdict verdict--unknown" data-testid="verify-verdict" role="status">
        <p className="verdict__title">
          SIGNER UNKNOWN - Intact, but signed by a key this workspace does not trust
        </p>
        <p className="verdict__detail">
          {intact}, but that only proves nobody changed it after this key signed it. Whose key it is, this
          workspace cannot tell.
        </p>
      </div>
    );
  }
  return (
    <div className="verdict verdict--bad" data-testid="verify-verdict" role="status">
      <p className="verdict__title">NOT VERIFIED - do not rely on this package</p>
      <p className="verdict__detail">
        {result.signature === 'valid'
          ? 'It does not match what was signed, or it was not signed by the key you expected.'
          : `The signature is ${result.signature}: nothing in the package can be trusted.`}
      </p>
    </div>
  );
}

/** The unknown signer's fingerprint, what to do with it, and the way to trust it once it is confirmed. */
function UnknownSigner(props: { fingerprint: string; busy: boolean; onTrust: (name: string) => void }) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  return (
    <div className="unknown-signer" data-testid="verify-unknown-signer">
      <span className="unknown-signer__label">Signer fingerprint</span>
      <Fingerprint value={props.fingerprint} large testId="verify-signer-fingerprint" />
      <p className="unknown-signer__advice">
        Compare it with the one the analyst gave you (read aloud or sent separately, not inside this package).
        Trust it only if every group matches.
      </p>
      {naming ? (
        <form
          className="row-gap"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) props.onTrust(name.trim());
          }}
        >
          <input
            type="text"
            className="grow"
            aria-label="Name of the signer"
            placeholder='Who signed it, e.g. "Jane Doe, Acme GRC"'
            data-testid="verify-trust-name"
            maxLength={200}
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="verify-trust-confirm"
            disabled={props.busy || !name.trim()}
          >
            Trust and verify again
          </button>
          <button type="button" className="btn" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="btn"
          data-testid="verify-trust-button"
          disabled={props.busy}
          onClick={() => setNaming(true)}
        >
          Trust this signer…
        </button>
      )}
    </div>
  );
}

/** A valid signature is green only when the signer is trusted: by an unknown key it proves much less. */
function signatureTone(result: VerifyResult): string {
  if (result.signature !== 'valid') return 'text-bad';
  return result.outcome === 'verified' ? 'text-good' : 'text-warn';
}

function signerLabel(result: VerifyResult): string {
  const s = result.signer;
  if (!s) return '—';
  if (s.pinned) return s.name ? `the key you pinned ("${s.name}")` : 'the key you pinned';
  return s.trusted && s.name ? `"${s.name}" (trusted)` : 'unknown to this workspace';
}

/** Verify the package just exported, or any package folder / zip the analyst points at. */
export function VerifyPanel({ initialPath }: { initialPath: string }) {
  const reportError = useReportError();
  const [path, setPath] = useState(initialPath);
  const [expectKey, setExpectKey] = useState('');
  const [busy, setBusy] = useState(false);
  // The request the result answers: trusting a signer re-verifies THAT package, whatever the fields say now.
  const [verified, setVerified] = useState<{ request: VerifyRequest; result: VerifyResult } | null>(null);
  const result = verified?.result ?? null;

  async function run(request: VerifyRequest) {
    setBusy(true);
    setVerified(null);
    try {
      setVerified({ request, result: await call('export.verify', request) });
    } catch (err) {
      reportError(err, 'export.verify');
    } finally {
      setBusy(false);
    }
  }

  function verify() {
    const p = path.trim();
    if (!p) return;
    const pin = expectKey.trim();
    void run(pin ? { path: p, expectKey: pin } : { path: p });
  }

  async function trustSigner(name: string) {
    const fingerprint = verified?.result.signer?.fingerprint;
    if (!verified || !fingerprint) return;
    setBusy(true);
    try {
      await call('keys.trust', { key: fingerprint, name });
    } catch (err) {
      reportError(err, 'keys.trust');
      setBusy(false);
      return;
    }
    await run(verified.request);
  }

  return (
    <section className="panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify a package</h2>
      <form
        className="verify-form"
        onSubmit={(e) => {
          e.preventDefault();
          verify();
        }}
      >
        <div className="row-gap">
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
        </div>
        <label className="inline-field">
          <span>Expected signer (fingerprint or public key)</span>
          <textarea
            className="key-input mono"
            rows={2}
            data-testid="verify-expect-key"
            placeholder="Optional: 64 hex digits or a PEM public key. Then only that exact key verifies."
            spellCheck={false}
            value={expectKey}
            onChange={(e) => setExpectKey(e.target.value)}
          />
        </label>
      </form>
      {result ? (
        <div
          className={`verify-result verify-result--${result.outcome}`}
          data-testid="verify-result"
          data-ok={result.ok ? 'true' : 'false'}
          data-outcome={result.outcome}
        >
          <Verdict result={result} />
          {/* The demo key is published: there is nothing to confirm, so no way to trust it is offered. */}
          {result.outcome === 'unknown-signer' && result.signer && !result.demo ? (
            <UnknownSigner
              fingerprint={result.signer.fingerprint}
              busy={busy}
              onTrust={(name) => void trustSigner(name)}
            />
          ) : null}
          <dl className="kv">
            <dt>Files checked</dt>
            <dd>{result.checkedFiles}</dd>
            <dt>Signature</dt>
            <dd className={signatureTone(result)}>{result.signature}</dd>
            {/* When the files do not match, the signature covers a manifest the package no longer fits. */}
            <dt>{result.outcome === 'not-verified' ? 'Manifest signed by' : 'Signed by'}</dt>
            <dd data-testid="verify-signer">{signerLabel(result)}</dd>
            <dt>Signing key</dt>
            <dd>
              {result.signingKeyFingerprint ? <Fingerprint value={result.signingKeyFingerprint} /> : '—'}
            </dd>
          </dl>
          <FileList title="Changed" files={result.changed} tone="text-bad" testId="verify-changed" />
          <FileList title="Missing" files={result.missing} tone="text-bad" testId="verify-missing" />
          <FileList title="Added" files={result.added} tone="text-warn" testId="verify-added" />
          {result.problems.length > 0 ? (
            <ul className="text-bad" data-testid="verify-problems">
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
