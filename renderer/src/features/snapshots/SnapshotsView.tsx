// Every snapshot in the workspace, and the chosen one's detail. Collection errors are listed in full because a
// gap (an access-denied region, a throttled service) limits what the evidence can prove: auditors ask. The
// account snapshots of a whole-organisation run are grouped under their run; only complete snapshots can be
// picked as the current one.
import { useEffect } from 'react';
import type { CollectionRunSummary } from '../../../../shared/domain';
import { SnapshotStatusChip } from '../../components/Chip';
import { EmptyState } from '../../components/EmptyState';
import { formatCount, formatTimestamp, plural, shortHash } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { canBeCurrent, groupByRun } from './group-by-run';
import { RunsPanel } from './RunsPanel';
import { SnapshotDetail } from './SnapshotDetail';

/** The group row's words: an AWS organisation run (organisation, role) or an Azure run (tenant, subscriptions). */
function runHeading(r: CollectionRunSummary | undefined, runId: string, count: number): string {
  const id = runId.slice(0, 8);
  if (r?.provider === 'azure')
    return `Azure run ${id} · tenant ${r.organizationId ?? 'unknown'} · ${r.status} · ${count} subscription snapshot${count === 1 ? '' : 's'}`;
  return (
    `Organisation run ${id}` +
    (r ? ` · ${r.organizationId ?? ''} · role ${r.roleName} · ${r.status}` : '') +
    ` · ${count} account snapshot${count === 1 ? '' : 's'}`
  );
}

export function SnapshotsView() {
  const ws = useWorkspace();
  const runs = useCall('runs.list', {});
  const { reload } = runs;
  // The run list changes whenever the snapshot list does (a run's account snapshot started or ended).
  useEffect(() => reload(), [ws.snapshots, reload]);
  const entries = groupByRun(ws.snapshots, runs.data ?? []);
  return (
    <section className="view" aria-labelledby="snapshots-heading">
      <header className="view__header">
        <h1 id="snapshots-heading">Snapshots</h1>
        <button type="button" className="btn btn--ghost" onClick={() => void ws.refreshSnapshots()}>
          Refresh
        </button>
      </header>
      {ws.snapshotsLoaded && ws.snapshots.length === 0 ? (
        <EmptyState title="No snapshots yet" testId="snapshots-empty">
          Go to Connections, pick a connection and run a snapshot.
        </EmptyState>
      ) : null}
      <RunsPanel runs={runs.data ?? []} />
      {ws.snapshots.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="snapshots-table">
            <caption className="sr-only">Snapshots; select one to see its detail</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Started (UTC)</th>
                <th scope="col" className="col-optional">
                  Connection
                </th>
                <th scope="col">Provider</th>
                <th scope="col">Account / subscription</th>
                {/* Optional columns give way first in a narrow window; both are in the snapshot detail. */}
                <th scope="col" className="col-optional">
                  Name
                </th>
                <th scope="col" className="col-optional">
                  Identity
                </th>
                <th scope="col">Regions</th>
                <th scope="col" className="num">
                  Resources
                </th>
                <th scope="col" className="num">
                  Gaps
                </th>
                <th scope="col">Content SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                if (entry.kind === 'run') {
                  const r = entry.run;
                  return (
                    <tr key={`run-${entry.runId}`} className="group-row" data-testid="run-group-row">
                      <th scope="rowgroup" colSpan={11}>
                        {runHeading(entry.run, entry.runId, entry.count)}
                        {r && r.gaps.length > 0 ? (
                          <span className="text-warn">
                            {' '}
                            · {plural(r.gaps.length, r.provider === 'azure' ? 'subscription' : 'account')} not
                            collected
                          </span>
                        ) : null}
                      </th>
                    </tr>
                  );
                }
                const s = entry.snapshot;
                const pickable = canBeCurrent(s);
                return (
                  <tr
                    key={s.id}
                    className={
                      [
                        s.id === ws.selectedSnapshotId ? 'is-selected' : '',
                        entry.inRun ? 'in-group' : '',
                        pickable ? '' : 'is-disabled',
                      ]
                        .filter(Boolean)
                        .join(' ') || undefined
                    }
                    data-testid="snapshot-row"
                    aria-selected={s.id === ws.selectedSnapshotId}
                    aria-disabled={!pickable}
                    title={
                      pickable
                        ? undefined
                        : `A ${s.status} snapshot holds no evidence: ${s.failureReason ?? ''}`
                    }
                    tabIndex={pickable ? 0 : -1}
                    onClick={() => {
                      if (pickable) ws.selectSnapshot(s.id);
                    }}
                    onKeyDown={(e) => {
                      if (pickable && (e.key === 'Enter' || e.key === ' ')) {
                        e.preventDefault();
                        ws.selectSnapshot(s.id);
                      }
                    }}
                  >
                    <td>
                      <SnapshotStatusChip status={s.status} />
                    </td>
                    <td className="nowrap">{formatTimestamp(s.startedAt)}</td>
                    <td className="col-optional">{s.connection}</td>
                    <td className="upper" data-testid="snapshot-provider">
                      {s.provider}
                    </td>
                    <td className="mono">{s.account ?? '—'}</td>
                    <td className="col-optional">{s.accountName ?? '—'}</td>
                    <td className="truncate col-optional" title={s.identity ?? undefined}>
                      {s.identity ?? '—'}
                    </td>
                    <td className="truncate" title={s.regions.join(', ')}>
                      {s.regions.length > 0 ? s.regions.join(', ') : '—'}
                    </td>
                    <td className="num">{formatCount(s.resourceCount)}</td>
                    <td className={`num${s.errorCount > 0 ? ' text-warn' : ''}`}>
                      {formatCount(s.errorCount)}
                    </td>
                    <td className="mono" title={s.contentSha256 ?? undefined}>
                      {shortHash(s.contentSha256)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {ws.selectedSnapshotId ? <SnapshotDetail snapshotId={ws.selectedSnapshotId} /> : null}
    </section>
  );
}
