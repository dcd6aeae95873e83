// Control-level conclusions for one framework over the current snapshot: the view an auditor tests against.
import { useState } from 'react';
import type { ControlStatus, FrameworkId } from '../../../../shared/domain';
import { CONTROL_STATUS_LABELS, ControlStatusChip, ProviderChip } from '../../components/Chip';
import { EmptyState } from '../../components/EmptyState';
import { formatCount, plural } from '../../lib/format';
import { pickableSelection } from '../../lib/snapshot-choice';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { FrameworkSelect } from './FrameworkSelect';

const STATUS_ORDER: ControlStatus[] = [
  'deficient',
  'incomplete',
  'awaiting-evidence',
  'manual',
  'effective-with-exceptions',
  'effective',
  'not-applicable',
];

export function ControlsView() {
  const ws = useWorkspace();
  const [framework, setFramework] = useState<FrameworkId>('soc2-2017');
  const [statusFilter, setStatusFilter] = useState<ControlStatus | ''>('');
  // Only a complete snapshot is evaluated; a failed or cancelled one is never shown as current.
  const snapshotId = pickableSelection(ws.snapshots, ws.selectedSnapshotId);
  const controls = useCall('controls.list', snapshotId ? { snapshotId, framework } : null);

  if (!snapshotId) {
    return (
      <section className="view">
        <h1>Controls</h1>
        <EmptyState title="No snapshot selected">
          Choose a snapshot in the header, or run one from Connections.
        </EmptyState>
      </section>
    );
  }

  const all = controls.data ?? [];
  const counts = new Map<ControlStatus, number>();
  for (const c of all) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const shown = statusFilter ? all.filter((c) => c.status === statusFilter) : all;

  return (
    <section className="view" aria-labelledby="controls-heading">
      <header className="view__header">
        <h1 id="controls-heading">Controls</h1>
        <span className="muted" data-testid="controls-total">
          {controls.data ? plural(all.length, 'control') : ''}
        </span>
        <FrameworkSelect value={framework} onChange={setFramework} />
      </header>

      <div className="summary" data-testid="controls-summary" role="group" aria-label="Controls by status">
        {STATUS_ORDER.map((s) => (
          <button
            type="button"
            key={s}
            className={`summary__item summary__item--${s}${statusFilter === s ? ' is-active' : ''}`}
            aria-pressed={statusFilter === s}
            data-testid={`controls-count-${s}`}
            onClick={() => setStatusFilter(statusFilter === s ? '' : s)}
          >
            <span className="summary__count">{formatCount(counts.get(s) ?? 0)}</span>
            <span className="summary__label">{CONTROL_STATUS_LABELS[s]}</span>
          </button>
        ))}
      </div>

      {controls.loading && !controls.data ? <p className="muted">Evaluating controls…</p> : null}
      {controls.data && all.length === 0 ? (
        <EmptyState title="This framework has no controls mapped." />
      ) : null}
      {controls.data && all.length > 0 && shown.length === 0 ? (
        <EmptyState title="No controls match this filter." testId="controls-none">
          <button
            type="button"
            className="btn btn--small"
            data-testid="controls-clear-filter"
            onClick={() => setStatusFilter('')}
          >
            Clear filter
          </button>
        </EmptyState>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="controls-table">
            <caption className="sr-only">Control results for the selected framework and snapshot</caption>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col" title="The clouds this control's findings came from">
                  Clouds
                </th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Pass
                </th>
                <th scope="col" className="num">
                  Fail
                </th>
                <th scope="col" className="num">
                  Error
                </th>
                <th scope="col" className="num">
                  Excepted
                </th>
                <th scope="col">Checks</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.controlId} data-testid="control-row">
                  <td className="mono nowrap">{c.controlId}</td>
                  <td className="control-title" title={c.description}>
                    {c.title}
                  </td>
                  <td>
                    <ControlStatusChip status={c.status} />
                  </td>
                  <td data-testid="control-clouds" className="nowrap">
                    {c.providers && c.providers.length > 0
                      ? c.providers.map((p) => <ProviderChip key={p} provider={p} />)
                      : '—'}
                  </td>
                  <td className="reason">
                    {c.statusReason}
                    {c.manualEvidence.length > 0 ? (
                      <ul className="manual-list" aria-label="Manual evidence requested">
                        {c.manualEvidence.map((m) => (
                          <li key={m}>{m}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td className="num">{c.counts.pass}</td>
                  <td className={`num${c.counts.fail > 0 ? ' text-bad' : ''}`}>{c.counts.fail}</td>
                  <td className={`num${c.counts.error > 0 ? ' text-warn' : ''}`}>{c.counts.error}</td>
                  <td className="num">{c.counts.excepted}</td>
                  <td className="mono small check-ids" title={plural(c.checkIds.length, 'check')}>
                    {c.checkIds.length > 0 ? c.checkIds.map((id) => <div key={id}>{id}</div>) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
