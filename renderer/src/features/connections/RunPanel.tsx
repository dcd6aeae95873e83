import { DEFAULT_MEMBER_ROLE, MemberRoleName, type AzureSubscriptionRef } from '../../../../shared/domain';
import { SnapshotStatusChip } from '../../components/Chip';
import { useWorkspace } from '../../lib/workspace';

/** The run form's "whole organisation" choice: collect every account, assuming roleName in members. */
export type OrganizationChoice = { enabled: boolean; roleName: string };
export const NO_ORGANIZATION: OrganizationChoice = { enabled: false, roleName: DEFAULT_MEMBER_ROLE };

/** Whether the role name would be accepted; the message to show when not. */
export function organizationChoiceError(choice: OrganizationChoice): string | null {
  if (!choice.enabled) return null;
  const r = MemberRoleName.safeParse(choice.roleName);
  return r.success ? null : (r.error.issues[0]?.message ?? 'not an IAM role name');
}

/**
 * "Whole organisation (role: ...)": from a management or delegated administrator connection, one snapshot
 * per account of the AWS Organization, grouped in one run; members are reached by assuming the role.
 */
export function OrganizationOption({
  value,
  onChange,
}: {
  value: OrganizationChoice;
  onChange: (next: OrganizationChoice) => void;
}) {
  const error = organizationChoiceError(value);
  return (
    <fieldset className="field field--inline" data-testid="organization-option">
      <label>
        <input
          type="checkbox"
          data-testid="organization-enabled"
          checked={value.enabled}
          onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
        />{' '}
        Whole organisation (role: {value.roleName || '…'})
      </label>
      {value.enabled ? (
        <label className="field">
          <span>Role to assume in each member account</span>
          <input
            type="text"
            data-testid="organization-role"
            value={value.roleName}
            onChange={(e) => onChange({ ...value, roleName: e.target.value.trim() })}
            aria-invalid={error !== null}
            aria-describedby="organization-role-help"
          />
          <span id="organization-role-help" className={error ? 'field__error' : 'field__help'}>
            {error ??
              'Run from the management account (or a delegated administrator). Accounts whose role cannot be assumed are recorded as gaps of the run.'}
          </span>
        </label>
      ) : null}
    </fieldset>
  );
}

/**
 * An Azure run's subscriptions: all that the identity can read (listed from Resource Manager when the run
 * starts), or the ones ticked here.
 */
export type AzureChoice = { all: boolean; subscriptions: string[] };
export const ALL_SUBSCRIPTIONS: AzureChoice = { all: true, subscriptions: [] };

/** Why the choice cannot run (nothing ticked), or null. */
export function azureChoiceError(choice: AzureChoice): string | null {
  return !choice.all && choice.subscriptions.length === 0 ? 'Tick at least one subscription.' : null;
}

/** Subscriptions grouped by tenant, in the order the connection lists them. */
function byTenant(
  known: readonly AzureSubscriptionRef[],
): [{ id: string | null; name: string | null }, AzureSubscriptionRef[]][] {
  const groups = new Map<string | null, AzureSubscriptionRef[]>();
  for (const s of known) groups.set(s.tenantId, [...(groups.get(s.tenantId) ?? []), s]);
  return [...groups].map(([id, subs]) => [{ id, name: subs[0]?.tenantName ?? null }, subs]);
}

/** The subscription picker of an Azure connection: "all readable" or a chosen few. */
export function SubscriptionPicker({
  known,
  value,
  onChange,
}: {
  known: readonly AzureSubscriptionRef[];
  value: AzureChoice;
  onChange: (next: AzureChoice) => void;
}) {
  const error = azureChoiceError(value);
  const groups = byTenant(known);
  const toggle = (id: string, on: boolean) =>
    onChange({
      all: false,
      subscriptions: on ? [...value.subscriptions, id] : value.subscriptions.filter((s) => s !== id),
    });
  return (
    <fieldset className="field" data-testid="subscription-picker">
      <legend>Subscriptions</legend>
      <label>
        <input
          type="radio"
          name="subscription-scope"
          data-testid="subscriptions-all"
          checked={value.all}
          onChange={() => onChange({ ...value, all: true })}
        />{' '}
        Every subscription the identity can read
      </label>
      <label>
        <input
          type="radio"
          name="subscription-scope"
          data-testid="subscriptions-chosen"
          checked={!value.all}
          disabled={known.length === 0}
          onChange={() => onChange({ ...value, all: false })}
        />{' '}
        Only these:
      </label>
      {known.length === 0 ? (
        <span className="field__help">
          The subscriptions are listed from Azure Resource Manager when the run starts.
        </span>
      ) : (
        groups.map(([tenant, subs]) => (
          <div key={tenant.id ?? ''} data-testid="subscription-tenant">
            {/* One identity can reach several tenants (guest access, a subsidiary): say which is which. */}
            {groups.length > 1 ? (
              <div className="muted" style={{ paddingLeft: '1.5rem' }}>
                Tenant {tenant.name ?? ''} <span className="mono">{tenant.id ?? '(unknown)'}</span>
              </div>
            ) : null}
            <ul className="subscription-list" style={{ listStyle: 'none', paddingLeft: '1.5rem' }}>
              {subs.map((s) => (
                <li key={s.id}>
                  <label>
                    <input
                      type="checkbox"
                      data-testid={`subscription-${s.id}`}
                      checked={!value.all && value.subscriptions.includes(s.id)}
                      onChange={(e) => toggle(s.id, e.target.checked)}
                    />{' '}
                    {s.name} <span className="mono muted">{s.id}</span>
                    {s.state !== 'Enabled' ? <span className="text-warn"> · {s.state}</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      <span className={error ? 'field__error' : 'field__help'}>
        {error ??
          'One snapshot per subscription, grouped in one run. A subscription the identity cannot read is recorded as a gap of the run.'}
      </span>
    </fieldset>
  );
}

/** Live progress of the run started from this window, with Cancel, then its outcome. */
export function RunPanel() {
  const { run, selectSnapshot } = useWorkspace();
  if (!run.starting && run.snapshotId === null) return null;
  const p = run.progress;
  const finished = run.finished;
  const total = p && p.total > 0 ? p.total : 0;
  const done = p ? Math.min(p.done, total || p.done) : 0;
  const percent = finished?.status === 'complete' ? 100 : total > 0 ? Math.round((done / total) * 100) : 0;
  const where = [p?.accountName ?? p?.account, p?.service, p?.region].filter(Boolean).join(' · ');
  const noun = run.azure ? 'Azure run' : run.organization ? 'Organisation run' : 'Snapshot';
  const unit = run.azure ? 'subscription' : 'account';

  return (
    <section className="run-panel" aria-label="Snapshot progress" data-testid="run-panel">
      <div className="run-panel__head">
        <strong>
          {finished
            ? `${noun} finished`
            : run.starting
              ? `Starting ${noun.toLowerCase()}…`
              : `${noun} running`}
        </strong>
        {run.snapshotId ? <code className="muted">{run.snapshotId}</code> : null}
        {!finished && run.snapshotId ? (
          <button
            type="button"
            className="btn btn--danger btn--small"
            data-testid="cancel-snapshot"
            onClick={() => void run.cancel()}
            disabled={run.cancelling}
          >
            {run.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <progress
        className="progress"
        aria-label="Snapshot progress"
        max={100}
        value={percent}
        data-testid="snapshot-progress"
        data-phase={finished ? 'done' : (p?.phase ?? 'starting')}
      />
      <div className="run-panel__detail" data-testid="progress-text">
        {p ? (
          <>
            <span className="run-panel__phase">{p.phase}</span>
            <span>
              {done} / {total}
            </span>
            {where ? <span>{where}</span> : null}
            <span className="muted">{p.message}</span>
          </>
        ) : (
          <span className="muted">Waiting for the collector…</span>
        )}
      </div>
      {run.organization && run.accounts.length > 0 ? (
        <ul className="run-panel__accounts" data-testid="run-accounts" aria-label={`Progress per ${unit}`}>
          {run.accounts.map((a) => (
            <li key={a.account} data-testid="run-account" data-account={a.account}>
              <strong>{a.accountName ?? a.account}</strong>
              {a.service ? <span className="muted"> · {a.service}</span> : null}
              <span className="muted">
                {' '}
                · {a.accountName ? a.message.replace(`${a.accountName}: `, '') : a.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {finished ? (
        <div className="run-panel__result" data-testid="run-result" role="status">
          <SnapshotStatusChip status={finished.status} />
          <span>{finished.message}</span>
          {finished.status === 'complete' && run.organization ? (
            <span className="muted" data-testid="run-accounts-hint">
              One snapshot per {unit}: see Snapshots, grouped under this run.
            </span>
          ) : null}
          {finished.status === 'complete' && !run.organization ? (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => selectSnapshot(finished.snapshotId)}
            >
              Use this snapshot
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
