// Collected items stream into staging rows as they arrive, a few thousand per transaction, so memory does not
// grow with the estate; the seal (main/store/snapshots-repo.ts) moves them into the evidence tables in ONE
// transaction.
//
// Why TEMP tables rather than staging tables in the workspace or the real tables under a 'running' snapshot:
// a TEMP table lives in this connection's private temporary database (a file: better-sqlite3 builds with
// SQLITE_TEMP_STORE=1, so it is not held in memory). No other connection, reader or view can see a staged row,
// whatever SQL it runs, so "readers never see a half snapshot" holds by construction rather than by every
// query remembering to filter; and a crash, a kill or a closed connection leaves nothing behind to clean up.
// Staged tables carry no foreign keys, triggers, CHECKs or indexes: the per-row cost of those is paid once, by
// the set-based INSERT ... SELECT at the seal, where the evidence tables' own constraints and triggers still
// apply to every row.
//
// Each row is canonicalised and hashed once, here (the stored text is what content-hash.ts hashes).
//
// The store does not import the collectors (test/unit/layering.test.ts): StagingRows only writes rows it is
// given. The collection sink that redacts before anything is kept (RedactingSink) stays in main/collect and
// writes through a StagingRows (main/collect/staging-sink.ts).
import type { CollectedResource, CollectionGap, RawResponse, RedactionCount } from '../core/evidence-rows';
import { canonicalJson } from '../util/hash';
import { rawRowHash, resourceRowHash } from './content-hash';
import type { Db } from './db';
import { GAP_EVIDENCE_ORDER_SQL, RAW_EVIDENCE_ORDER_SQL } from './evidence-order';

/** Rows per staging transaction: large enough to amortise the commit, small enough to keep memory flat. */
export const STAGING_BATCH_ROWS = 4000;

const STAGING_DDL = `
  CREATE TEMP TABLE IF NOT EXISTS staged_resources (
    seq INTEGER PRIMARY KEY, snapshot_id TEXT NOT NULL, uid TEXT NOT NULL, provider TEXT NOT NULL,
    service TEXT NOT NULL, type TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, tags TEXT NOT NULL,
    config TEXT NOT NULL, sha256 TEXT NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS staged_raw_responses (
    snapshot_id TEXT NOT NULL, seq INTEGER NOT NULL, service TEXT NOT NULL, region TEXT NOT NULL,
    operation TEXT NOT NULL, params TEXT NOT NULL, response TEXT NOT NULL, sha256 TEXT NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS staged_collection_errors (
    snapshot_id TEXT NOT NULL, seq INTEGER NOT NULL, service TEXT NOT NULL, region TEXT NOT NULL,
    operation TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, resource TEXT);`;

type Pending = { sql: 'resource' | 'raw' | 'gap'; values: (string | number | null)[] };

/** Everything the seal needs from a collection, whichever sink gathered it. */
export interface StagedCollection {
  readonly snapshotId: string;
  readonly redactions: readonly RedactionCount[];
  /** Writes what is still pending, then moves every staged row into the evidence tables (same transaction). */
  moveInto(db: Db): void;
  /** Drops every staged row of this snapshot: a cancelled or failed run keeps nothing. */
  discard(): void;
}

/**
 * Staging rows for one snapshot on one connection. Items arrive already redacted (by the collection sink in
 * main/collect/staging-sink.ts, or by a CollectionBuffer for the in-memory path); rows stay invisible until
 * `moveInto` runs inside the seal's transaction. `redactions` is what was withheld from the items staged
 * through `stageCollected`; a sink that stages item by item reports its own.
 */
export class StagingRows implements StagedCollection {
  readonly redactions: RedactionCount[] = [];
  private pending: Pending[] = [];
  private resources = 0;
  private raws = 0;
  private gaps = 0;
  private readonly insert: Record<Pending['sql'], ReturnType<Db['prepare']>>;
  private readonly writeBatch: (rows: Pending[]) => void;

  constructor(
    private readonly db: Db,
    readonly snapshotId: string,
    private readonly batchRows = STAGING_BATCH_ROWS,
  ) {
    db.exec(STAGING_DDL);
    // A previous run on this connection that died between staging and discard must not leak into this one.
    this.deleteStaged();
    this.insert = {
      resource: db.prepare(
        `INSERT INTO temp.staged_resources
           (snapshot_id, uid, provider, service, type, region, name, tags, config, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      raw: db.prepare(
        `INSERT INTO temp.staged_raw_responses
           (snapshot_id, seq, service, region, operation, params, response, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      gap: db.prepare(
        `INSERT INTO temp.staged_collection_errors
           (snapshot_id, seq, service, region, operation, code, message, resource)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    this.writeBatch = db.transaction((rows: Pending[]) => {
      for (const r of rows) this.insert[r.sql].run(r.values);
    });
  }

  /**
   * Stages items another sink already redacted and counted (a CollectionBuffer): they are not redacted or
   * counted again, so the redaction log says exactly what the original sink withheld.
   */
  stageCollected(collected: {
    resources: readonly CollectedResource[];
    raws: readonly RawResponse[];
    gaps: readonly CollectionGap[];
    redactions?: readonly RedactionCount[];
  }): void {
    collected.resources.forEach((r) => this.keepResource(r));
    collected.raws.forEach((r) => this.keepRaw(r));
    collected.gaps.forEach((e) => this.keepGap(e));
    // One by one: spreading a large list into push() overflows the call stack.
    for (const r of collected.redactions ?? []) this.redactions.push(r);
  }

  /** Resources collected so far (before de-duplication of the same uid reported twice). */
  get resourceCount(): number {
    return this.resources;
  }

  keepResource(r: CollectedResource): void {
    const tags = canonicalJson(r.tags);
    const config = canonicalJson(r.config);
    this.resources++;
    this.stage('resource', [
      this.snapshotId,
      r.uid,
      r.provider,
      r.service,
      r.type,
      r.region,
      r.name,
      tags,
      config,
      resourceRowHash({ ...r, tags, config }),
    ]);
  }

  keepRaw(r: RawResponse): void {
    const row = {
      seq: ++this.raws,
      service: r.service,
      region: r.region,
      operation: r.operation,
      params: canonicalJson(r.params),
      response: canonicalJson(r.response ?? null),
    };
    this.stage('raw', [
      this.snapshotId,
      row.seq,
      row.service,
      row.region,
      row.operation,
      row.params,
      row.response,
      // Hashed at the seal, once its final seq is known (main/collect/evidence-order.ts).
      '',
    ]);
  }

  keepGap(e: CollectionGap): void {
    this.stage('gap', [
      this.snapshotId,
      ++this.gaps,
      e.service,
      e.region,
      e.operation,
      e.code,
      e.message,
      e.resource ?? null,
    ]);
  }

  private stage(sql: Pending['sql'], values: (string | number | null)[]): void {
    this.pending.push({ sql, values });
    if (this.pending.length >= this.batchRows) this.flush();
  }

  /** Writes the pending batch to the staging tables (its own short transaction, or a savepoint in the seal's). */
  flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.writeBatch(rows);
  }

  moveInto(db: Db): void {
    if (db !== this.db) throw new Error('staged rows can only be sealed on the connection that staged them');
    this.flush();
    // Ordered by arrival: the same resource reported from several regions (e.g. a multi-region trail) keeps
    // its first report, as the in-memory path always did.
    db.prepare(
      `INSERT INTO resources (snapshot_id, uid, provider, service, type, region, name, tags, config, sha256)
       SELECT snapshot_id, uid, provider, service, type, region, name, tags, config, sha256
       FROM temp.staged_resources WHERE snapshot_id = ? ORDER BY seq
       ON CONFLICT DO NOTHING`,
    ).run(this.snapshotId);
    // Raw responses and gaps are numbered in evidence order, not arrival order: concurrent collection makes
    // arrival order differ from run to run (main/collect/evidence-order.ts). A raw row's hash covers its seq,
    // so it is computed here, once, by a SQL function over the canonical text already stored.
    // varargs: a rest-parameter function has length 0, which better-sqlite3 would register as nullary.
    db.function('evidence_raw_row_hash', { deterministic: true, varargs: true }, (...c: unknown[]) =>
      rawRowHash({
        seq: Number(c[0]),
        service: String(c[1]),
        region: String(c[2]),
        operation: String(c[3]),
        params: String(c[4]),
        response: String(c[5]),
      }),
    );
    db.prepare(
      `INSERT INTO raw_responses (snapshot_id, seq, service, region, operation, params, response, sha256)
       SELECT snapshot_id, n, service, region, operation, params, response,
              evidence_raw_row_hash(n, service, region, operation, params, response)
       FROM (SELECT *, row_number() OVER (ORDER BY ${RAW_EVIDENCE_ORDER_SQL}) AS n
             FROM temp.staged_raw_responses WHERE snapshot_id = ?)
       ORDER BY n`,
    ).run(this.snapshotId);
    db.prepare(
      `INSERT INTO collection_errors (snapshot_id, seq, service, region, operation, code, message, resource)
       SELECT snapshot_id, n, service, region, operation, code, message, resource
       FROM (SELECT *, row_number() OVER (ORDER BY ${GAP_EVIDENCE_ORDER_SQL}) AS n
             FROM temp.staged_collection_errors WHERE snapshot_id = ?)
       ORDER BY n`,
    ).run(this.snapshotId);
    this.deleteStaged();
  }

  discard(): void {
    this.pending = [];
    if (this.db.open) this.deleteStaged();
  }

  private deleteStaged(): void {
    for (const table of ['staged_resources', 'staged_raw_responses', 'staged_collection_errors']) {
      this.db.prepare(`DELETE FROM temp.${table} WHERE snapshot_id = ?`).run(this.snapshotId);
    }
  }
}

/** How many rows are staged (not yet sealed) on this connection: for tests and diagnostics. */
export function stagedRowCount(db: Db, snapshotId?: string): number {
  const exists = db
    .prepare(`SELECT count(*) AS n FROM temp.sqlite_master WHERE name = 'staged_resources'`)
    .get() as { n: number };
  if (exists.n === 0) return 0;
  let n = 0;
  for (const table of ['staged_resources', 'staged_raw_responses', 'staged_collection_errors']) {
    const row = db
      .prepare(`SELECT count(*) AS n FROM temp.${table} WHERE @id IS NULL OR snapshot_id = @id`)
      .get({ id: snapshotId ?? null }) as { n: number };
    n += row.n;
  }
  return n;
}
