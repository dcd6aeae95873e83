// One control within an assessment: what it requires, the conclusion in the framework's words, the mapped
// checks and their failing findings per current snapshot, the exceptions, the manual evidence, and the
// sign-off chain. Everything the reviewer needs to sign without leaving the page.
import { useState } from 'react';
import type {
  Assessment,
  AssessmentControl,
  CheckInfo,
  ExceptionRecord,
  Finding,
  FrameworkId,
} from '../../../../shared/domain';
import type { ExceptionMaxDays } from '../../../../shared/settings';
import { ControlStatusChip, FindingStatusChip, SeverityChip } from '../../components/Chip';
import { formatTimestamp } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { ExceptionRequestForm, type ExceptionPrefill } from './ExceptionRequestForm';
import { ExceptionsPanel } from './ExceptionsPanel';
import { ManualRequests } from './ManualRequests';
import { useNavigate } from './navigation';
import { SignOffPanel } from './SignOffPanel';

/** Global (account-wide) resources are always in a region scope (docs/assessments.md). */
const GLOBAL_REGIONS = ['global', 'aws-global'];
const SHOWN = 100;

function SnapshotFindings(props: {
  snapshotId: string;
  account: string | null;
  startedAt: string;
  control: AssessmentControl;
  assessment: Assessment;
  checks: Map<string, CheckInfo>;
  onRequestException: (p: ExceptionPrefill) => void;
}) {
  const ws = useWorkspace();
  const navigate = useNavigate();
  const scope = props.assessment.scope;
  const page = useCall('findings.query', {
    snapshotId: props.snapshotId,
    limit: SHOWN,
    sort: [{ column: 'check', direction: 'asc' }],
    filters: {
      checkId: props.control.checkIds.slice(0, 200),
      status: ['fail', 'error'],
      ...(scope.regions.length > 0 ? { region: [...scope.regions, ...GLOBAL_REGIONS] } : {}),
    },
  });
  const excluded = new Set(scope.exclusions.map((e) => e.resourceUid));
  const rows: Finding[] = (page.data?.rows ?? []).filter((f) => !excluded.has(f.resourceUid));
  const byCheck = new Map<string, Finding[]>();
  for (const f of rows) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
  const groups = [...byCheck.entries()];

  return (
    <div className="snapshot-findings" data-testid="control-findings">
      <div className="row-gap">
        <h3 className="grow">
          Account <span className="mono">{props.account ?? '—'}</span> · snapshot{' '}
          {formatTimestamp(props.startedAt)}
        </h3>
        <button
          type="button"
          className="btn btn--small"
          data-testid="open-findings"
          onClick={() => {
            ws.selectSnapshot(props.snapshotId);
            navigate('findings');
          }}
        >
          Open this snapshot in Findings
        </button>
      </div>
      {page.data && rows.length === 0 ? (
        <p className="muted">No failing or erroring findings of the mapped checks in scope.</p>
      ) : null}
      {groups.map(([checkId, found], i) => (
        // One group per check, the first open: a control mapping 40 checks stays readable.
        <details key={checkId} className="check-group" open={i === 0} data-testid="control-check-group">
          <summary>
            <span className="mono wrap-anywhere">{checkId}</span>{' '}
            <SeverityChip severity={found[0].severity} />{' '}
            <span className="muted small">
              {found.filter((f) => f.status === 'fail').length} fail,{' '}
              {found.filter((f) => f.status === 'error').length} error
              {props.checks.get(checkId) ? ` — ${props.checks.get(checkId)?.title}` : ''}
            </span>
          </summary>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Reason</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {found.map((f) => (
                  <tr key={f.resourceUid} data-testid="control-finding-row">
                    <td>
                      <FindingStatusChip status={f.status} />
                    </td>
                    <td className="small break">
                      {f.resourceName}
                      <div className="muted mono">{f.region}</div>
                    </td>
                    <td className="reason small">{f.reason}</td>
                    <td>
                      {f.status === 'fail' && props.account ? (
                        <button
                          type="button"
                          className="btn btn--small"
                          data-testid="finding-request-exception"
                          onClick={() =>
                            props.onRequestException({
                              checkId: f.checkId,
                              account: props.account ?? undefined,
                              resourceUid: f.resourceUid,
                            })
                          }
                        >
                          Request exception
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
      {page.data && page.data.total > SHOWN ? (
        <p className="muted small">
          Showing the first {SHOWN} of {page.data.total}; the Findings view lists them all.
        </p>
      ) : null}
      {scope.tag ? (
        <p className="muted small">
          The tag filter ({scope.tag.key}={scope.tag.value}) is applied to the counts above, not to this list.
        </p>
      ) : null}
    </div>
  );
}

export function ControlDetail(props: {
  assessment: Assessment;
  framework: FrameworkId;
  control: AssessmentControl;
  checks: Map<string, CheckInfo>;
  exceptions: ExceptionRecord[] | undefined;
  maxDays: ExceptionMaxDays | null;
  onChanged: () => void;
  onBack: () => void;
}) {
  const { assessment: a, control: c } = props;
  const [prefill, setPrefill] = useState<ExceptionPrefill | null>(null);
  const mapped = c.checkIds.map((id) => props.checks.get(id)).filter((x): x is CheckInfo => !!x);
  const relevant = (props.exceptions ?? []).filter((e) => c.checkIds.includes(e.checkId));
  const inForce = new Set(c.exceptionsInForce.map((e) => e.id));

  return (
    <div className="control-detail" data-testid="control-detail">
      <div className="row-gap">
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="control-back"
          onClick={props.onBack}
        >
          ← {a.name}
        </button>
      </div>
      <section className="panel" aria-labelledby="control-heading">
        <div className="row-gap">
          <h2 id="control-heading" className="grow">
            <span className="mono">{c.controlId}</span> {c.title}
          </h2>
          <ControlStatusChip status={c.status} />
          <span className="chip chip--neutral" data-testid="control-label">
            {c.label}
          </span>
        </div>
        <h3>Requirement</h3>
        <p data-testid="control-requirement">{c.description}</p>
        <h3>Conclusion</h3>
        <p className="prewrap" data-testid="control-conclusion">
          {c.conclusion}
        </p>
        <dl className="kv">
          <dt>Why this status</dt>
          <dd>{c.statusReason}</dd>
          <dt>Results</dt>
          <dd>
            {c.counts.pass} pass ·{' '}
            <span className={c.counts.fail ? 'text-bad' : ''}>{c.counts.fail} fail</span> ·{' '}
            <span className={c.counts.error ? 'text-warn' : ''}>{c.counts.error} error</span> ·{' '}
            {c.counts.excepted} excepted
          </dd>
          <dt>Population</dt>
          <dd>
            {c.population.resources} resources in {c.population.accounts.length} account(s),{' '}
            {c.population.regions.length} region(s); {c.population.excluded} left out of scope
          </dd>
          <dt>Exceptions in force</dt>
          <dd>{c.exceptionsInForce.length === 0 ? 'none' : c.exceptionsInForce.length}</dd>
        </dl>
      </section>

      {mapped.length > 0 ? (
        <section className="panel" aria-label="Mapped checks and findings">
          <h2>Checks and their failures</h2>
          <details>
            <summary>The {mapped.length} mapped check(s)</summary>
            <ul className="plain-list">
              {mapped.map((k) => (
                <li key={k.id}>
                  <span className="mono">{k.id}</span> — {k.title} <SeverityChip severity={k.severity} />
                </li>
              ))}
            </ul>
          </details>
          {c.population.snapshots.length === 0 ? (
            <p className="muted">No current snapshot: attach one to the assessment.</p>
          ) : null}
          {c.population.snapshots.map((s) => (
            <SnapshotFindings
              key={s.snapshotId}
              snapshotId={s.snapshotId}
              account={s.account}
              startedAt={s.startedAt}
              control={c}
              assessment={a}
              checks={props.checks}
              onRequestException={setPrefill}
            />
          ))}
          {prefill === null ? (
            <button
              type="button"
              className="btn"
              data-testid="exception-new"
              onClick={() => setPrefill({ checkId: mapped[0].id, account: c.population.accounts[0] })}
            >
              Request an exception…
            </button>
          ) : null}
        </section>
      ) : null}

      {prefill ? (
        <ExceptionRequestForm
          key={`${prefill.checkId}/${prefill.resourceUid ?? ''}`}
          checks={mapped}
          accounts={c.population.accounts}
          maxDays={props.maxDays}
          prefill={prefill}
          onCancel={() => setPrefill(null)}
          onDone={() => {
            setPrefill(null);
            props.onChanged();
          }}
        />
      ) : null}

      {mapped.length > 0 ? (
        <ExceptionsPanel
          title={`Exceptions on these checks (${inForce.size} in force)`}
          testId="control-exceptions"
          records={relevant}
          maxDays={props.maxDays}
          onChanged={props.onChanged}
        />
      ) : null}

      <ManualRequests assessmentId={a.id} control={c} onChanged={props.onChanged} />

      <SignOffPanel
        assessment={a}
        framework={props.framework}
        controlId={c.controlId}
        signoffs={c.signoffs}
        digest={c.digest}
        onSigned={props.onChanged}
        testId="control-signoffs"
      />
    </div>
  );
}
