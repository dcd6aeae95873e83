import { SnapshotStatusChip } from '../../components/Chip';
import { formatCount, formatTimestamp, plural } from '../../lib/format';
import { useCall } from '../../lib/use-call';

export function SnapshotDetail({ snapshotId }: { snapshotId: string }) {
  const { data } = useCall('snapshots.get', { snapshotId });
  if (!data) return <p className="muted">Loading snapshot…</p>;
  const s = data.snapshot;
  return (
    <section className="panel" aria-labelledby="snapshot-detail-heading" data-testid="snapshot-detail">
      <h2 id="snapshot-detail-heading">
        Snapshot <code>{s.id}</code> <SnapshotStatusChip status={s.status} />
      </h2>
      <dl className="kv">
        <dt>Connection</dt>
        <dd>
          {s.connection} ({s.provider.toUpperCase()})
        </dd>
        <dt>{s.provider === 'azure' ? 'Subscription' : 'Account'}</dt>
        <dd className="mono">
          {s.account ?? '—'}
          {s.accountName ? <span className="muted"> ({s.accountName})</span> : null}
        </dd>
        {s.runId ? (
          <>
            <dt>{s.provider === 'azure' ? 'Azure run' : 'Organisation run'}</dt>
            <dd className="mono" data-testid="snapshot-run">
              {s.runId}
            </dd>
          </>
        ) : null}
        <dt>{s.provider === 'azure' ? 'Tenant / subscription name' : 'Identity used'}</dt>
        <dd className="mono">{s.identity ?? '—'}</dd>
        <dt>{s.provider === 'azure' ? 'Locations' : 'Regions'}</dt>
        <dd>{s.regions.length > 0 ? s.regions.join(', ') : '—'}</dd>
        <dt>Started / finished (UTC)</dt>
        <dd>
          {formatTimestamp(s.startedAt)} → {formatTimestamp(s.finishedAt)}
        </dd>
        <dt>Resources</dt>
        <dd>{formatCount(s.resourceCount)}</dd>
        <dt>Tool / catalog version</dt>
        <dd>
          {s.toolVersion} / {s.catalogVersion}
        </dd>
        <dt>Content SHA-256</dt>
        <dd className="mono break" data-testid="snapshot-hash">
          {s.contentSha256 ?? '— (not sealed)'}
        </dd>
        {s.failureReason ? (
          <>
            <dt>Failure</dt>
            <dd className="text-bad">{s.failureReason}</dd>
          </>
        ) : null}
      </dl>

      <h3>{plural(data.errors.length, 'collection gap')}</h3>
      {data.errors.length === 0 ? (
        <p className="muted" data-testid="no-gaps">
          Every API call succeeded: the collected population is complete for the regions above.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="gaps-table">
            <caption className="sr-only">API calls that failed during collection</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Region</th>
                <th scope="col">Operation</th>
                <th scope="col">Resource</th>
                <th scope="col">Code</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {data.errors.map((e, i) => (
                <tr key={`${e.service}/${e.region}/${e.operation}/${i}`}>
                  <td>{e.service}</td>
                  <td>{e.region}</td>
                  <td className="mono">{e.operation}</td>
                  <td className="mono">{e.resource ?? '—'}</td>
                  <td className="mono text-warn">{e.code}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
