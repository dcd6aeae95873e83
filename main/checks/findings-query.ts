// One page of a snapshot's findings, sorted and filtered in SQL, so 1.5M findings open as fast as 1k.
//
// Why it is shaped like this: the order an analyst wants (failures first, then severity) and most filters
// (status, severity, check, service, origin) depend only on a finding's (status, check). A snapshot has a
// few hundred such groups at most, whatever its size. So the groups are counted once from an index
// (findings_by_status_check, migration 0005), and a page is found by walking the group counts and seeking
// into the one or two groups it covers, each already in resource order in that index (deep inside a big
// group, through bookmarks: see BOOKMARK_EVERY). Severity, title and service stay where they live (the check
// catalog files) and are applied to the groups here, not copied into the evidence tables. Only a text or
// region filter (row-level) and a sort by resource or region need the rows themselves; a row-level filter
// narrows the same group walk, a row-level sort runs as one parameterised query over the evaluation (SQLite
// keeps only offset + limit rows while sorting; at 1.5M findings it takes seconds, see the bench).
//
// Counts and bookmarks are cached per connection and evaluation: findings of a sealed evaluation never
// change (triggers, migration 0003), so a count once made stays true.
import type {
  CheckOrigin,
  Finding,
  FindingFacets,
  FindingFilters,
  FindingSort,
  FindingSortColumn,
  FindingStatus,
  FindingsPage,
  Provider,
  Severity,
} from '../../shared/domain';
import { RefusedError } from '../core/errors';
import type { Db } from '../store/db';
import type { FindingRow } from './finding-row';
import type { CheckDefinition } from './types';

export const MAX_PAGE = 500;
const MAX_TERMS = 8;
const CACHE_ENTRIES = 32;

/** Higher = worse; 'desc' puts the worst first. */
export const STATUS_RANK: Record<FindingStatus, number> = { fail: 3, error: 2, pass: 1, 'n/a': 0 };
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** The view's opening order: failures first, then the most severe. */
export const DEFAULT_SORT: FindingSort[] = [
  { column: 'status', direction: 'desc' },
  { column: 'severity', direction: 'desc' },
];

export type FindingsQuery = {
  offset?: number;
  limit?: number;
  sort?: readonly FindingSort[];
  filters?: FindingFilters;
  /** Bookmark spacing; tests make it small so the seek path runs on a small snapshot. */
  bookmarkEvery?: number;
};

type CheckMeta = {
  title: string;
  severity: Severity;
  service: string;
  origin: CheckOrigin;
  resourceType: string;
  /** null: a check missing from today's catalog. */
  provider: Provider | null;
};
type Group = { status: FindingStatus; checkId: string; count: number; meta: CheckMeta };
type RowFilter = { sql: string; params: Record<string, string>; key: string };
type PageRow = FindingRow;

/**
 * Every BOOKMARK_EVERY-th resource uid of a (status, check) group, so a page deep inside a big group seeks to
 * the bookmark before it and skips fewer than BOOKMARK_EVERY index entries, instead of counting from the
 * group's start (SQLite's OFFSET walks every skipped row: 0.5 s at 90% of 1.5M findings without this).
 */
export const BOOKMARK_EVERY = 4096;
const bookmarkCache = new WeakMap<Db, Map<string, string[]>>();

const groupCache = new WeakMap<
  Db,
  Map<string, { status: FindingStatus; checkId: string; count: number }[]>
>();

export function queryFindings(
  db: Db,
  snapshotId: string,
  checks: readonly CheckDefinition[],
  query: FindingsQuery = {},
): FindingsPage {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a whole number >= 0`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_PAGE}`);
  }
  const sort = query.sort && query.sort.length > 0 ? query.sort : DEFAULT_SORT;
  const filters = query.filters ?? {};
  const empty: FindingsPage = {
    rows: [],
    offset,
    total: 0,
    unfilteredTotal: 0,
    facets: { status: {}, severity: {}, service: {} },
  };

  // Only a sealed evaluation: an unsealed one is still being written and may yet be rolled back.
  const evaluation = db
    .prepare(
      'SELECT id FROM evaluations WHERE snapshot_id = ? AND sealed_at IS NOT NULL ORDER BY evaluated_at DESC LIMIT 1',
    )
    .get(snapshotId) as { id: string } | undefined;
  if (!evaluation) return empty;

  const catalog = new Map<string, CheckMeta>(
    checks.map((c) => [
      c.id,
      {
        title: c.title,
        severity: c.severity,
        service: c.service,
        origin: c.origin,
        resourceType: c.resourceType,
        provider: c.provider,
      },
    ]),
  );
  const metaOf = (checkId: string): CheckMeta =>
    // A check missing from today's catalog is not one this version of the app vouches for.
    catalog.get(checkId) ?? {
      title: checkId,
      severity: 'info',
      service: '',
      origin: 'custom',
      resourceType: '',
      provider: null,
    };

  const allGroups = groupCounts(db, evaluation.id, null).map((g) => ({ ...g, meta: metaOf(g.checkId) }));
  // Titles are searched for every check in the catalog or in the evaluation (one no longer in the catalog
  // is titled by its id).
  const titles = new Map([...catalog].map(([id, m]) => [id, m.title]));
  for (const g of allGroups) if (!titles.has(g.checkId)) titles.set(g.checkId, g.checkId);
  const rowFilter = buildRowFilter(filters, titles, snapshotId);
  const groups = rowFilter
    ? groupCounts(db, evaluation.id, rowFilter).map((g) => ({ ...g, meta: metaOf(g.checkId) }))
    : allGroups;

  const facets = facetCounts(groups, filters);
  const matching = groups.filter((g) => groupPasses(g, filters, null));
  const total = sum(matching);
  const page: FindingsPage = {
    ...empty,
    total,
    unfilteredTotal: sum(allGroups),
    facets,
  };
  if (offset >= total) return page;

  const rowLevelSort = sort.some((s) => s.column === 'resource' || s.column === 'region');
  const rows = rowLevelSort
    ? sortedByRows(db, evaluation.id, matching, sort, rowFilter, offset, limit, catalog)
    : pageFromGroups(db, evaluation.id, matching, sort, rowFilter, offset, limit, query.bookmarkEvery);
  return { ...page, rows: rows.map((r) => toFinding(r, metaOf(r.check_id))) };
}

/** Findings per (status, check) of the evaluation, optionally only those passing a row-level filter. */
function groupCounts(db: Db, evaluationId: string, rowFilter: RowFilter | null) {
  let perDb = groupCache.get(db);
  if (!perDb) groupCache.set(db, (perDb = new Map()));
  const key = `${evaluationId}\u0000${rowFilter?.key ?? ''}`;
  const cached = perDb.get(key);
  if (cached) {
    // Re-inserted so the Map's order is least recently used first.
    perDb.delete(key);
    perDb.set(key, cached);
    return cached;
  }
  const rows = (
    rowFilter
      ? db
          .prepare(
            `SELECT f.status, f.check_id, count(*) AS n
             FROM findings f INDEXED BY findings_by_status_check
             WHERE f.evaluation_id = @evaluation AND ${rowFilter.sql}
             GROUP BY f.status, f.check_id`,
          )
          .all({ evaluation: evaluationId, ...rowFilter.params })
      : db
          .prepare(
            `SELECT status, check_id, count(*) AS n FROM findings WHERE evaluation_id = ?
             GROUP BY status, check_id`,
          )
          .all(evaluationId)
  ) as { status: FindingStatus; check_id: string; n: number }[];
  const counts = rows.map((r) => ({ status: r.status, checkId: r.check_id, count: r.n }));
  perDb.set(key, counts);
  if (perDb.size > CACHE_ENTRIES) perDb.delete(perDb.keys().next().value as string);
  return counts;
}

/**
 * The row-level part of the filters as SQL over `f` (findings) alone. Every user value is a bound parameter;
 * the SQL text is made only of fixed pieces and parameter names this function numbers.
 * Resources are matched once each, in a subquery SQLite turns into a lookup table, rather than joined to
 * every finding: the findings side then reads only the (status, check, resource) index.
 */
function buildRowFilter(
  filters: FindingFilters,
  titles: ReadonlyMap<string, string>,
  snapshotId: string,
): RowFilter | null {
  const clauses: string[] = [];
  const params: Record<string, string> = { snapshot: snapshotId };
  if (filters.region && filters.region.length > 0) {
    clauses.push(
      `f.resource_uid IN (SELECT uid FROM resources WHERE snapshot_id = @snapshot
         AND region IN (SELECT value FROM json_each(@regions)))`,
    );
    params.regions = JSON.stringify([...filters.region].sort());
  }
  const terms = [...new Set((filters.text ?? '').toLowerCase().split(/\s+/).filter(Boolean))];
  if (terms.length > MAX_TERMS) {
    throw new RefusedError(`Search for at most ${MAX_TERMS} words at a time (got ${terms.length})`);
  }
  terms.sort().forEach((term, i) => {
    // Titles are matched here, against the catalog, and handed over as the ids of the checks that match.
    const titled = [...titles]
      .filter(([id, title]) => id.toLowerCase().includes(term) || title.toLowerCase().includes(term))
      .map(([id]) => id);
    // The uid is matched on the finding itself too: a finding with no resource row (a custom check's error)
    // is found by its uid.
    clauses.push(
      `(f.check_id IN (SELECT value FROM json_each(@titled${i}))
        OR f.resource_uid IN (SELECT uid FROM resources WHERE snapshot_id = @snapshot
             AND (name LIKE @term${i} ESCAPE '\\' OR uid LIKE @term${i} ESCAPE '\\'))
        OR f.resource_uid LIKE @term${i} ESCAPE '\\')`,
    );
    params[`term${i}`] = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params[`titled${i}`] = JSON.stringify(titled);
  });
  if (clauses.length === 0) return null;
  return { sql: clauses.join(' AND '), params, key: JSON.stringify(params) };
}

type Dimension = 'status' | 'severity' | 'service';

/** Whether a (status, check) group passes the group-level filters, optionally ignoring one of them. */
function groupPasses(g: Group, f: FindingFilters, ignore: Dimension | null): boolean {
  const has = <T>(values: readonly T[] | undefined, v: T) =>
    !values || values.length === 0 || values.includes(v);
  return (
    (ignore === 'status' || has(f.status, g.status)) &&
    (ignore === 'severity' || has(f.severity, g.meta.severity)) &&
    (ignore === 'service' || has(f.service, g.meta.service)) &&
    has(f.checkId, g.checkId) &&
    (f.origin === undefined || g.meta.origin === f.origin)
  );
}

function facetCounts(groups: readonly Group[], filters: FindingFilters): FindingFacets {
  const facets: FindingFacets = { status: {}, severity: {}, service: {} };
  const value = (g: Group, d: Dimension) =>
    d === 'status' ? g.status : d === 'severity' ? g.meta.severity : g.meta.service;
  for (const d of ['status', 'severity', 'service'] as const) {
    for (const g of groups) {
      if (!groupPasses(g, filters, d)) continue;
      const v = value(g, d);
      facets[d][v] = (facets[d][v] ?? 0) + g.count;
    }
  }
  return facets;
}

const sum = (groups: readonly { count: number }[]) => groups.reduce((n, g) => n + g.count, 0);

/** Group order for a sort on group-level columns; ties: failures first, then check id (resource uid inside). */
function compareGroups(sort: readonly FindingSort[]) {
  const key = (g: Group, c: FindingSortColumn): number | string => {
    switch (c) {
      case 'status':
        return STATUS_RANK[g.status];
      case 'severity':
        return SEVERITY_RANK[g.meta.severity];
      case 'check':
        return g.meta.title.toLowerCase();
      case 'service':
        return g.meta.service.toLowerCase();
      default:
        throw new Error(`${c} is a row-level sort`);
    }
  };
  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  return (a: Group, b: Group): number => {
    for (const s of sort) {
      const d = cmp(key(a, s.column), key(b, s.column));
      if (d !== 0) return s.direction === 'asc' ? d : -d;
    }
    return STATUS_RANK[b.status] - STATUS_RANK[a.status] || cmp(a.checkId, b.checkId);
  };
}

const PAGE_COLUMNS = `f.check_id, f.resource_uid, f.status, f.reason, f.evidence,
  r.name, r.type, r.region, r.service, r.provider`;
const FROM_FINDINGS = `findings f LEFT JOIN resources r ON r.snapshot_id = f.snapshot_id AND r.uid = f.resource_uid`;

/** Walks the ordered group counts to the page and reads it from the (status, check) groups it spans. */
function pageFromGroups(
  db: Db,
  evaluationId: string,
  groups: readonly Group[],
  sort: readonly FindingSort[],
  rowFilter: RowFilter | null,
  offset: number,
  limit: number,
  bookmarkEvery = BOOKMARK_EVERY,
): PageRow[] {
  const ordered = [...groups].sort(compareGroups(sort));
  // INDEXED BY: the page must come from the (status, check, resource) index, whatever the planner's guess;
  // if a later migration drops it, this fails loudly instead of quietly scanning.
  const stmt = db.prepare(
    `SELECT ${PAGE_COLUMNS}
     FROM findings f INDEXED BY findings_by_status_check
       LEFT JOIN resources r ON r.snapshot_id = f.snapshot_id AND r.uid = f.resource_uid
     WHERE f.evaluation_id = @evaluation AND f.status = @status AND f.check_id = @check
       AND f.resource_uid >= @from ${rowFilter ? `AND ${rowFilter.sql}` : ''}
     ORDER BY f.resource_uid LIMIT @limit OFFSET @skip`,
  );
  const rows: PageRow[] = [];
  let skip = offset;
  for (const g of ordered) {
    if (rows.length >= limit) break;
    if (skip >= g.count) {
      skip -= g.count;
      continue;
    }
    const marks = skip >= bookmarkEvery ? bookmarks(db, evaluationId, g, rowFilter, bookmarkEvery) : [''];
    const mark = Math.min(Math.floor(skip / bookmarkEvery), marks.length - 1);
    const got = stmt.all({
      evaluation: evaluationId,
      status: g.status,
      check: g.checkId,
      // '' sorts before every uid: from the group's start.
      from: marks[mark],
      limit: limit - rows.length,
      skip: skip - mark * bookmarkEvery,
      ...rowFilter?.params,
    }) as PageRow[];
    rows.push(...got);
    skip = 0;
  }
  return rows;
}

/** The uids at positions 0, every, 2 x every, ... of one group (under the row filter), made once and kept. */
function bookmarks(
  db: Db,
  evaluationId: string,
  g: Group,
  rowFilter: RowFilter | null,
  every: number,
): string[] {
  let perDb = bookmarkCache.get(db);
  if (!perDb) bookmarkCache.set(db, (perDb = new Map()));
  const key = [evaluationId, g.status, g.checkId, rowFilter?.key ?? '', every].join('\u0000');
  let marks = perDb.get(key);
  if (!marks) {
    marks = (
      db
        .prepare(
          `SELECT resource_uid FROM (
             SELECT f.resource_uid, row_number() OVER (ORDER BY f.resource_uid) - 1 AS n
             FROM findings f INDEXED BY findings_by_status_check
             WHERE f.evaluation_id = @evaluation AND f.status = @status AND f.check_id = @check
               ${rowFilter ? `AND ${rowFilter.sql}` : ''}
           ) WHERE n % @every = 0 ORDER BY n`,
        )
        .all({
          evaluation: evaluationId,
          status: g.status,
          check: g.checkId,
          every,
          ...rowFilter?.params,
        }) as {
        resource_uid: string;
      }[]
    ).map((r) => r.resource_uid);
    perDb.set(key, marks);
    if (perDb.size > CACHE_ENTRIES * 8) perDb.delete(perDb.keys().next().value as string);
  }
  return marks;
}

/** Whitelisted sort expressions: the request names a column, never SQL. */
const SORT_SQL: Record<FindingSortColumn, string> = {
  status: `CASE f.status WHEN 'fail' THEN 3 WHEN 'error' THEN 2 WHEN 'pass' THEN 1 ELSE 0 END`,
  severity: `coalesce(c.severity_rank, 0)`,
  check: `lower(coalesce(c.title, f.check_id))`,
  service: `lower(coalesce(nullif(c.service, ''), r.service, ''))`,
  resource: `coalesce(r.name, f.resource_uid)`,
  region: `coalesce(r.region, '')`,
};

/**
 * A sort by resource or region needs every matching row ordered; SQLite keeps only offset + limit rows
 * while sorting. The check metadata comes in as one JSON parameter, and the group filters as the list of
 * (status, check) pairs that passed them.
 */
function sortedByRows(
  db: Db,
  evaluationId: string,
  groups: readonly Group[],
  sort: readonly FindingSort[],
  rowFilter: RowFilter | null,
  offset: number,
  limit: number,
  catalog: ReadonlyMap<string, CheckMeta>,
): PageRow[] {
  const order = [
    ...sort.map((s) => `${SORT_SQL[s.column]} ${s.direction === 'asc' ? 'ASC' : 'DESC'}`),
    `${SORT_SQL.status} DESC`,
    'f.check_id',
    'f.resource_uid',
  ].join(', ');
  const checkRows = [...catalog].map(([id, m]) => [id, m.title, SEVERITY_RANK[m.severity], m.service]);
  // Joined only when a key needs it, and MATERIALIZED so json_each runs once (with an automatic index),
  // not once per finding.
  const needsCatalog = sort.some(
    (s) => s.column === 'severity' || s.column === 'check' || s.column === 'service',
  );
  return db
    .prepare(
      `WITH c(check_id, title, severity_rank, service) AS MATERIALIZED (
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(@catalog)
       )
       SELECT ${PAGE_COLUMNS}
       FROM ${FROM_FINDINGS} ${needsCatalog ? 'LEFT JOIN c ON c.check_id = f.check_id' : ''}
       WHERE f.evaluation_id = @evaluation
         AND (f.status, f.check_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(@groups))
         ${rowFilter ? `AND ${rowFilter.sql}` : ''}
       ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .all({
      evaluation: evaluationId,
      catalog: JSON.stringify(checkRows),
      groups: JSON.stringify(groups.map((g) => [g.status, g.checkId])),
      limit,
      offset,
      ...rowFilter?.params,
    }) as PageRow[];
}

function toFinding(r: PageRow, check: CheckMeta): Finding {
  return {
    checkId: r.check_id,
    checkTitle: check.title,
    origin: check.origin,
    severity: check.severity,
    // The check's service, as filtered and sorted on; a finding with no resource row still has one.
    service: check.service || (r.service ?? ''),
    // As findingFromRow (main/checks/finding-row.ts): the resource's cloud, else the check's.
    provider: r.provider ?? check.provider ?? 'aws',
    resourceUid: r.resource_uid,
    resourceName: r.name ?? r.resource_uid,
    resourceType: r.type ?? check.resourceType,
    region: r.region ?? '',
    status: r.status,
    reason: r.reason,
    evidence: JSON.parse(r.evidence) as unknown,
  };
}
