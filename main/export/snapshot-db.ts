// snapshot.sqlite: a standalone database holding ONLY the exported snapshot, in the app's own schema, so an
// auditor can re-run every shipped check with any SQLite client and recompute the content hash. The other
// snapshots of the workspace (other clients, other accounts) never leave it.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { computeContentHash } from '../store/snapshots-repo';

export const SNAPSHOT_FILE = 'snapshot.sqlite';

type SnapshotRecord = {
  id: string;
  connection: string;
  provider: string;
  account: string | null;
  identity: string | null;
  regions: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  tool_version: string;
  catalog_version: string;
  content_sha256: string | null;
  failure_reason: string | null;
};

export class SnapshotCopyError extends Error {}

/** Writes the snapshot, its collected rows and its latest evaluation to a new file; returns its content hash. */
export function writeStandaloneSnapshot(source: Db, snapshotId: string, file: string): string {
  if (fs.existsSync(file)) throw new SnapshotCopyError(`${file} already exists; it will not be overwritten.`);
  const snap = source.prepare('SELECT * FROM snapshots WHERE id = ?').get(snapshotId) as
    SnapshotRecord | undefined;
  if (!snap) throw new SnapshotCopyError(`There is no snapshot ${snapshotId} to copy.`);

  const out = new Database(file);
  try {
    // A single self-contained file: no -wal/-shm companions for the auditor to lose.
    out.pragma('journal_mode = DELETE');
    out.pragma('foreign_keys = ON');
    migrate(out);
    out.transaction(() => copyRows(source, out, snap))();
    const recomputed = computeContentHash(out, snapshotId);
    if (recomputed !== snap.content_sha256) {
      throw new SnapshotCopyError(
        `The copied snapshot hashes to ${recomputed}, not ${String(snap.content_sha256)}: the workspace copy ` +
          'of this snapshot is inconsistent. Run an integrity check of the workspace before exporting it.',
      );
    }
    return recomputed;
  } catch (err) {
    out.close();
    fs.rmSync(file, { force: true });
    throw err;
  } finally {
    if (out.open) out.close();
  }
}

function copyRows(source: Db, out: Database.Database, snap: SnapshotRecord): void {
  // The immutability triggers only accept rows for a 'running' snapshot, exactly as in the workspace:
  // insert it running, add its rows, then seal it with the original final values.
  out
    .prepare(
      `INSERT INTO snapshots (id, connection, provider, account, identity, regions, started_at, status,
         tool_version, catalog_version)
       VALUES (@id, @connection, @provider, @account, @identity, @regions, @started_at, 'running',
         @tool_version, @catalog_version)`,
    )
    .run(snap);

  copyTable(
    source,
    out,
    'resources',
    ['snapshot_id', 'uid', 'provider', 'service', 'type', 'region', 'name', 'tags', 'config', 'sha256'],
    snap.id,
  );
  copyTable(
    source,
    out,
    'raw_responses',
    ['snapshot_id', 'seq', 'service', 'region', 'operation', 'params', 'response', 'sha256'],
    snap.id,
  );
  copyTable(
    source,
    out,
    'collection_errors',
    ['snapshot_id', 'seq', 'service', 'region', 'operation', 'code', 'message'],
    snap.id,
  );

  const evaluation = source
    .prepare(
      'SELECT id, snapshot_id, catalog_version, evaluated_at FROM evaluations WHERE snapshot_id = ? ORDER BY evaluated_at DESC LIMIT 1',
    )
    .get(snap.id) as Record<string, unknown> | undefined;
  if (evaluation) {
    out
      .prepare(
        'INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at) VALUES (@id, @snapshot_id, @catalog_version, @evaluated_at)',
      )
      .run(evaluation);
    const insert = out.prepare(
      `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
       VALUES (@evaluation_id, @snapshot_id, @check_id, @resource_uid, @status, @reason, @evidence)`,
    );
    for (const row of source
      .prepare('SELECT * FROM findings WHERE evaluation_id = ? ORDER BY check_id, resource_uid')
      .iterate(evaluation.id)) {
      insert.run(row as Record<string, unknown>);
    }
  }

  out
    .prepare(
      `UPDATE snapshots SET status = @status, finished_at = @finished_at, content_sha256 = @content_sha256,
         failure_reason = @failure_reason WHERE id = @id`,
    )
    .run(snap);
}

function copyTable(
  source: Db,
  out: Database.Database,
  table: string,
  columns: string[],
  snapshotId: string,
): void {
  const list = columns.join(', ');
  const insert = out.prepare(
    `INSERT INTO ${table} (${list}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  for (const row of source
    .prepare(`SELECT ${list} FROM ${table} WHERE snapshot_id = ?`)
    .iterate(snapshotId)) {
    insert.run(row as Record<string, unknown>);
  }
}
