// Collection runs (AWS whole-organisation runs, Azure runs over subscriptions): what each collected, and the
// accounts or subscriptions it could not reach with the reason (a role that could not be assumed, a subscription
// without Reader, limits what the evidence covers, so it is shown, not buried).
import { SnapshotStatusChip } from '../../components/Chip';
import { formatTimestamp, plural } from '../../lib/format';
import type { CollectionRunSummary } from '../../../../shared/domain';

export function RunsPanel({ runs }: { runs: readonly CollectionRunSummary[] }) {
  if (runs.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="runs-heading" data-testid="runs-panel">
      <h2 id="runs-heading">Collection runs</h2>
      <ul className="run-list">
        {runs.map((r) => (
          <li key={r.id} data-testid="run-summary" data-provider={r.provider ?? 'aws'}>
            <div>
              <SnapshotStatusChip status={r.status} />{' '}
              {r.provider === 'azure' ? (
                <>
                  <strong>Azure tenant {r.organizationId ?? 'unknown'}</strong>{' '}
                  <span className="muted">
                    {formatTimestamp(r.startedAt)} · {r.connection} ·{' '}
                    {plural(r.accounts.length, 'subscription')} collected
                  </span>
                </>
              ) : (
                <>
                  <strong>{r.organizationId ?? 'organisation'}</strong>{' '}
                  <span className="muted">
                    {formatTimestamp(r.startedAt)} · role {r.roleName} ·{' '}
                    {plural(r.accounts.length, 'account')} collected
                  </span>
                </>
              )}
            </div>
            {r.gaps.length > 0 ? (
              <ul className="run-gaps" data-testid="run-gaps">
                {r.gaps.map((g) => (
                  <li key={`${g.accountId}-${g.code}`} className="text-warn">
                    <span className="mono">{g.accountId}</span>
                    {g.accountName ? ` (${g.accountName})` : ''} not collected: {g.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
