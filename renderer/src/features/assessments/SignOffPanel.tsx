// Sign-offs of one control (or of the whole framework, '*'): the history with STALE marks (the evidence
// changed since; the chain starts again from the preparer) and the acting person's next signature. A key
// with a passphrase asks for it; it goes to the core with the call and is never kept here.
import { useState } from 'react';
import type { Assessment, FrameworkId, SignOff } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { formatTimestamp, shortHash } from '../../lib/format';
import { useActor } from './actor';
import { RoleChip, SignoffStateChip } from './chips';
import { holds, nextRole } from './progress';
import { useAction } from './use-action';

export function SignOffPanel(props: {
  assessment: Assessment;
  framework: FrameworkId;
  controlId: string;
  signoffs: SignOff[];
  digest: string | null;
  onSigned: () => void;
  testId?: string;
}) {
  const { actor } = useActor();
  const [passphrase, setPassphrase] = useState('');
  const sign = useAction();
  const next = nextRole(props.assessment, props.signoffs);
  const actorRoles = actor
    ? props.assessment.people.filter((p) => p.personId === actor.id).map((p) => p.role)
    : [];
  const alreadySigned = actor ? props.signoffs.some((s) => holds(s) && s.personId === actor.id) : false;
  const canSign = !!actor && next !== null && actorRoles.includes(next) && !alreadySigned;
  const whole = props.controlId === '*';

  async function signNow() {
    if (!actor || !next) return;
    const done = await sign.run('signoffs.sign', () =>
      call('signoffs.sign', {
        actor: actor.id,
        assessmentId: props.assessment.id,
        framework: props.framework,
        controlId: props.controlId,
        role: next,
        passphrase: actor.keyEncrypted ? passphrase : undefined,
      }),
    );
    setPassphrase('');
    if (done) props.onSigned();
  }

  const sorted = [...props.signoffs].sort((a, b) => b.signedAt.localeCompare(a.signedAt));
  return (
    <section className="panel" aria-label="Sign-offs" data-testid={props.testId ?? 'signoffs'}>
      <h2>{whole ? `Sign-off of the whole framework` : 'Sign-offs'}</h2>
      {props.digest ? (
        <p className="muted small">
          Evidence digest now: <span className="mono">{shortHash(props.digest, 16)}</span>
        </p>
      ) : null}
      {sorted.length === 0 ? <p className="muted">Not signed yet.</p> : null}
      {sorted.length > 0 ? (
        <table className="table" data-testid="signoff-history">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Person</th>
              <th scope="col">Signed</th>
              <th scope="col">State</th>
              <th scope="col">Digest signed</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((s) => (
              <tr key={s.id} data-testid="signoff-row" data-stale={s.stale ? 'true' : 'false'}>
                <td>
                  <RoleChip role={s.role} />
                </td>
                <td>{s.personName}</td>
                <td className="nowrap">{formatTimestamp(s.signedAt)}</td>
                <td>
                  <SignoffStateChip stale={s.stale} signatureValid={s.signatureValid} />
                </td>
                <td className="mono small">{shortHash(s.digest, 16)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="row-gap signoff-actions">
        {next === null ? (
          <span className="text-good" data-testid="signoff-complete">
            Every assigned role has signed over the current evidence.
          </span>
        ) : (
          <span className="muted" data-testid="signoff-next">
            Next: the {next}
            {props.assessment.people
              .filter((p) => p.role === next)
              .map((p) => ` (${p.name})`)
              .join('')}
            .
          </span>
        )}
        {canSign && actor?.keyEncrypted ? (
          <label className="inline-field">
            <span>Passphrase of {actor.name}&rsquo;s key</span>
            <input
              type="password"
              data-testid="signoff-passphrase"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
        ) : null}
        {canSign ? (
          <button
            type="button"
            className="btn btn--primary"
            data-testid="signoff-sign"
            disabled={sign.busy || (actor?.keyEncrypted === true && passphrase.length === 0)}
            onClick={() => void signNow()}
          >
            {sign.busy ? 'Signing…' : `Sign as ${next} (${actor?.name ?? ''})`}
          </button>
        ) : next !== null && actor ? (
          <span className="muted small" data-testid="signoff-not-yours">
            {alreadySigned
              ? `${actor.name} already signed this chain; another person signs as ${next}.`
              : `${actor.name} is not the ${next} of this assessment.`}
          </span>
        ) : null}
      </div>
    </section>
  );
}
