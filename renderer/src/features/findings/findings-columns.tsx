// Column definitions and filtering for the findings table, kept apart from the view so the sort/filter rules
// read as data.
import { createColumnHelper, type FilterFn, type SortingFn } from '@tanstack/react-table';
import type { Finding, FindingStatus, Severity } from '../../../../shared/domain';
import { FindingStatusChip, SeverityChip } from '../../components/Chip';
import { CustomCheckChip } from './CustomCheckChip';

export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const STATUSES: FindingStatus[] = ['fail', 'error', 'pass', 'n/a'];

/** Higher = worse, so "descending" puts critical first, which is what an analyst triaging wants. */
const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const STATUS_RANK: Record<FindingStatus, number> = { fail: 3, error: 2, pass: 1, 'n/a': 0 };

export function findingKey(f: Finding): string {
  return `${f.checkId}\u0000${f.resourceUid}`;
}

const severitySort: SortingFn<Finding> = (a, b) =>
  SEVERITY_RANK[a.original.severity] - SEVERITY_RANK[b.original.severity];
const statusSort: SortingFn<Finding> = (a, b) =>
  STATUS_RANK[a.original.status] - STATUS_RANK[b.original.status];

// Lower-cased once per finding, not once per keystroke x row: 50k rows must filter without jank.
const haystacks = new WeakMap<Finding, string>();
function haystack(f: Finding): string {
  let h = haystacks.get(f);
  if (h === undefined) {
    h = [
      f.checkId,
      f.checkTitle,
      f.resourceName,
      f.resourceUid,
      f.resourceType,
      f.region,
      f.service,
      f.reason,
      // So "custom" finds the findings of the analyst's own checks.
      f.origin === 'custom' ? 'custom' : '',
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(f, h);
  }
  return h;
}

/** Every whitespace-separated term must appear somewhere in the finding (AND search). */
export const textSearch: FilterFn<Finding> = (row, _columnId, value: string) => {
  const terms = value.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const h = haystack(row.original);
  return terms.every((t) => h.includes(t));
};

const equals: FilterFn<Finding> = (row, columnId, value: string) =>
  !value || row.getValue(columnId) === value;

const col = createColumnHelper<Finding>();

export const findingColumns = [
  col.accessor('severity', {
    header: 'Severity',
    sortingFn: severitySort,
    sortDescFirst: true,
    filterFn: equals,
    cell: (c) => <SeverityChip severity={c.getValue()} />,
  }),
  col.accessor('status', {
    header: 'Status',
    sortingFn: statusSort,
    sortDescFirst: true,
    filterFn: equals,
    cell: (c) => <FindingStatusChip status={c.getValue()} />,
  }),
  col.accessor('checkTitle', {
    id: 'check',
    header: 'Check',
    cell: (c) => (
      <span className="cell-two-line">
        <span className="truncate">
          {c.row.original.origin === 'custom' ? (
            <>
              <CustomCheckChip />{' '}
            </>
          ) : null}
          {c.getValue()}
        </span>
        <span className="muted mono small truncate">{c.row.original.checkId}</span>
      </span>
    ),
  }),
  col.accessor('resourceName', {
    id: 'resource',
    header: 'Resource',
    cell: (c) => (
      <span className="cell-two-line">
        <span className="truncate">{c.getValue()}</span>
        <span className="muted mono small truncate" title={c.row.original.resourceUid}>
          {c.row.original.resourceUid}
        </span>
      </span>
    ),
  }),
  col.accessor('region', { header: 'Region' }),
  col.accessor('service', { header: 'Service' }),
];
