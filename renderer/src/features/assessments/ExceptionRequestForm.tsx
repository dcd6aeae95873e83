// Requesting an exception: which failures it covers (one finding, a check over resources by uid or tag, or a
// check in a whole account), why (20+ characters), the compensating control if any, who owns the risk and
// until when (at most the severity's maximum, shown). Another person approves it.
import { useState } from 'react';
import type { CheckInfo, ExceptionScope } from '../../../../shared/domain';
import type { ExceptionMaxDays } from '../../../../shared/settings';
import { call } from '../../lib/api';
import { useActor } from './actor';
import { expiryFromDate, maxExpiryDate } from './assessment-text';
import { useAction } from './use-action';

/** As main/assessments/exceptions.ts: the core refuses fewer. */
export const MIN_JUSTIFICATION = 20;
export type ExceptionPrefill = { checkId: string; account?: string; resourceUid?: string };

export function ExceptionRequestForm(props: {
  checks: CheckInfo[];
  accounts: string[];
  maxDays: ExceptionMaxDays | null;
  prefill: ExceptionPrefill;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { actor, people } = useActor();
  const [checkId, setCheckId] = useState(props.prefill.checkId);
  const [kind, setKind] = useState<ExceptionScope['kind']>(
    props.prefill.resourceUid ? 'finding' : 'resources',
  );
  const [account, setAccount] = useState(props.prefill.account ?? props.accounts[0] ?? '');
  const [uids, setUids] = useState(props.prefill.resourceUid ?? '');
  const [byTag, setByTag] = useState(false);
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const [justification, setJustification] = useState('');
  const [compensating, setCompensating] = useState('');
  const [riskOwner, setRiskOwner] = useState('');
  const [expiry, setExpiry] = useState('');
  const request = useAction();

  const check = props.checks.find((c) => c.id === checkId);
  const severity = check?.severity;
  const max = severity && props.maxDays ? props.maxDays[severity] : null;
  const uidList = uids
    .split('\n')
    .map((u) => u.trim())
    .filter(Boolean);
  const justified = justification.trim().length >= MIN_JUSTIFICATION;

  function scope(): ExceptionScope | null {
    if (kind === 'finding')
      return account && uidList.length === 1 ? { kind, account, resourceUid: uidList[0] } : null;
    if (kind === 'check-account') return account ? { kind, account } : null;
    const where = account ? { account } : {};
    if (byTag)
      return tagKey.trim() ? { kind, tag: { key: tagKey.trim(), value: tagValue.trim() }, ...where } : null;
    return uidList.length > 0 ? { kind, resourceUids: uidList, ...where } : null;
  }
  const s = scope();
  const ready = !!actor && !!check && !!s && justified && !!riskOwner && !!expiry;

  async function submit() {
    if (!actor || !s || !ready) return;
    const made = await request.run('exceptions.request', () =>
      call('exceptions.request', {
        actor: actor.id,
        checkId,
        scope: s,
        justification: justification.trim(),
        compensatingControl: compensating.trim() || null,
        riskOwner,
        expiresAt: expiryFromDate(expiry),
      }),
    );
    if (made) props.onDone();
  }

  return (
    <form
      className="panel exception-form"
      data-testid="exception-form"
      aria-label="Request an exception"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Request an exception</h2>
      <div className="choice-row">
        <label className="inline-field">
          <span>Check</span>
          <select data-testid="exception-check" value={checkId} onChange={(e) => setCheckId(e.target.value)}>
            {props.checks.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} ({c.severity})
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Covers</span>
          <select
            data-testid="exception-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ExceptionScope['kind'])}
          >
            <option value="finding">one finding</option>
            <option value="resources">the check on some resources</option>
            <option value="check-account">the check in one account</option>
          </select>
        </label>
        <label className="inline-field">
          <span>Account</span>
          <select
            data-testid="exception-account"
            value={account}
            onChange={(e) => setAccount(e.target.value)}
          >
            {kind === 'resources' ? <option value="">any account</option> : null}
            {props.accounts.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      </div>
      {kind === 'resources' ? (
        <label className="region-choice">
          <input type="checkbox" checked={byTag} onChange={(e) => setByTag(e.target.checked)} /> by tag
          instead of by resource
        </label>
      ) : null}
      {kind !== 'check-account' && !(kind === 'resources' && byTag) ? (
        <label className="field">
          <span>{kind === 'finding' ? 'Resource uid' : 'Resource uids (one per line)'}</span>
          <textarea
            rows={kind === 'finding' ? 1 : 3}
            className="mono"
            data-testid="exception-resources"
            spellCheck={false}
            value={uids}
            onChange={(e) => setUids(e.target.value)}
          />
        </label>
      ) : null}
      {kind === 'resources' && byTag ? (
        <div className="choice-row">
          <label className="inline-field">
            <span>Tag key</span>
            <input type="text" value={tagKey} onChange={(e) => setTagKey(e.target.value)} />
          </label>
          <label className="inline-field">
            <span>value</span>
            <input type="text" value={tagValue} onChange={(e) => setTagValue(e.target.value)} />
          </label>
        </div>
      ) : null}
      <label className="field">
        <span>Justification</span>
        <textarea
          rows={3}
          data-testid="exception-justification"
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          aria-invalid={justification.length > 0 && !justified}
        />
        <span className={justified || justification.length === 0 ? 'field__help' : 'field__error'}>
          Why the risk is accepted: at least {MIN_JUSTIFICATION} characters ({justification.trim().length} so
          far).
        </span>
      </label>
      <label className="field">
        <span>Compensating control (optional)</span>
        <textarea
          rows={2}
          data-testid="exception-compensating"
          value={compensating}
          onChange={(e) => setCompensating(e.target.value)}
        />
        <span className="field__help">
          What reduces the risk meanwhile (PCI DSS: a compensating control, CCW).
        </span>
      </label>
      <div className="choice-row">
        <label className="inline-field">
          <span>Risk owner</span>
          <select
            data-testid="exception-owner"
            value={riskOwner}
            onChange={(e) => setRiskOwner(e.target.value)}
          >
            <option value="">— choose —</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Expires</span>
          <input
            type="date"
            data-testid="exception-expiry"
            value={expiry}
            max={max !== null ? maxExpiryDate(max) : undefined}
            onChange={(e) => setExpiry(e.target.value)}
          />
        </label>
        <span className="field__help" data-testid="exception-max">
          {max !== null && severity
            ? `A ${severity} check may be excepted for at most ${max} days (Settings).`
            : 'Choose a check to see its maximum.'}
        </span>
      </div>
      <div className="row-gap">
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="exception-request"
          disabled={request.busy || !ready}
        >
          {request.busy ? 'Requesting…' : 'Request for approval'}
        </button>
        <button type="button" className="btn btn--ghost" onClick={props.onCancel}>
          Cancel
        </button>
        {!actor ? <span className="muted small">Choose who is acting first.</span> : null}
      </div>
    </form>
  );
}
