// Reading and writing snapshots. A snapshot row is created 'running' when collection starts (so the UI can
// show it) and everything collected is written, evaluated and sealed in ONE transaction at the end: readers
// never see a half snapshot, and a crash leaves only a 'running' row that is marked failed on next open.
import type { CollectionError, SnapshotStatus, SnapshotSummary } from '../../shared/domain';
import type { CollectedResource, CollectionBuffer } from '../collect/types';
import { canonicalJson, sha256, sha256Json } from '../util/hash';
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

/** Snapshots left 'running' by a crash or a killed process can never complete: say so. */
export function failAbandonedSnapshots(db: Db, runningIds: Set<string>): number {
  const stale = db.prepare(`SELECT id FROM snapshots WHERE status = 'running'`).all() as { id: string }[];
  let n = 0;
  for (const { id } of stale) {
    if (runningIds.has(id)) continue;
    endSnapshotUnsuccessfully(db, id, 'failed', 'Evidence Desk stopped before this snapshot finished');
    n++;
  }
  return n;
}

export function resourceHash(r: CollectedResource): string {
  return sha256Json({
    uid: r.uid,
    type: r.type,
    region: r.region,
    name: r.name,
    tags: r.tags,
    config: r.config,
  });
}

/**
 * The snapshot's content hash: over every resource hash and every collection gap, in a fixed order, so it
 * can be recomputed from snapshot.sqlite by anyone (see VERIFY.txt in a package).
 */
export function computeContentHash(db: Db, snapshotId: string): string {
  const lines: string[] = [];
  for (const r of db
    .prepare('SELECT uid, sha256 FROM resources WHERE snapshot_id = ? ORDER BY uid')
    .iterate(snapshotId) as IterableIterator<{ uid: string; sha256: string }>) {
    lines.push(`resource\t${r.uid}\t${r.sha256}`);
  }
  for (const e of db
    .prepare(
      'SELECT service, region, operation, code FROM collection_errors WHERE snapshot_id = ? ORDER BY seq',
    )
    .iterate(snapshotId) as IterableIterator<CollectionError>) {
    lines.push(`gap\t${e.service}\t${e.region}\t${e.operation}\t${e.code}`);
  }
  return sha256(lines.join('\n'));
}

/**
 * Writes everything collected, runs `evaluate` over it (same transaction: checks see the rows) and marks the
 * snapshot complete. All or nothing.
 */
export function sealSnapshot(
  db: Db,
  id: string,
  meta: { account: string | null; identity: string | null; regions: string[] },
  collected: Pick<CollectionBuffer, 'resources' | 'raws' | 'gaps'>,
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
      insRes.run(
        id,
        r.uid,
        r.provider,
        r.service,
        r.type,
        r.region,
        r.name,
        canonicalJson(r.tags),
        canonicalJson(r.config),
        resourceHash(r),
      );
    }
    const insRaw = db.prepare(
      `INSERT INTO raw_responses (snapshot_id, seq, service, region, operation, params, response, sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    collected.raws.forEach((r, i) => {
      const response = canonicalJson(r.response ?? null);
      insRaw.run(
        id,
        i + 1,
        r.service,
        r.region,
        r.operation,
        canonicalJson(r.params),
        response,
        sha256(response),
      );
    });
    const insErr = db.prepare(
      `INSERT INTO collection_errors (snapshot_id, seq, service, region, operation, code, message)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    collected.gaps.forEach((e, i) =>
      insErr.run(id, i + 1, e.service, e.region, e.operation, e.code, e.message),
    );
    evaluate(db, id);
    db.prepare(
      `UPDATE snapshots SET account = ?, identity = ?, regions = ?, status = 'complete', finished_at = ?,
         content_sha256 = ? WHERE id = ? AND status = 'running'`,
    ).run(
      meta.account,
      meta.identity,
      JSON.stringify(meta.regions),
      new Date().toISOString(),
      computeContentHash(db, id),
      id,
    );
  })();
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
