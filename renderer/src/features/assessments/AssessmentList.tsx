// Every assessment in the workspace: where the analyst starts. A newcomer with no assessment is offered the
// demo one (main/assessments/demo-seed.ts), made on request so nothing appears in the audit log unasked.
import type { Assessment } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { call } from '../../lib/api';
import { formatTimestamp } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { AssessmentStatusChip, DemoChip } from './chips';
import { isDemo, periodText } from './assessment-text';
import { useAction } from './use-action';
import { useActor } from './actor';

export function AssessmentList(props: { onOpen: (id: string) => void; onCreate: () => void }) {
  const ws = useWorkspace();
  const list = useCall('assessments.list', {});
  const { reloadPeople, setActorId, actor } = useActor();
  const demo = useAction();
  const hasDemoSnapshot = ws.snapshots.some((s) => s.connection === 'demo' && s.status === 'complete');
  const assessments: Assessment[] = list.data ?? [];

  async function tryDemo() {
    const made = await demo.run('assessments.seedDemo', () => call('assessments.seedDemo', {}));
    if (!made) return;
    reloadPeople();
    // Act as the demo preparer unless someone is already chosen: the next click (sign, attach) just works.
    const preparer = made.people.find((p) => p.role === 'preparer');
    if (!actor && preparer) setActorId(preparer.personId);
    props.onOpen(made.id);
  }

  return (
    <>
      <div className="row-gap">
        <button
          type="button"
          className="btn btn--primary"
          data-testid="assessment-new"
          onClick={props.onCreate}
        >
          New assessment
        </button>
        <button
          type="button"
          className="btn"
          data-testid="assessment-try-demo"
          disabled={demo.busy || !hasDemoSnapshot}
          title={hasDemoSnapshot ? undefined : 'Take a snapshot of the Demo connection first (Connections)'}
          onClick={() => void tryDemo()}
        >
          {demo.busy ? 'Preparing the demo…' : 'Try the demo assessment'}
        </button>
        {!hasDemoSnapshot ? (
          <span className="muted small">The demo needs a snapshot of the Demo connection (Connections).</span>
        ) : null}
      </div>
      {list.data && assessments.length === 0 ? (
        <EmptyState title="No assessments yet" testId="assessments-empty">
          An assessment gathers what an auditor receives: frameworks, a scope, a period, the people who
          prepare, review and approve, the snapshots concluded on, exceptions and manual evidence. Create one,
          or try the demo to see every status on the demo estate.
        </EmptyState>
      ) : null}
      {assessments.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="assessments-table">
            <caption className="sr-only">Assessments in this workspace</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Frameworks</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Snapshots
                </th>
                <th scope="col">People</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((a) => (
                <tr key={a.id} data-testid="assessment-row">
                  <td>
                    <button type="button" className="link-button" onClick={() => props.onOpen(a.id)}>
                      {a.name}
                    </button>{' '}
                    {isDemo(a) ? <DemoChip /> : null}
                  </td>
                  <td>
                    <AssessmentStatusChip status={a.status} />
                  </td>
                  <td className="mono small">{a.frameworks.join(', ')}</td>
                  <td className="nowrap">{periodText(a)}</td>
                  <td className="num">{a.snapshots.filter((s) => s.current).length}</td>
                  <td className="small">
                    {a.people.map((p) => (
                      <div key={`${p.personId}/${p.role}`}>
                        {p.name} <span className="muted">({p.role})</span>
                      </div>
                    ))}
                  </td>
                  <td className="nowrap small">{formatTimestamp(a.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
