// A new assessment: what is assessed (frameworks), on what (connections -> accounts, regions, an optional
// in-scope tag, named exclusions with reasons), for when (a period or a point in time), by whom (preparer,
// reviewer, approver) and on which snapshots. The core validates everything again; this form only guides.
import { useMemo, useState } from 'react';
import type { AssessmentRole, FrameworkId, SnapshotSummary } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { formatTimestamp } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { useActor } from './actor';
import { parseExclusions, today } from './assessment-text';
import { useAction } from './use-action';

const ROLES: AssessmentRole[] = ['preparer', 'reviewer', 'approver'];

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** The newest complete snapshot of each account: what "current" will be once attached. */
function newestPerAccount(snapshots: SnapshotSummary[]): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const s of [...snapshots].sort((a, b) => b.startedAt.localeCompare(a.startedAt))) {
    const key = `${s.connection}/${s.account ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ids.push(s.id);
  }
  return ids;
}

export function CreateAssessmentForm(props: { onCreated: (id: string) => void; onCancel: () => void }) {
  const ws = useWorkspace();
  const { people, actor } = useActor();
  const frameworks = useCall('frameworks.list', {});
  const connections = useCall('connections.list', {});
  const create = useAction();

  const [name, setName] = useState('');
  const [chosenFrameworks, setChosenFrameworks] = useState<FrameworkId[]>(['soc2-2017']);
  const [start, setStart] = useState(today());
  const [end, setEnd] = useState(today());
  const [pointInTime, setPointInTime] = useState(true);
  const [roles, setRoles] = useState<Record<AssessmentRole, string>>({
    preparer: actor?.id ?? '',
    reviewer: '',
    approver: '',
  });
  const [scopeConnections, setScopeConnections] = useState<string[]>([]);
  const [accounts, setAccounts] = useState<string[]>([]);
  const [regions, setRegions] = useState<string[]>([]);
  const [tagKey, setTagKey] = useState('');
  const [tagValue, setTagValue] = useState('');
  const [exclusionText, setExclusionText] = useState('');
  const [attach, setAttach] = useState<string[] | null>(null);

  const complete = useMemo(() => ws.snapshots.filter((s) => s.status === 'complete'), [ws.snapshots]);
  // Connections with a complete snapshot are the ones worth scoping on; names come from connections.list.
  const connectionIds = [...new Set(complete.map((s) => s.connection))].sort();
  const connectionName = (id: string) => connections.data?.connections.find((c) => c.id === id)?.name ?? id;
  const inConnections = complete.filter(
    (s) => scopeConnections.length === 0 || scopeConnections.includes(s.connection),
  );
  const accountChoices = [...new Set(inConnections.map((s) => s.account).filter((a) => a !== null))].sort();
  const regionChoices = [...new Set(inConnections.flatMap((s) => s.regions))].sort();
  const inScope = inConnections.filter(
    (s) => accounts.length === 0 || (s.account !== null && accounts.includes(s.account)),
  );
  const attachIds = attach ?? newestPerAccount(inScope);
  const { exclusions, problems } = parseExclusions(exclusionText);
  const periodEnd = pointInTime ? start : end;

  const missing: string[] = [];
  if (!actor) missing.push('choose who is acting (top right)');
  if (!name.trim()) missing.push('a name');
  if (chosenFrameworks.length === 0) missing.push('a framework');
  if (!roles.preparer) missing.push('a preparer');
  if (!!tagKey.trim() !== !!tagValue.trim() && !tagKey.trim()) missing.push('the tag key');
  if (problems.length > 0) missing.push('valid exclusions');

  async function submit() {
    if (!actor || missing.length > 0) return;
    const made = await create.run('assessments.create', async () => {
      const a = await call('assessments.create', {
        actor: actor.id,
        name: name.trim(),
        frameworks: chosenFrameworks,
        periodStart: start,
        periodEnd,
        people: ROLES.filter((r) => roles[r]).map((r) => ({ person: roles[r], role: r })),
        scope: {
          connections: scopeConnections,
          accounts,
          regions,
          tag: tagKey.trim() ? { key: tagKey.trim(), value: tagValue.trim() } : null,
          exclusions,
        },
      });
      for (const snapshotId of attachIds)
        await call('assessments.attachSnapshot', { actor: actor.id, assessmentId: a.id, snapshotId });
      return a;
    });
    if (made) props.onCreated(made.id);
  }

  return (
    <form
      className="panel assessment-form"
      data-testid="assessment-form"
      aria-labelledby="assessment-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="assessment-form-heading">New assessment</h2>

      <fieldset className="form-section">
        <legend>What</legend>
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            data-testid="assessment-name"
            maxLength={300}
            placeholder="e.g. SOC 2 Type I readiness, Q3"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div className="field">
          <span>Frameworks</span>
          <div className="choice-row">
            {(frameworks.data ?? []).map((f) => (
              <label key={f.id} className="region-choice">
                <input
                  type="checkbox"
                  data-testid={`assessment-framework-${f.id}`}
                  checked={chosenFrameworks.includes(f.id)}
                  onChange={() => setChosenFrameworks(toggle(chosenFrameworks, f.id))}
                />
                {f.name} ({f.version})
              </label>
            ))}
          </div>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Period</legend>
        <div className="choice-row">
          <label className="inline-field">
            <span>{pointInTime ? 'As of' : 'From'}</span>
            <input
              type="date"
              data-testid="assessment-start"
              value={start}
              onChange={(e) => setStart(e.target.value)}
            />
          </label>
          {pointInTime ? null : (
            <label className="inline-field">
              <span>To</span>
              <input
                type="date"
                data-testid="assessment-end"
                value={end}
                onChange={(e) => setEnd(e.target.value)}
              />
            </label>
          )}
          <label className="region-choice">
            <input
              type="checkbox"
              data-testid="assessment-point-in-time"
              checked={pointInTime}
              onChange={(e) => setPointInTime(e.target.checked)}
            />
            Point in time (a design and implementation test)
          </label>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>People</legend>
        {people.length === 0 ? (
          <p className="notice notice--warn">Add people (with their signing keys) in Settings first.</p>
        ) : null}
        <div className="choice-row">
          {ROLES.map((role) => (
            <label key={role} className="inline-field">
              <span className="role-label">{role}</span>
              <select
                data-testid={`assessment-role-${role}`}
                value={roles[role]}
                onChange={(e) => setRoles({ ...roles, [role]: e.target.value })}
              >
                <option value="">{role === 'preparer' ? '— required —' : '— none —'}</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <p className="field__help">
          Sign-offs go preparer, then reviewer, then approver; one person never signs one control twice.
        </p>
      </fieldset>

      <fieldset className="form-section">
        <legend>Scope</legend>
        <p className="field__help">Nothing ticked = every one the attached snapshots hold.</p>
        <div className="field">
          <span>Connections</span>
          <div className="choice-row">
            {connectionIds.length === 0 ? <span className="muted">No complete snapshot yet.</span> : null}
            {connectionIds.map((id) => (
              <label key={id} className="region-choice">
                <input
                  type="checkbox"
                  data-testid={`scope-connection-${id}`}
                  checked={scopeConnections.includes(id)}
                  onChange={() => {
                    setScopeConnections(toggle(scopeConnections, id));
                    setAttach(null);
                  }}
                />
                {connectionName(id)}
              </label>
            ))}
          </div>
        </div>
        <div className="field">
          <span>Accounts / subscriptions</span>
          <div className="choice-row">
            {accountChoices.map((a) => (
              <label key={a} className="region-choice mono">
                <input
                  type="checkbox"
                  data-testid={`scope-account-${a}`}
                  checked={accounts.includes(a)}
                  onChange={() => {
                    setAccounts(toggle(accounts, a));
                    setAttach(null);
                  }}
                />
                {a}
              </label>
            ))}
          </div>
        </div>
        <div className="field">
          <span>Regions</span>
          <div className="choice-row">
            {regionChoices.map((r) => (
              <label key={r} className="region-choice mono">
                <input
                  type="checkbox"
                  data-testid={`scope-region-${r}`}
                  checked={regions.includes(r)}
                  onChange={() => setRegions(toggle(regions, r))}
                />
                {r}
              </label>
            ))}
          </div>
          <span className="field__help">Account-wide resources (region global) are always in.</span>
        </div>
        <div className="choice-row">
          <label className="inline-field">
            <span>In-scope tag key</span>
            <input
              type="text"
              data-testid="scope-tag-key"
              placeholder="e.g. pci"
              value={tagKey}
              onChange={(e) => setTagKey(e.target.value)}
            />
          </label>
          <label className="inline-field">
            <span>value</span>
            <input
              type="text"
              data-testid="scope-tag-value"
              placeholder="e.g. cde"
              value={tagValue}
              onChange={(e) => setTagValue(e.target.value)}
            />
          </label>
        </div>
        <span className="field__help">
          Resources carrying tags but not this one are left out; untagged resources stay in.
        </span>
        <label className="field">
          <span>Out of scope (one per line: resource uid | reason)</span>
          <textarea
            rows={3}
            className="mono"
            data-testid="scope-exclusions"
            spellCheck={false}
            placeholder="arn:aws:s3:::legacy-archive | Decommissioned; holds no customer data"
            value={exclusionText}
            onChange={(e) => setExclusionText(e.target.value)}
            aria-invalid={problems.length > 0}
          />
          {problems.map((p) => (
            <span key={p} className="field__error">
              {p}
            </span>
          ))}
        </label>
      </fieldset>

      <fieldset className="form-section">
        <legend>Snapshots to attach</legend>
        {inScope.length === 0 ? (
          <p className="muted">No complete snapshot in this scope; attach one later from the assessment.</p>
        ) : null}
        <ul className="plain-list plain-list--bare">
          {inScope.map((s) => (
            <li key={s.id}>
              <label className="region-choice">
                <input
                  type="checkbox"
                  data-testid="attach-snapshot"
                  checked={attachIds.includes(s.id)}
                  onChange={() => setAttach(toggle(attachIds, s.id))}
                />
                <span className="mono">{s.account ?? s.connection}</span> · {connectionName(s.connection)} ·{' '}
                {formatTimestamp(s.startedAt)}
              </label>
            </li>
          ))}
        </ul>
        <span className="field__help">
          Only the newest attached snapshot of each account in scope is concluded on.
        </span>
      </fieldset>

      <div className="row-gap">
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="assessment-create"
          disabled={create.busy || missing.length > 0}
        >
          {create.busy ? 'Creating…' : 'Create assessment'}
        </button>
        <button type="button" className="btn btn--ghost" onClick={props.onCancel}>
          Cancel
        </button>
        {missing.length > 0 ? <span className="muted small">Needs: {missing.join(', ')}.</span> : null}
      </div>
    </form>
  );
}
