// Row sources of the evidence model. An export of a million resources cannot hold its findings or inventory
// in memory, so the model carries aggregates (computed in SQL) and sources that iterate rows on demand
// (better-sqlite3 .iterate()), each read once by whichever file needs it. The array-backed sources serve
// hand-built models (tests) through the same interface.
import type { Finding, FindingStatus } from '../../shared/domain';
import { FINDING_ROW_SQL, findingFromRow, type FindingRow } from '../checks/finding-row';
import type { CheckDefinition } from '../checks/types';
import type { Db } from '../store/db';

export type InventoryItem = {
  uid: string;
  type: string;
  service: string;
  region: string;
  name: string;
  sha256: string;
};

export type StatusCounts = { pass: number; fail: number; error: number; na: number };

export function statusKey(s: FindingStatus): keyof StatusCounts {
  return s === 'n/a' ? 'na' : s;
}

export const zeroCounts = (): StatusCounts => ({ pass: 0, fail: 0, error: 0, na: 0 });

export type FindingSource = {
  /** Findings of these checks, in check then resource order. */
  rows(checkIds: readonly string[]): Iterable<Finding>;
  /** Status counts per check id (checks without findings are absent). */
  countsByCheck(): Map<string, StatusCounts>;
  /** The first `limit` fail/error findings of these checks, in check then resource order. */
  failing(checkIds: readonly string[], limit: number): Finding[];
};

export type InventorySource = {
  count: number;
  countsByType: Map<string, number>;
  rows(): Iterable<InventoryItem>;
};

export function findingsFromArray(findings: readonly Finding[]): FindingSource {
  return {
    *rows(checkIds) {
      const wanted = new Set(checkIds);
      for (const f of findings) if (wanted.has(f.checkId)) yield f;
    },
    countsByCheck() {
      const byCheck = new Map<string, StatusCounts>();
      for (const f of findings) {
        const c = byCheck.get(f.checkId) ?? zeroCounts();
        c[statusKey(f.status)]++;
        byCheck.set(f.checkId, c);
      }
      return byCheck;
    },
    failing(checkIds, limit) {
      const wanted = new Set(checkIds);
      const out: Finding[] = [];
      for (const f of findings) {
        if (out.length >= limit) break;
        if (wanted.has(f.checkId) && (f.status === 'fail' || f.status === 'error')) out.push(f);
      }
      return out;
    },
  };
}

export function inventoryFromArray(items: readonly InventoryItem[]): InventorySource {
  const countsByType = new Map<string, number>();
  for (const r of items) countsByType.set(r.type, (countsByType.get(r.type) ?? 0) + 1);
  return { count: items.length, countsByType, rows: () => items };
}

/**
 * The findings of one evaluation, read from the database. Check ids are bound one at a time so each query
 * is a range scan of the findings primary key (evaluation, check, resource), already in the order shipped.
 */
export function findingsFromDb(
  db: Db,
  evaluationId: string,
  checks: readonly CheckDefinition[],
): FindingSource {
  const byId = new Map(checks.map((c) => [c.id, c]));
  // Evidence is parsed when read: the workbook never reads it, and findings.json reads it once per finding.
  const toFinding = (r: FindingRow): Finding =>
    findingFromRow(r, byId.get(r.check_id), { lazyEvidence: true });
  const ofCheck = db.prepare(
    `SELECT ${FINDING_ROW_SQL} WHERE f.evaluation_id = ? AND f.check_id = ? ORDER BY f.resource_uid`,
  );
  const failingOfCheck = db.prepare(
    `SELECT ${FINDING_ROW_SQL} WHERE f.evaluation_id = ? AND f.check_id = ? AND f.status IN ('fail', 'error')
     ORDER BY f.resource_uid LIMIT ?`,
  );
  const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();
  return {
    *rows(checkIds) {
      for (const id of sorted(checkIds))
        for (const r of ofCheck.iterate(evaluationId, id) as IterableIterator<FindingRow>) yield toFinding(r);
    },
    countsByCheck() {
      const byCheck = new Map<string, StatusCounts>();
      const rows = db
        .prepare(
          'SELECT check_id, status, count(*) AS n FROM findings WHERE evaluation_id = ? GROUP BY check_id, status',
        )
        .all(evaluationId) as { check_id: string; status: FindingStatus; n: number }[];
      for (const r of rows) {
        const c = byCheck.get(r.check_id) ?? zeroCounts();
        c[statusKey(r.status)] += r.n;
        byCheck.set(r.check_id, c);
      }
      return byCheck;
    },
    failing(checkIds, limit) {
      const out: Finding[] = [];
      for (const id of sorted(checkIds)) {
        if (out.length >= limit) break;
        const rows = failingOfCheck.all(evaluationId, id, limit - out.length) as FindingRow[];
        for (const r of rows) out.push(toFinding(r));
      }
      return out;
    },
  };
}

export function inventoryFromDb(db: Db, snapshotId: string): InventorySource {
  const counts = db
    .prepare('SELECT type, count(*) AS n FROM resources WHERE snapshot_id = ? GROUP BY type')
    .all(snapshotId) as { type: string; n: number }[];
  const countsByType = new Map(counts.map((r) => [r.type, r.n]));
  const list = db.prepare(
    'SELECT uid, type, service, region, name, sha256 FROM resources WHERE snapshot_id = ? ORDER BY uid',
  );
  return {
    count: counts.reduce((n, r) => n + r.n, 0),
    countsByType,
    rows: () => list.iterate(snapshotId) as IterableIterator<InventoryItem>,
  };
}
