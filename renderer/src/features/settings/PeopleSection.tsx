// People who act in assessments. Each gets an Ed25519 signing key created in the workspace keys folder; with
// a passphrase the private key is encrypted and the person types it to sign. The passphrase is sent once, to
// create the key, and is never stored or shown.
import { useState } from 'react';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { Fingerprint } from './Fingerprint';

const MIN_PASSPHRASE = 8;

export function PeopleSection() {
  const reportError = useReportError();
  const people = useCall('people.list', {});
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const shortPassphrase = passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE;

  async function add() {
    setBusy(true);
    setAdded(null);
    try {
      const p = await call('people.create', {
        name: name.trim(),
        email: email.trim(),
        passphrase: passphrase || undefined,
      });
      setAdded(p.name);
      setName('');
      setEmail('');
      setPassphrase('');
      people.reload();
    } catch (err) {
      reportError(err, 'people.create');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="people-heading" data-testid="people-section">
      <h2 id="people-heading">People</h2>
      <p className="muted section-intro">
        Preparers, reviewers and approvers of assessments. Each signs with their own key; people are never
        removed, because their sign-offs name them.
      </p>
      {people.data && people.data.length > 0 ? (
        <table className="table" data-testid="people-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Key fingerprint</th>
              <th scope="col">Passphrase</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {people.data.map((p) => (
              <tr key={p.id} data-testid="person-row">
                <td>{p.name}</td>
                <td>{p.email}</td>
                <td>
                  <Fingerprint value={p.fingerprint} />
                </td>
                <td>{p.keyEncrypted ? 'required to sign' : 'none'}</td>
                <td className="small">{formatTimestamp(p.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Nobody yet.</p>
      )}
      <form
        className="inline-form"
        data-testid="person-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="inline-field">
          <span>Name</span>
          <input
            type="text"
            data-testid="person-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>Email</span>
          <input
            type="text"
            data-testid="person-email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>Key passphrase (optional, {MIN_PASSPHRASE}+ characters)</span>
          <input
            type="password"
            autoComplete="new-password"
            data-testid="person-passphrase"
            value={passphrase}
            aria-invalid={shortPassphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="person-add"
          disabled={busy || !name.trim() || !email.trim() || shortPassphrase}
        >
          {busy ? 'Creating key…' : 'Add person'}
        </button>
        {added ? (
          <span className="text-good" role="status" data-testid="person-added">
            Added {added}.
          </span>
        ) : null}
      </form>
    </section>
  );
}
