// Whose signatures turn "intact" into "verified" here. Trust is withdrawn, never erased: a withdrawn row stays
// (greyed) so the record shows who was trusted when.
import { useState } from 'react';
import type { TrustedSigner } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { Fingerprint, groupFingerprint } from './Fingerprint';

const sameKey = (a: string, b: string) => groupFingerprint(a) === groupFingerprint(b);

function SignerRow(props: {
  signer: TrustedSigner;
  isOwn: boolean;
  busy: boolean;
  onWithdraw: (s: TrustedSigner) => void;
}) {
  const { signer: s } = props;
  const [confirming, setConfirming] = useState(false);
  const withdrawn = s.removedAt !== null;
  return (
    <tr
      className={withdrawn ? 'is-withdrawn' : undefined}
      data-testid="signer-row"
      data-fingerprint={groupFingerprint(s.fingerprint).replace(/ /g, '')}
      data-status={withdrawn ? 'withdrawn' : 'trusted'}
    >
      <td className="signer-name" data-testid="signer-row-name">
        {s.name}
      </td>
      <td>
        <Fingerprint value={s.fingerprint} />
      </td>
      <td className="signer-added">
        <div className="cell-two-line">
          <span>{formatTimestamp(s.addedAt)}</span>
          <span className="muted small">
            by {s.addedBy} · {s.addedHow}
          </span>
        </div>
      </td>
      {/* Status and the action on it share a cell: one column fewer keeps the table inside 1024 px. */}
      <td className="signer-status">
        <div className="cell-two-line" data-testid="signer-row-status">
          {withdrawn ? (
            <>
              <span className="chip chip--neutral">Withdrawn</span>
              <span className="muted small">{formatTimestamp(s.removedAt)}</span>
            </>
          ) : (
            <span className="chip chip--good">Trusted</span>
          )}
        </div>
        {withdrawn ? null : confirming ? (
          <div className="signer-confirm" role="group" aria-label={`Withdraw trust in ${s.name}?`}>
            <span className="small">
              {props.isOwn
                ? "This workspace's own packages will show as signer unknown here."
                : 'Its packages will show as signer unknown.'}
            </span>
            <div className="row-gap">
              <button
                type="button"
                className="btn btn--danger btn--small"
                data-testid="signer-withdraw-confirm"
                disabled={props.busy}
                onClick={() => props.onWithdraw(s)}
              >
                Withdraw
              </button>
              <button type="button" className="btn btn--small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="btn btn--small signer-withdraw"
            data-testid="signer-withdraw"
            onClick={() => setConfirming(true)}
          >
            Withdraw…
          </button>
        )}
      </td>
    </tr>
  );
}

export function TrustedSignersSection(props: {
  signers: TrustedSigner[] | null;
  ownFingerprint: string | null;
  onChanged: () => void;
}) {
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);

  async function withdraw(s: TrustedSigner) {
    setBusy(true);
    try {
      await call('keys.withdraw', { fingerprint: s.fingerprint });
      props.onChanged();
    } catch (err) {
      reportError(err, 'keys.withdraw');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="signers-heading">
      <h2 id="signers-heading">Trusted signers</h2>
      <p className="muted section-intro">
        A package signed by one of these keys verifies as &ldquo;verified&rdquo;; a package signed by any
        other key is only &ldquo;intact, signer unknown&rdquo;.
      </p>
      {props.signers === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="table-wrap">
          <table className="table signers-table" data-testid="signers-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Added</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {props.signers.map((s) => (
                <SignerRow
                  key={`${s.fingerprint}@${s.addedAt}`}
                  signer={s}
                  isOwn={props.ownFingerprint !== null && sameKey(s.fingerprint, props.ownFingerprint)}
                  busy={busy}
                  onWithdraw={(signer) => void withdraw(signer)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
