// The key this workspace signs packages with. The analyst hands its fingerprint (or public key) to the auditor
// through a second channel, so the auditor can tell a package from this workspace from a re-signed one.
import { useState } from 'react';
import { Fingerprint } from './Fingerprint';

type OwnKey = { fingerprint: string; publicKeyPem: string };

/**
 * Browser mode's Permissions-Policy denies the Clipboard API (main/web/server.ts): calling it there would only
 * log a policy violation, so the key is shown to copy by hand instead. Electron allows the call but may still
 * refuse it; copyKey falls back to the same text then.
 */
function clipboardAllowed(): boolean {
  if (typeof navigator.clipboard?.writeText !== 'function') return false;
  const policy = (document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } })
    .featurePolicy;
  return policy ? policy.allowsFeature('clipboard-write') : true;
}

export function SigningKeySection({ own }: { own: OwnKey | null }) {
  const [canCopy] = useState(clipboardAllowed);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const showText = !canCopy || copy === 'failed';

  async function copyKey() {
    if (!own) return;
    try {
      await navigator.clipboard.writeText(own.publicKeyPem);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <section className="panel" aria-labelledby="signing-key-heading" data-testid="signing-key">
      <h2 id="signing-key-heading">Signing key</h2>
      <p className="muted section-intro">
        Packages exported from this workspace are signed with this key. Give its fingerprint to your auditor
        separately from the package (read it out, or send it another way), so they can check who signed.
      </p>
      {own ? (
        <div className="signing-key">
          <div className="signing-key__fp">
            <span className="signing-key__label">Fingerprint (SHA-256)</span>
            <Fingerprint value={own.fingerprint} large testId="own-fingerprint" />
          </div>
          {canCopy ? (
            <div className="row-gap">
              <button
                type="button"
                className="btn"
                data-testid="copy-public-key"
                onClick={() => void copyKey()}
              >
                Copy public key
              </button>
              {copy === 'copied' ? (
                <span className="text-good" role="status">
                  Public key copied.
                </span>
              ) : null}
              {copy === 'failed' ? (
                <span className="text-warn" role="status">
                  The clipboard refused the copy: select the key below instead.
                </span>
              ) : null}
            </div>
          ) : null}
          {showText ? (
            <label className="inline-field signing-key__pem">
              <span>Public key (the signing-key.pub.pem in every package)</span>
              <textarea
                className="key-input key-input--pem mono"
                readOnly
                rows={3}
                data-testid="own-public-key"
                value={own.publicKeyPem}
                onFocus={(e) => e.currentTarget.select()}
              />
            </label>
          ) : null}
        </div>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
