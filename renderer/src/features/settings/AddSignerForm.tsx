// Adds a signer whose packages this workspace will report as verified. The key must come from the signer
// through another channel: the public key inside a package proves nothing about who made the package.
import { useState } from 'react';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';

export function AddSignerForm({ onAdded }: { onAdded: () => void }) {
  const reportError = useReportError();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  async function add() {
    setBusy(true);
    setAdded(null);
    try {
      const signer = await call('keys.trust', { key: key.trim(), name: name.trim() });
      setAdded(signer.name);
      setName('');
      setKey('');
      onAdded();
    } catch (err) {
      reportError(err, 'keys.trust');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="add-signer-heading">
      <h2 id="add-signer-heading">Add a trusted signer</h2>
      <form
        className="add-signer"
        data-testid="add-signer-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="inline-field">
          <span>Name</span>
          <input
            type="text"
            data-testid="signer-name"
            placeholder='Who they are, e.g. "Jane Doe, Acme GRC"'
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>Public key (PEM) or fingerprint</span>
          <textarea
            className="key-input key-input--pem mono"
            rows={4}
            data-testid="signer-key"
            placeholder={
              '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\nor 64 hex digits, spaces allowed'
            }
            spellCheck={false}
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
          <span className="field__help">
            Get it from the signer directly (in person, by phone or from their signing-key.pub.pem), never
            from the package you want to check.
          </span>
        </label>
        <div className="row-gap">
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="signer-add"
            disabled={busy || !name.trim() || !key.trim()}
          >
            {busy ? 'Adding…' : 'Add trusted signer'}
          </button>
          {added ? (
            <span className="text-good" role="status" data-testid="signer-added">
              Added &ldquo;{added}&rdquo;.
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
