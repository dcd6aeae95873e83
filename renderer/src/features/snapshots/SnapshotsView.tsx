// Every snapshot in the workspace, and the chosen one's detail. Collection errors are listed in full because a
// gap (an access-denied region, a throttled service) limits what the evidence can prove: auditors ask.
import { SnapshotStatusChip } from '../../components/Chip';
import { EmptyState } from '../../components/EmptyState';
import { formatCount, formatTimestamp, shortHash } from '../../lib/format';
import { useWorkspace } from '../../lib/workspace';
import { SnapshotDetail } from './SnapshotDetail';

export function SnapshotsView() {
  const ws = useWorkspace();
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
      {ws.snapshots.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="snapshots-table">
            <caption className="sr-only">Snapshots; select one to see its detail</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Started (UTC)</th>
                <th scope="col">Connection</th>
                <th scope="col">Account</th>
                <th scope="col">Identity</th>
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
              {ws.snapshots.map((s) => (
                <tr
                  key={s.id}
                  className={s.id === ws.selectedSnapshotId ? 'is-selected' : undefined}
                  data-testid="snapshot-row"
                  aria-selected={s.id === ws.selectedSnapshotId}
                  tabIndex={0}
                  onClick={() => ws.selectSnapshot(s.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      ws.selectSnapshot(s.id);
                    }
                  }}
                >
                  <td>
                    <SnapshotStatusChip status={s.status} />
                  </td>
                  <td className="nowrap">{formatTimestamp(s.startedAt)}</td>
                  <td>{s.connection}</td>
                  <td className="mono">{s.account ?? '—'}</td>
                  <td className="truncate" title={s.identity ?? undefined}>
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
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {ws.selectedSnapshotId ? <SnapshotDetail snapshotId={ws.selectedSnapshotId} /> : null}
    </section>
  );
}
