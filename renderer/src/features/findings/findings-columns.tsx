// Columns of the findings grid and how a header click changes the sort. Sorting and filtering run in the core
// (findings.query), so a column here is only a header, a cell and the sort key it asks for.
import type { ReactNode } from 'react';
import type {
  Finding,
  FindingSort,
  FindingSortColumn,
  FindingStatus,
  Severity,
} from '../../../../shared/domain';
import { FindingStatusChip, ProviderChip, SeverityChip } from '../../components/Chip';
import { CustomCheckChip } from './CustomCheckChip';

export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const STATUSES: FindingStatus[] = ['fail', 'error', 'pass', 'n/a'];

/** The order the view opens in, as the analysts asked: failures first, then the most severe. */
export const DEFAULT_SORT: FindingSort[] = [
  { column: 'status', direction: 'desc' },
  { column: 'severity', direction: 'desc' },
];

export type SortableColumn = {
  id: FindingSortColumn;
  header: string;
  /** Status and severity read worst-first when sorted descending, so that is their first click. */
  firstDirection: FindingSort['direction'];
  cell: (f: Finding) => ReactNode;
};
/** Columns the core cannot sort on (findings.query sorts in SQL by FindingSortColumn only). */
export type PlainColumn = { id: 'provider'; header: string; cell: (f: Finding) => ReactNode };
export type FindingColumn = SortableColumn | PlainColumn;

export function isSortable(c: FindingColumn): c is SortableColumn {
  return 'firstDirection' in c;
}

export function findingKey(f: Finding): string {
  return `${f.checkId}\u0000${f.resourceUid}`;
}

export const findingColumns: FindingColumn[] = [
  {
    id: 'severity',
    header: 'Severity',
    firstDirection: 'desc',
    cell: (f) => <SeverityChip severity={f.severity} />,
  },
  {
    id: 'status',
    header: 'Status',
    firstDirection: 'desc',
    cell: (f) => <FindingStatusChip status={f.status} />,
  },
  {
    id: 'check',
    header: 'Check',
    firstDirection: 'asc',
    cell: (f) => (
      <span className="cell-two-line">
        <span className="truncate" title={f.checkTitle}>
          {f.origin === 'custom' ? (
            <>
              <CustomCheckChip />{' '}
            </>
          ) : null}
          {f.checkTitle}
        </span>
        <span className="muted mono small truncate" title={f.checkId}>
          {f.checkId}
        </span>
      </span>
    ),
  },
  {
    id: 'resource',
    header: 'Resource',
    firstDirection: 'asc',
    cell: (f) => (
      <span className="cell-two-line">
        <span className="truncate" title={f.resourceName}>
          {f.resourceName}
        </span>
        <span className="muted mono small truncate" title={f.resourceUid}>
          {f.resourceUid}
        </span>
      </span>
    ),
  },
  { id: 'provider', header: 'Cloud', cell: (f) => <ProviderChip provider={f.provider} /> },
  {
    id: 'region',
    header: 'Region',
    firstDirection: 'asc',
    cell: (f) => (
      <span className="truncate" title={f.region}>
        {f.region}
      </span>
    ),
  },
  {
    id: 'service',
    header: 'Service',
    firstDirection: 'asc',
    cell: (f) => (
      <span className="truncate" title={f.service}>
        {f.service}
      </span>
    ),
  },
];

/**
 * A click sorts by the column alone (first click its natural direction, then flips); Shift-click adds it as
 * a further key, or flips it if it is already one.
 */
export function nextSort(
  current: readonly FindingSort[],
  column: SortableColumn,
  add: boolean,
): FindingSort[] {
  const existing = current.find((s) => s.column === column.id);
  const flipped: FindingSort = existing
    ? { column: column.id, direction: existing.direction === 'asc' ? 'desc' : 'asc' }
    : { column: column.id, direction: column.firstDirection };
  if (!add) {
    // A column that is a secondary key becomes the only key in the direction it had, then flips.
    const isOnlyKey = current.length === 1 && existing !== undefined;
    return [isOnlyKey || !existing ? flipped : existing];
  }
  return existing ? current.map((s) => (s.column === column.id ? flipped : s)) : [...current, flipped];
}
