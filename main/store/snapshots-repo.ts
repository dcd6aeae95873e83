// Reading and writing snapshots. A snapshot row is created 'running' when collection starts (so the UI can
// show it); what is collected streams into staging rows private to the collecting connection
// (main/store/staging.ts) and is moved, evaluated and sealed in ONE transaction at the end: readers never see a
// half snapshot, and a crash leaves only a 'running' row that is marked failed on next open.
import type { CollectionError, SnapshotStatus, SnapshotSummary } from '../../shared/domain';
import type { CollectedResource, CollectionGap, RawResponse, RedactionCount } from '../core/evidence-rows';
import { isDemoSnapshot } from '../evidence/demo-snapshot';
import { CONTENT_HASH_RECIPE, checkSnapshotContent } from './content-hash';
import type { Db } from './db';
import { StagingRows, type StagedCollection } from './staging';

type SnapshotRow = {
  id: string;
  connection: string;
  provider: 'aws' | 'azure';
  account: string | null;
  identity: string | null;
  regions: string;
  started_at: string;
  finished_at: string | null;
  status: SnapshotStatus;
  tool_version: string;
  catalog_version: string;
  content_sha256: string | null;
  failure_reason: string | null;
  resource_count: number;
  error_count: number;
};

// Counts recorded by the seal are read as they are; a snapshot sealed before they were recorded (or not
// sealed) is counted through an index (resources_by_type, the primary key of collection_errors).
const SUMMARY_SQL = `
  SELECT s.*,
    coalesce(s.resource_count, (SELECT count(*) FROM resources r WHERE r.snapshot_id = s.id)) AS resource_count,
    coalesce(s.error_count, (SELECT count(*) FROM collection_errors e WHERE e.snapshot_id = s.id)) AS error_count
  FROM snapshots s`;

function toSummary(r: SnapshotRow): SnapshotSummary {
  return {
    id: r.id,
    connection: r.connection,
    provider: r.provider,
    account: r.account,
    identity: r.identity,
    regions: JSON.parse(r.regions) as string[],
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    toolVersion: r.tool_version,
    catalogVersion: r.catalog_version,
    contentSha256: r.content_sha256,
    resourceCount: r.resource_count,
    errorCount: r.error_count,
    failureReason: r.failure_reason,
    // From the core-written, hashed connection column: see main/evidence/demo-snapshot.ts.
    demo: isDemoSnapshot(r),
  };
}

export function createRunningSnapshot(
  db: Db,
  s: {
    id: string;
    connection: string;
    provider: 'aws' | 'azure';
    startedAt: string;
    toolVersion: string;
    catalogVersion: string;
  },
): void {
  db.prepare(
    `INSERT INTO snapshots (id, connection, provider, started_at, status, tool_version, catalog_version)
     VALUES (?, ?, ?, ?, 'running', ?, ?)`,
  ).run(s.id, s.connection, s.provider, s.startedAt, s.toolVersion, s.catalogVersion);
}

export function endSnapshotUnsuccessfully(
  db: Db,
  id: string,
  status: 'failed' | 'cancelled',
  reason: string,
): void {
  db.prepare(
    `UPDATE snapshots SET status = ?, failure_reason = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
  ).run(status, reason, new Date().toISOString(), id);
}

/**
 * Snapshots left 'running' by a crash or a killed process can never complete: say so. `abandonedBecause`
 * answers null for a run whose owner may still finish it (another process: main/store/run-lock.ts), else why
 * it never will. Call inside a write transaction so no run starts or ends between the read and the updates.
 */
export function failAbandonedSnapshots(
  db: Db,
  abandonedBecause: (snapshotId: string) => string | null,
): { id: string; reason: string }[] {
  const stale = db.prepare(`SELECT id FROM snapshots WHERE status = 'running'`).all() as { id: string }[];
  const failed: { id: string; reason: string }[] = [];
  for (const { id } of stale) {
    const reason = abandonedBecause(id);
    if (reason === null) continue;
    endSnapshotUnsuccessfully(
      db,
      id,
      'failed',
      `Evidence Desk stopped before this snapshot finished: ${reason}`,
    );
    failed.push({ id, reason });
  }
  return failed;
}

/** The snapshot's content hash, recomputed from its rows (main/store/content-hash.ts). */
export function computeContentHash(db: Db, snapshotId: string): string {
  return checkSnapshotContent(db, snapshotId).contentSha256;
}

/** Items a sink already redacted and kept in memory (a CollectionBuffer: tests, small tools). */
type CollectedInMemory = {
  resources: readonly CollectedResource[];
  raws: readonly RawResponse[];
  gaps: readonly CollectionGap[];
  redactions?: readonly RedactionCount[];
};

/**
 * Moves everything collected from staging into the evidence tables, runs `evaluate` over it (same
 * transaction: checks see the rows), marks the snapshot complete with its content hash and refreshes the
 * planner's statistics. All or nothing: a failure rolls back to the 'running' snapshot and discards the
 * staged rows (the caller then marks the run failed). `collected` is the streaming sink the runner used, or
 * items gathered in memory (tests, small tools), which are staged first so there is one seal path.
 */
export function sealSnapshot(
  db: Db,
  id: string,
  meta: { account: string | null; identity: string | null; regions: string[] },
  collected: StagedCollection | CollectedInMemory,
  evaluate: (db: Db, snapshotId: string) => void,
): void {
  let staged: StagedCollection;
  if ('moveInto' in collected) {
    if (collected.snapshotId !== id) {
      throw new Error(`staged rows belong to snapshot ${collected.snapshotId}, not ${id}`);
    }
    staged = collected;
  } else {
    const staging = new StagingRows(db, id);
    staging.stageCollected(collected);
    staged = staging;
  }
  try {
    db.transaction(() => {
      staged.moveInto(db);
      const insRedaction = db.prepare(
        'INSERT INTO redactions (snapshot_id, target, count, kinds) VALUES (?, ?, ?, ?)',
      );
      for (const r of mergeRedactions(staged.redactions)) {
        insRedaction.run(id, r.target, r.count, JSON.stringify(r.kinds));
      }
      refreshPlannerStatistics(db);
      evaluate(db, id);
      // finished_at is part of the hashed header, so it is written first (the snapshot is still running);
      // so are the counts the snapshot list shows, which can never change once it is complete.
      db.prepare(
        `UPDATE snapshots SET account = ?, identity = ?, regions = ?, finished_at = ?,
           resource_count = (SELECT count(*) FROM resources WHERE snapshot_id = @id),
           error_count = (SELECT count(*) FROM collection_errors WHERE snapshot_id = @id)
         WHERE id = @id AND status = 'running'`,
      ).run(meta.account, meta.identity, JSON.stringify(meta.regions), new Date().toISOString(), { id });
      const { contentSha256 } = checkSnapshotContent(db, id, { trustStoredRowHashes: true });
      db.prepare(
        `UPDATE snapshots SET status = 'complete', content_sha256 = ?, content_hash_recipe = ?
         WHERE id = ? AND status = 'running'`,
      ).run(contentSha256, CONTENT_HASH_RECIPE, id);
    })();
  } catch (err) {
    // Nothing of a run that did not seal is kept, not even in this connection's staging.
    staged.discard();
    throw err;
  }
  // Outside the seal: lets SQLite refresh whatever statistics the new rows made stale, bounded by its own
  // analysis limit, once the write lock is no longer held for the snapshot.
  db.pragma('optimize');
}

/** Rows read per index when sampling statistics: enough for the planner, cheap at a million rows. */
const ANALYSIS_LIMIT = 1000;

/**
 * The checks run inside the seal, right after the rows land: give the planner statistics for them first,
 * so a check over an empty type (no IAM users) seeks the (snapshot_id, type) index instead of scanning every
 * row. analysis_limit keeps ANALYZE to a sample, so its cost does not grow with the estate.
 */
function refreshPlannerStatistics(db: Db): void {
  db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  db.exec('ANALYZE resources; ANALYZE findings');
}

/** One row per target, kinds sorted: the same redactions always hash the same. */
function mergeRedactions(list: readonly RedactionCount[]): RedactionCount[] {
  const byTarget = new Map<string, { count: number; kinds: Set<string> }>();
  for (const r of list) {
    const m = byTarget.get(r.target) ?? { count: 0, kinds: new Set<string>() };
    m.count += r.count;
    r.kinds.forEach((k) => m.kinds.add(k));
    byTarget.set(r.target, m);
  }
  return [...byTarget]
    .filter(([, m]) => m.count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([target, m]) => ({ target, count: m.count, kinds: [...m.kinds].sort() }));
}

export function listSnapshots(db: Db): SnapshotSummary[] {
  return (db.prepare(`${SUMMARY_SQL} ORDER BY s.started_at DESC`).all() as SnapshotRow[]).map(toSummary);
}

/** Snapshots still 'running' (this process's or another's), newest first: cheap, no counts. */
export function listRunningSnapshots(db: Db): { id: string; connection: string; startedAt: string }[] {
  return db
    .prepare(
      `SELECT id, connection, started_at AS startedAt FROM snapshots WHERE status = 'running'
       ORDER BY started_at DESC`,
    )
    .all() as { id: string; connection: string; startedAt: string }[];
}

export function getSnapshot(db: Db, id: string): SnapshotSummary | null {
  const row = db.prepare(`${SUMMARY_SQL} WHERE s.id = ?`).get(id) as SnapshotRow | undefined;
  return row ? toSummary(row) : null;
}

export function listCollectionErrors(db: Db, snapshotId: string): CollectionError[] {
  return db
    .prepare(
      'SELECT service, region, operation, code, message, resource FROM collection_errors WHERE snapshot_id = ? ORDER BY seq',
    )
    .all(snapshotId) as CollectionError[];
}

export type ResourceRow = {
  uid: string;
  provider: string;
  service: string;
  type: string;
  region: string;
  name: string;
  tags: string;
  config: string;
  sha256: string;
};

export function listResources(db: Db, snapshotId: string): ResourceRow[] {
  return db
    .prepare(
      'SELECT uid, provider, service, type, region, name, tags, config, sha256 FROM resources WHERE snapshot_id = ? ORDER BY type, uid',
    )
    .all(snapshotId) as ResourceRow[];
}

export function listRawResponses(
  db: Db,
  snapshotId: string,
): {
  seq: number;
  service: string;
  region: string;
  operation: string;
  params: string;
  response: string;
  sha256: string;
}[] {
  return db
    .prepare(
      'SELECT seq, service, region, operation, params, response, sha256 FROM raw_responses WHERE snapshot_id = ? ORDER BY seq',
    )
    .all(snapshotId) as never;
}
