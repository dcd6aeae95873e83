// Findings of the current snapshot. The core sorts, filters and pages them (findings.query); this view shows
// the rows in sight as the virtual list scrolls, so 1.5M findings open as fast as 1k. Facet counts in the
// filters say how many findings each choice would show.
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CheckInfo, Finding, FindingFilters, FindingSort } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { formatCount, plural } from '../../lib/format';
import { pickableSelection } from '../../lib/snapshot-choice';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { FindingDetail } from './FindingDetail';
import { DEFAULT_SORT, findingColumns, isSortable, nextSort, SEVERITIES, STATUSES } from './findings-columns';
import { useFindingsPages } from './use-findings-pages';

const ROW_HEIGHT = 40;
/**
 * Browsers cap an element's height (Chromium near 33.5 million px), so 1.5M rows of 40 px cannot be one tall
 * spacer: the tail would be unreachable. Past this height the scrollbar is scaled (see scrollScale); rows are
 * still laid out ROW_HEIGHT apart around the viewport.
 */
const MAX_SCROLL_PX = 8_000_000;

/**
 * How many virtual pixels one real scroll pixel stands for: the real scroll range (spacer minus viewport) maps
 * onto the whole virtual range, so the first and the last row are both reachable. 1 below MAX_SCROLL_PX.
 */
function scrollScale(virtualHeight: number, viewport: number): { real: number; k: number } {
  if (virtualHeight <= MAX_SCROLL_PX) return { real: virtualHeight, k: 1 };
  return { real: MAX_SCROLL_PX, k: (virtualHeight - viewport) / Math.max(1, MAX_SCROLL_PX - viewport) };
}
/** Typing pauses this long before the core is asked: one query per word, not per keystroke. */
const SEARCH_DEBOUNCE_MS = 250;

/** By position in the current order; `finding` keeps the detail up if its page is evicted from the cache. */
type Selection = { queryKey: string; index: number; finding: Finding | null };

export function FindingsView() {
  const ws = useWorkspace();
  // Only a complete snapshot has findings; a failed or cancelled one is never shown as current.
  const snapshotId = pickableSelection(ws.snapshots, ws.selectedSnapshotId);
  const checks = useCall('checks.list', {});
  const checksById = useMemo(
    () => new Map<string, CheckInfo>((checks.data?.checks ?? []).map((c) => [c.id, c])),
    [checks.data],
  );

  const [sort, setSort] = useState<FindingSort[]>(DEFAULT_SORT);
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [severity, setSeverity] = useState('');
  const [service, setService] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setText(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search]);

  const filters = useMemo<FindingFilters>(() => {
    const f: FindingFilters = {};
    if (status) f.status = [status as NonNullable<FindingFilters['status']>[number]];
    if (severity) f.severity = [severity as NonNullable<FindingFilters['severity']>[number]];
    if (service) f.service = [service];
    if (text) f.text = text;
    return f;
  }, [status, severity, service, text]);
  const query = useMemo(
    () => (snapshotId ? { snapshotId, sort, filters } : null),
    [snapshotId, sort, filters],
  );
  const queryKey = JSON.stringify(query);
  const findings = useFindingsPages(query);
  const filtered = Object.keys(filters).length > 0;

  const [selection, setSelection] = useState<Selection | null>(null);
  // A selection belongs to the query it was made in: a new sort or filter clears it.
  const current = selection?.queryKey === queryKey ? selection : null;
  const selected = current ? (findings.rowAt(current.index) ?? current.finding) : null;

  const scrollRef = useRef<HTMLDivElement>(null);
  const { real: realHeight, k } = scrollScale(
    findings.total * ROW_HEIGHT,
    scrollRef.current?.clientHeight ?? 0,
  );
  const scaleRef = useRef(k);
  scaleRef.current = k;
  // TanStack Virtual returns fresh functions each render by design; the React Compiler cannot memoise it and
  // nothing here relies on that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: findings.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Real scroll pixels <-> virtual pixels (identity below MAX_SCROLL_PX). The offset observer is installed
    // once, when the list mounts with no rows yet, so it reads the scale from a ref, never from its closure.
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * scaleRef.current, isScrolling)),
    scrollToFn: (offset, options, instance) => elementScroll(offset / scaleRef.current, options, instance),
  });
  // Where the viewport's top is in virtual pixels, and how far rows shift to sit around it in real pixels.
  const virtualTop = virtualizer.scrollOffset ?? 0;
  const shift = virtualTop - virtualTop / k;
  const items = virtualizer.getVirtualItems();
  const firstIndex = items.length > 0 ? items[0].index : 0;
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;
  const { ensureRows } = findings;
  useEffect(() => ensureRows(firstIndex, lastIndex), [ensureRows, firstIndex, lastIndex]);

  // Back to the top when the query changes: row 40,000 of the old order means nothing in the new one.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  // A row whose page is still on its way is selected too: the detail opens when it arrives (End, PageDown).
  function select(index: number) {
    setSelection({ queryKey, index, finding: findings.rowAt(index) ?? null });
  }

  function moveSelection(to: number) {
    if (findings.total === 0) return;
    const index = Math.max(0, Math.min(findings.total - 1, to));
    virtualizer.scrollToIndex(index, { align: 'auto' });
    select(index);
  }

  function onGridKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const at = current?.index ?? -1;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: findings.total - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveSelection(moves[e.key]);
    } else if (e.key === 'Escape') {
      setSelection(null);
    }
  }

  function clearFilters() {
    setSearch('');
    setText('');
    setStatus('');
    setSeverity('');
    setService('');
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

  const facet = (counts: Record<string, number>, value: string) =>
    findings.ready ? `${value} (${formatCount(counts[value] ?? 0)})` : value;
  const services = Object.keys(findings.facets.service).sort();
  const primary = sort[0];

  return (
    <section className="view view--fill" aria-labelledby="findings-heading">
      <header className="view__header">
        <h1 id="findings-heading">Findings</h1>
        <span className="muted" data-testid="findings-summary">
          {findings.ready
            ? `${plural(findings.unfilteredTotal, 'finding')} · ${plural(findings.facets.status.fail ?? 0, 'finding fails', 'findings fail')}`
            : 'Loading…'}
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
          placeholder="Search check, resource name or identifier…"
          aria-label="Search findings"
          data-testid="findings-search"
          value={search}
          maxLength={300}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="toolbar__field">
          <span>Status</span>
          <select data-testid="filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {facet(findings.facets.status, s)}
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
                {facet(findings.facets.severity, s)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__field">
          <span>Service</span>
          <select data-testid="filter-service" value={service} onChange={(e) => setService(e.target.value)}>
            <option value="">All</option>
            {(service && !services.includes(service) ? [service, ...services] : services).map((s) => (
              <option key={s} value={s}>
                {facet(findings.facets.service, s)}
              </option>
            ))}
          </select>
        </label>
        {filtered ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={clearFilters}>
            Clear filters
          </button>
        ) : null}
        <span className="toolbar__count" data-testid="findings-count" aria-live="polite">
          {findings.ready
            ? `${formatCount(findings.total)} of ${formatCount(findings.unfilteredTotal)} shown`
            : 'Loading…'}
        </span>
      </div>

      <div className="split">
        <div
          className="grid"
          role="grid"
          aria-label="Findings"
          aria-rowcount={findings.total + 1}
          data-testid="findings-table"
          data-loading={findings.loading ? 'true' : 'false'}
        >
          <div className="grid__head" role="row" aria-rowindex={1}>
            {findingColumns.map((c) => {
              if (!isSortable(c)) {
                return (
                  <div key={c.id} role="columnheader" className={`grid__cell grid__cell--${c.id}`}>
                    <span className="grid__plain-head">{c.header}</span>
                  </div>
                );
              }
              const position = sort.findIndex((s) => s.column === c.id);
              const direction = position >= 0 ? sort[position].direction : null;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  className={`grid__cell grid__cell--${c.id}`}
                  // ARIA: only the primary sort column carries aria-sort; further keys show their rank.
                  aria-sort={
                    primary?.column !== c.id
                      ? 'none'
                      : primary.direction === 'asc'
                        ? 'ascending'
                        : 'descending'
                  }
                >
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`sort-${c.id}`}
                    onClick={(e) => setSort(nextSort(sort, c, e.shiftKey))}
                    title="Sort (Shift-click to add a secondary sort)"
                  >
                    {c.header}
                    <span className="sort-button__arrow" aria-hidden="true">
                      {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
                      {direction && sort.length > 1 ? <sub>{position + 1}</sub> : null}
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
            {!findings.ready ? <p className="muted pad">Loading findings…</p> : null}
            {findings.ready && !findings.loading && findings.total === 0 ? (
              findings.unfilteredTotal === 0 ? (
                <EmptyState title="This snapshot has no findings." testId="findings-none" />
              ) : (
                <EmptyState title="No findings match these filters." testId="findings-none">
                  <button
                    type="button"
                    className="btn btn--small"
                    data-testid="empty-clear-filters"
                    onClick={clearFilters}
                  >
                    Clear filters
                  </button>
                </EmptyState>
              )
            ) : null}
            <div className="grid__spacer" style={{ height: realHeight }}>
              {items.map((v) => {
                const f = findings.rowAt(v.index);
                const style = { transform: `translateY(${v.start - shift}px)`, height: ROW_HEIGHT };
                if (!f) {
                  return (
                    <div
                      key={`pending-${v.index}`}
                      role="row"
                      aria-rowindex={v.index + 2}
                      aria-busy="true"
                      data-testid="finding-row-pending"
                      className={`grid__row grid__row--pending${v.index % 2 ? ' is-odd' : ''}`}
                      style={style}
                    />
                  );
                }
                const isSelected = current?.index === v.index;
                return (
                  <div
                    key={`${v.index}-${f.checkId}-${f.resourceUid}`}
                    role="row"
                    aria-rowindex={v.index + 2}
                    aria-selected={isSelected}
                    data-testid="finding-row"
                    className={`grid__row${isSelected ? ' is-selected' : ''}${v.index % 2 ? ' is-odd' : ''}`}
                    style={style}
                    onClick={() => select(v.index)}
                  >
                    {findingColumns.map((c) => (
                      <div key={c.id} role="gridcell" className={`grid__cell grid__cell--${c.id}`}>
                        {c.cell(f)}
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
            onClose={() => setSelection(null)}
          />
        ) : null}
      </div>
    </section>
  );
}
