// Reading and writing snapshots. A snapshot row is created 'running' when collection starts (so the UI can
// show it) and everything collected is written, evaluated and sealed in ONE transaction at the end: readers
// never see a half snapshot, and a crash leaves only a 'running' row that is marked failed on next open.
import type { CollectionError, SnapshotStatus, SnapshotSummary } from '../../shared/domain';
import type { CollectionBuffer, RedactionCount } from '../collect/types';
import { canonicalJson } from '../util/hash';
import { CONTENT_HASH_RECIPE, checkSnapshotContent, rawRowHash, resourceRowHash } from './content-hash';
import type { Db } from './db';

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

const SUMMARY_SQL = `
  SELECT s.*,
    (SELECT count(*) FROM resources r WHERE r.snapshot_id = s.id) AS resource_count,
    (SELECT count(*) FROM collection_errors e WHERE e.snapshot_id = s.id) AS error_count
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

/**
 * Writes everything collected, runs `evaluate` over it (same transaction: checks see the rows) and marks the
 * snapshot complete with its content hash. All or nothing.
 */
export function sealSnapshot(
  db: Db,
  id: string,
  meta: { account: string | null; identity: string | null; regions: string[] },
  collected: Pick<CollectionBuffer, 'resources' | 'raws' | 'gaps'> & {
    redactions?: readonly RedactionCount[];
  },
  evaluate: (db: Db, snapshotId: string) => void,
): void {
  db.transaction(() => {
    const insRes = db.prepare(
      `INSERT INTO resources (snapshot_id, uid, provider, service, type, region, name, tags, config, sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const seen = new Set<string>();
    for (const r of collected.resources) {
      // The same resource can be reported from several regions (e.g. a multi-region trail): keep the first.
      if (seen.has(r.uid)) continue;
      seen.add(r.uid);
      const row = { ...r, tags: canonicalJson(r.tags), config: canonicalJson(r.config) };
      insRes.run(
        id,
        r.uid,
        r.provider,
        r.service,
        r.type,
        r.region,
        r.name,
        row.tags,
        row.config,
        resourceRowHash(row),
      );
    }
    const insRaw = db.prepare(
      `INSERT INTO raw_responses (snapshot_id, seq, service, region, operation, params, response, sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    collected.raws.forEach((r, i) => {
      const row = {
        seq: i + 1,
        service: r.service,
        region: r.region,
        operation: r.operation,
        params: canonicalJson(r.params),
        response: canonicalJson(r.response ?? null),
      };
      insRaw.run(
        id,
        row.seq,
        row.service,
        row.region,
        row.operation,
        row.params,
        row.response,
        rawRowHash(row),
      );
    });
    const insErr = db.prepare(
      `INSERT INTO collection_errors (snapshot_id, seq, service, region, operation, code, message)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    collected.gaps.forEach((e, i) =>
      insErr.run(id, i + 1, e.service, e.region, e.operation, e.code, e.message),
    );
    const insRedaction = db.prepare(
      'INSERT INTO redactions (snapshot_id, target, count, kinds) VALUES (?, ?, ?, ?)',
    );
    for (const r of mergeRedactions(collected.redactions ?? [])) {
      insRedaction.run(id, r.target, r.count, JSON.stringify(r.kinds));
    }
    evaluate(db, id);
    // finished_at is part of the hashed header, so it is written first (the snapshot is still running).
    db.prepare(
      `UPDATE snapshots SET account = ?, identity = ?, regions = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
    ).run(meta.account, meta.identity, JSON.stringify(meta.regions), new Date().toISOString(), id);
    const { contentSha256 } = checkSnapshotContent(db, id, { trustStoredRowHashes: true });
    db.prepare(
      `UPDATE snapshots SET status = 'complete', content_sha256 = ?, content_hash_recipe = ?
       WHERE id = ? AND status = 'running'`,
    ).run(contentSha256, CONTENT_HASH_RECIPE, id);
  })();
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

export function getSnapshot(db: Db, id: string): SnapshotSummary | null {
  const row = db.prepare(`${SUMMARY_SQL} WHERE s.id = ?`).get(id) as SnapshotRow | undefined;
  return row ? toSummary(row) : null;
}

export function listCollectionErrors(db: Db, snapshotId: string): CollectionError[] {
  return db
    .prepare(
      'SELECT service, region, operation, code, message FROM collection_errors WHERE snapshot_id = ? ORDER BY seq',
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
