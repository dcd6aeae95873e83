// Findings of the current snapshot: sortable, filterable, virtualised (tens of thousands of rows render only
// the ~30 visible ones), with a detail pane showing the evidence and how to fix it.
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CheckInfo, Finding } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { formatCount } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { FindingDetail } from './FindingDetail';
import { findingColumns, findingKey, SEVERITIES, STATUSES, textSearch } from './findings-columns';

const ROW_HEIGHT = 40;
const NO_FINDINGS: Finding[] = [];

export function FindingsView() {
  const ws = useWorkspace();
  const snapshotId = ws.selectedSnapshotId;
  const findings = useCall('findings.list', snapshotId ? { snapshotId } : null);
  const checks = useCall('checks.list', {});
  const checksById = useMemo(
    () => new Map<string, CheckInfo>((checks.data?.checks ?? []).map((c) => [c.id, c])),
    [checks.data],
  );

  const [sorting, setSorting] = useState<SortingState>([{ id: 'severity', desc: true }]);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [severity, setSeverity] = useState('');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  // Typing stays responsive on 50k rows: the filter runs on the deferred value, at lower priority.
  const deferredSearch = useDeferredValue(search);
  const columnFilters = useMemo<ColumnFiltersState>(
    () =>
      [
        { id: 'status', value: status },
        { id: 'severity', value: severity },
      ].filter((f) => f.value !== ''),
    [status, severity],
  );

  const data = findings.data ?? NO_FINDINGS;
  // TanStack Table returns fresh functions each render by design; the React Compiler cannot memoise it and
  // nothing here relies on that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns: findingColumns,
    state: { sorting, columnFilters, globalFilter: deferredSearch },
    onSortingChange: setSorting,
    globalFilterFn: textSearch,
    // The search covers the whole finding (see textSearch), so it needs to run once per row, not per column.
    getColumnCanGlobalFilter: (column) => column.id === 'check',
    getRowId: findingKey,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => r.id === selectedKey);
  const selected = selectedKey === null ? null : (data.find((f) => findingKey(f) === selectedKey) ?? null);

  function moveSelection(to: number) {
    if (rows.length === 0) return;
    const index = Math.max(0, Math.min(rows.length - 1, to));
    setSelectedKey(rows[index].id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onGridKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + page,
      PageUp: selectedIndex - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveSelection(moves[e.key]);
    } else if (e.key === 'Escape') {
      setSelectedKey(null);
    }
  }

  if (!snapshotId) {
    return (
      <section className="view">
        <h1>Findings</h1>
        <EmptyState title="No snapshot selected" testId="findings-empty">
          Choose a snapshot in the header, or run one from Connections.
        </EmptyState>
      </section>
    );
  }

  const failCount = data.filter((f) => f.status === 'fail').length;
  const headers = table.getHeaderGroups()[0].headers;

  return (
    <section className="view view--fill" aria-labelledby="findings-heading">
      <header className="view__header">
        <h1 id="findings-heading">Findings</h1>
        <span className="muted">
          {formatCount(data.length)} results · {formatCount(failCount)} failing
        </span>
      </header>

      {checks.data && checks.data.problems.length > 0 ? (
        <div className="notice notice--warn" role="status" data-testid="check-problems">
          <strong>Custom checks that were not loaded (the built-in checks still run)</strong>
          <ul>
            {checks.data.problems.map((p) => (
              <li key={p.file + p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="toolbar" role="search" aria-label="Filter findings">
        <input
          type="search"
          className="toolbar__search"
          placeholder="Search check, resource, region, reason…"
          aria-label="Search findings"
          data-testid="findings-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="toolbar__field">
          <span>Status</span>
          <select data-testid="filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__field">
          <span>Severity</span>
          <select
            data-testid="filter-severity"
            value={severity}
            onChange={(e) => setSeverity(e.target.value)}
          >
            <option value="">All</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar__count" data-testid="findings-count" aria-live="polite">
          {formatCount(rows.length)} of {formatCount(data.length)} shown
        </span>
      </div>

      <div className="split">
        <div
          className="grid"
          role="grid"
          aria-label="Findings"
          aria-rowcount={rows.length + 1}
          data-testid="findings-table"
          data-loading={findings.loading ? 'true' : 'false'}
        >
          <div className="grid__head" role="row" aria-rowindex={1}>
            {headers.map((h) => {
              const sorted = h.column.getIsSorted();
              return (
                <div
                  key={h.id}
                  role="columnheader"
                  className={`grid__cell grid__cell--${h.column.id}`}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`sort-${h.column.id}`}
                    onClick={h.column.getToggleSortingHandler()}
                    title="Sort (Shift-click to add a secondary sort)"
                  >
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    <span className="sort-button__arrow" aria-hidden="true">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
          <div
            className="grid__body"
            role="rowgroup"
            ref={scrollRef}
            tabIndex={0}
            onKeyDown={onGridKeyDown}
            aria-label="Findings rows; use the arrow keys to move, Escape to close the detail"
          >
            {findings.loading && data.length === 0 ? <p className="muted pad">Loading findings…</p> : null}
            {!findings.loading && rows.length === 0 ? (
              <p className="muted pad" data-testid="findings-none">
                {data.length === 0 ? 'This snapshot has no findings.' : 'No findings match these filters.'}
              </p>
            ) : null}
            <div className="grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((v) => {
                const row = rows[v.index];
                const isSelected = row.id === selectedKey;
                return (
                  <div
                    key={row.id}
                    role="row"
                    aria-rowindex={v.index + 2}
                    aria-selected={isSelected}
                    data-testid="finding-row"
                    className={`grid__row${isSelected ? ' is-selected' : ''}${v.index % 2 ? ' is-odd' : ''}`}
                    style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                    onClick={() => setSelectedKey(row.id)}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <div
                        key={cell.id}
                        role="gridcell"
                        className={`grid__cell grid__cell--${cell.column.id}`}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        {selected ? (
          <FindingDetail
            finding={selected}
            check={checksById.get(selected.checkId) ?? null}
            onClose={() => setSelectedKey(null)}
          />
        ) : null}
      </div>
    </section>
  );
}
