// An assessment's home: how far it is (controls signed, awaiting evidence, deficient, exceptions about to
// expire), what to do next, every control with its status and sign-off state, the snapshots concluded on and
// the exceptions in play. A control opens in place (ControlDetail) so the lists stay loaded.
import { useMemo, useState } from 'react';
import type { Assessment, CheckInfo, ControlStatus, FrameworkId } from '../../../../shared/domain';
import { CONTROL_STATUS_LABELS, ControlStatusChip } from '../../components/Chip';
import { call } from '../../lib/api';
import { formatCount, formatTimestamp } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { useActor } from './actor';
import { isDemo, periodText } from './assessment-text';
import { AssessmentStatusChip, DemoChip, RoleChip } from './chips';
import { ControlDetail } from './ControlDetail';
import { ExceptionsPanel } from './ExceptionsPanel';
import { EXPIRY_WARNING_DAYS, holds, nextActions, nextRole, progressOf } from './progress';
import { SignOffPanel } from './SignOffPanel';
import { AssessmentPackagePanel } from './AssessmentPackagePanel';
import { useAction } from './use-action';

function SnapshotsPanel(props: { assessment: Assessment; onChanged: () => void }) {
  const ws = useWorkspace();
  const { actor } = useActor();
  const attach = useAction();
  const attached = new Set(props.assessment.snapshots.map((s) => s.snapshotId));
  const choices = ws.snapshots.filter((s) => s.status === 'complete' && !attached.has(s.id));
  const [chosen, setChosen] = useState('');
  const pick = chosen || choices[0]?.id || '';
  return (
    <section className="panel" aria-label="Snapshots" data-testid="assessment-snapshots">
      <h2>Snapshots</h2>
      {props.assessment.snapshots.length === 0 ? <p className="muted">None attached.</p> : null}
      <ul className="plain-list">
        {props.assessment.snapshots.map((s) => (
          <li
            key={s.snapshotId}
            data-testid="assessment-snapshot"
            data-current={s.current ? 'true' : 'false'}
          >
            <span className="mono">{s.account ?? s.connection}</span> · {formatTimestamp(s.startedAt)}{' '}
            {s.current ? <span className="chip chip--good chip--caps">current</span> : null}
            {s.note ? <span className="muted small"> — {s.note}</span> : null}
          </li>
        ))}
      </ul>
      {choices.length > 0 ? (
        <div className="row-gap">
          <select
            data-testid="attach-snapshot-select"
            value={pick}
            onChange={(e) => setChosen(e.target.value)}
          >
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.account ?? s.connection} · {formatTimestamp(s.startedAt)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            data-testid="attach-snapshot-submit"
            disabled={attach.busy || !actor || !pick}
            onClick={() =>
              void attach
                .run('assessments.attachSnapshot', () =>
                  call('assessments.attachSnapshot', {
                    actor: actor!.id,
                    assessmentId: props.assessment.id,
                    snapshotId: pick,
                  }),
                )
                .then((done) => {
                  if (done) {
                    setChosen('');
                    props.onChanged();
                  }
                })
            }
          >
            Attach snapshot
          </button>
        </div>
      ) : null}
    </section>
  );
}

function ScopeSummary({ a }: { a: Assessment }) {
  const s = a.scope;
  const list = (xs: string[]) => (xs.length === 0 ? 'all' : xs.join(', '));
  return (
    <dl className="kv" data-testid="assessment-scope">
      <dt>Period</dt>
      <dd>{periodText(a)}</dd>
      <dt>Connections</dt>
      <dd>{list(s.connections)}</dd>
      <dt>Accounts</dt>
      <dd className="mono">{list(s.accounts)}</dd>
      <dt>Regions</dt>
      <dd className="mono">{list(s.regions)}</dd>
      <dt>Tag</dt>
      <dd>{s.tag ? `${s.tag.key}=${s.tag.value}` : 'none'}</dd>
      <dt>Out of scope</dt>
      <dd>
        {s.exclusions.length === 0 ? 'nothing' : `${s.exclusions.length} resource(s)`}
        {s.exclusions.length > 0 ? (
          <details>
            <summary>list</summary>
            <ul className="plain-list">
              {s.exclusions.map((e) => (
                <li key={e.resourceUid}>
                  <span className="mono break">{e.resourceUid}</span> — {e.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </dd>
      <dt>People</dt>
      <dd>
        {a.people.map((p) => (
          <span key={`${p.personId}/${p.role}`} className="person-role">
            {p.name} <RoleChip role={p.role} />
          </span>
        ))}
      </dd>
    </dl>
  );
}

export function AssessmentHome(props: {
  assessmentId: string;
  controlId: string | null;
  onOpenControl: (controlId: string | null) => void;
  onBack: () => void;
}) {
  const { actor } = useActor();
  const assessment = useCall('assessments.get', { assessmentId: props.assessmentId });
  const a = assessment.data;
  const [chosenFramework, setFramework] = useState<FrameworkId | null>(null);
  const framework = chosenFramework ?? a?.frameworks[0] ?? null;
  const controls = useCall(
    'controls.forAssessment',
    framework ? { assessmentId: props.assessmentId, framework } : null,
  );
  const whole = useCall('signoffs.list', framework ? { assessmentId: props.assessmentId, framework } : null);
  const exceptions = useCall('exceptions.list', {});
  const checks = useCall('checks.list', {});
  const maxDays = useCall('settings.exceptionMaxDays.get', {});
  const [filter, setFilter] = useState<ControlStatus | 'to-sign' | ''>('');

  const checksById = useMemo(
    () => new Map<string, CheckInfo>((checks.data?.checks ?? []).map((c) => [c.id, c])),
    [checks.data],
  );
  const reloadAll = () => {
    assessment.reload();
    controls.reload();
    whole.reload();
    exceptions.reload();
  };

  if (!a || !framework) return <p className="muted">Loading the assessment…</p>;
  const all = controls.data ?? [];
  const p = progressOf(a, all, exceptions.data ?? [], actor?.id ?? null);
  const actions = nextActions(a, p);
  const frameworkChecks = new Set(all.flatMap((c) => c.checkIds));
  const relevantExceptions = (exceptions.data ?? []).filter((e) => frameworkChecks.has(e.checkId));

  const open = props.controlId ? all.find((c) => c.controlId === props.controlId) : null;
  if (props.controlId && open)
    return (
      <ControlDetail
        assessment={a}
        framework={framework}
        control={open}
        checks={checksById}
        exceptions={exceptions.data}
        maxDays={maxDays.data ?? null}
        onChanged={reloadAll}
        onBack={() => props.onOpenControl(null)}
      />
    );

  const actorRoles = a.people.filter((x) => x.personId === actor?.id).map((x) => x.role);
  const shown = all.filter((c) => {
    if (!filter) return true;
    if (filter === 'to-sign') {
      const next = nextRole(a, c.signoffs);
      return next !== null && actorRoles.includes(next);
    }
    return c.status === filter;
  });
  const statusCounts = new Map<ControlStatus, number>();
  for (const c of all) statusCounts.set(c.status, (statusCounts.get(c.status) ?? 0) + 1);

  return (
    <div className="assessment-home" data-testid="assessment-home">
      <div className="row-gap">
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="assessments-back"
          onClick={props.onBack}
        >
          ← All assessments
        </button>
      </div>
      <section className="panel" aria-labelledby="assessment-heading">
        <div className="row-gap">
          <h2 id="assessment-heading" className="grow" data-testid="assessment-title">
            {a.name}
          </h2>
          {isDemo(a) ? <DemoChip /> : null}
          <AssessmentStatusChip status={a.status} />
        </div>
        {isDemo(a) ? (
          <p className="notice notice--demo" data-testid="demo-notice">
            Demo assessment over the fictional Northwind Health estate: its people, exceptions and file are
            generated to show every status. Nothing here is real evidence.
          </p>
        ) : null}
        <ScopeSummary a={a} />
      </section>

      <div className="row-gap" role="tablist" aria-label="Frameworks">
        {a.frameworks.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={f === framework}
            className={`btn btn--small${f === framework ? ' btn--primary' : ''}`}
            data-testid={`assessment-framework-tab-${f}`}
            onClick={() => setFramework(f)}
          >
            {f}
          </button>
        ))}
      </div>

      <div className="summary progress-tiles" data-testid="assessment-progress">
        <div className="summary__item summary__item--effective" data-testid="progress-signed">
          <span className="summary__count">
            {formatCount(p.signed)} / {formatCount(p.controls)}
          </span>
          <span className="summary__label">controls signed off</span>
        </div>
        <div className="summary__item summary__item--incomplete" data-testid="progress-awaiting">
          <span className="summary__count">{formatCount(p.awaitingEvidence)}</span>
          <span className="summary__label">awaiting evidence</span>
        </div>
        <div className="summary__item summary__item--deficient" data-testid="progress-deficient">
          <span className="summary__count">{formatCount(p.deficient)}</span>
          <span className="summary__label">deficient</span>
        </div>
        <div className="summary__item" data-testid="progress-expiring">
          <span className="summary__count">{formatCount(p.expiringSoon)}</span>
          <span className="summary__label">exceptions expiring ≤ {EXPIRY_WARNING_DAYS} days</span>
        </div>
      </div>

      <section className="panel" aria-label="Next actions" data-testid="next-actions">
        <h2>Next actions</h2>
        {actions.length === 0 && controls.data ? <p className="text-good">Nothing waiting.</p> : null}
        <ul className="plain-list">
          {actions.map((x) => (
            <li key={x.id} data-testid={`next-action-${x.id}`}>
              {x.filter ? (
                <button type="button" className="link-button" onClick={() => setFilter(x.filter ?? '')}>
                  {x.text}
                </button>
              ) : (
                x.text
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-label="Controls">
        <div className="row-gap">
          <h2 className="grow">Controls</h2>
          <label className="inline-field">
            <span>Show</span>
            <select
              data-testid="controls-filter"
              value={filter}
              onChange={(e) => setFilter(e.target.value as ControlStatus | 'to-sign' | '')}
            >
              <option value="">all ({all.length})</option>
              <option value="to-sign">ready for my signature</option>
              {[...statusCounts.entries()].map(([s, n]) => (
                <option key={s} value={s}>
                  {CONTROL_STATUS_LABELS[s]} ({n})
                </option>
              ))}
            </select>
          </label>
        </div>
        {controls.loading && !controls.data ? <p className="muted">Evaluating controls…</p> : null}
        <div className="table-wrap">
          <table className="table" data-testid="assessment-controls">
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Fail
                </th>
                <th scope="col">Evidence</th>
                <th scope="col">Sign-offs</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => {
                const answered = c.requests.filter((r) => r.answered).length;
                const holding = c.signoffs.filter(holds);
                const stale = c.signoffs.some((s) => s.stale);
                return (
                  <tr key={c.controlId} data-testid="assessment-control-row" data-control={c.controlId}>
                    <td className="mono nowrap">
                      <button
                        type="button"
                        className="link-button"
                        data-testid="open-control"
                        onClick={() => props.onOpenControl(c.controlId)}
                      >
                        {c.controlId}
                      </button>
                    </td>
                    <td className="control-title" title={c.description}>
                      {c.title}
                    </td>
                    <td>
                      <ControlStatusChip status={c.status} />
                      {c.label !== CONTROL_STATUS_LABELS[c.status] ? (
                        <div className="small muted">{c.label}</div>
                      ) : null}
                    </td>
                    <td className={`num${c.counts.fail > 0 ? ' text-bad' : ''}`}>{c.counts.fail}</td>
                    <td className="small">
                      {c.requests.length > 0 ? `${answered}/${c.requests.length} files` : ''}
                      {c.exceptionsInForce.length > 0 ? (
                        <div>{c.exceptionsInForce.length} exception(s)</div>
                      ) : null}
                    </td>
                    <td className="small" data-testid="control-signoff-state">
                      {holding.map((s) => (
                        <RoleChip key={s.id} role={s.role} />
                      ))}
                      {stale ? <span className="chip chip--warn chip--caps">stale</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <SnapshotsPanel assessment={a} onChanged={reloadAll} />

      <AssessmentPackagePanel assessment={a} />

      <ExceptionsPanel
        title="Exceptions on this framework's checks"
        records={relevantExceptions}
        maxDays={maxDays.data ?? null}
        onChanged={reloadAll}
      />

      <SignOffPanel
        assessment={a}
        framework={framework}
        controlId="*"
        signoffs={(whole.data ?? []).filter((s) => s.controlId === '*')}
        digest={null}
        onSigned={reloadAll}
        testId="framework-signoffs"
      />
      <p className="muted small">Last change {formatTimestamp(a.updatedAt)}.</p>
    </div>
  );
}
