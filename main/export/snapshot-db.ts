// snapshot.sqlite: a standalone database holding ONLY the exported snapshot, in the app's own schema, so an
// auditor can re-run every shipped check with any SQLite client and recompute the content hash. The other
// snapshots of the workspace (other clients, other accounts) never leave it.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { AuditTrail } from '../evidence/audit-trail';
import type { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { checkSnapshotContent, computeEvaluationHash, computeSchemaHash } from '../store/content-hash';

export const SNAPSHOT_FILE = 'snapshot.sqlite';

export type SnapshotRecord = {
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
  content_hash_recipe: number;
  failure_reason: string | null;
};

export class SnapshotCopyError extends Error {}

/**
 * Writes the snapshot, its collected rows and one sealed evaluation to a new file, then recomputes every hash
 * from the copy (not from the workspace's stored hashes) so a package can never ship rows that do not match
 * what was sealed.
 */
export function writeStandaloneSnapshot(
  source: Db,
  snapshotId: string,
  evaluationId: string,
  file: string,
): { contentSha256: string; findingsSha256: string; schemaSha256: string } {
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
    const attached = attachSource(out, source);
    try {
      out.transaction(() => copyRows(source, out, snap, evaluationId, attached))();
    } finally {
      if (attached) out.exec(`DETACH DATABASE ${SOURCE_SCHEMA}`);
    }
    const { contentSha256, findingsSha256 } = checkCopiedSnapshot(source, out, snap, evaluationId);
    // ANALYZE lets an auditor's sqlite3 plan the shipped checks well. Its sqlite_stat1 table is left out of the
    // schema hash: statistics change how a query runs, never what it answers.
    out.exec('ANALYZE');
    return { contentSha256, findingsSha256, schemaSha256: computeSchemaHash(out) };
  } catch (err) {
    out.close();
    fs.rmSync(file, { force: true });
    throw err;
  } finally {
    if (out.open) out.close();
  }
}

/**
 * Recomputes a copied snapshot's content hash and its evaluation's findings hash from the copy, and refuses a
 * copy that does not match what the workspace sealed.
 */
export function checkCopiedSnapshot(
  source: Db,
  out: Database.Database,
  snap: Pick<SnapshotRecord, 'id' | 'content_sha256'>,
  evaluationId: string,
): { contentSha256: string; findingsSha256: string } {
  const snapshotId = snap.id;
  const content = checkSnapshotContent(out, snapshotId);
  if (content.contentSha256 !== snap.content_sha256 || content.alteredCount > 0) {
    throw new SnapshotCopyError(
      `The copied snapshot hashes to ${content.contentSha256}, not ${String(snap.content_sha256)}` +
        (content.altered.length
          ? ` (rows that no longer match their hash: ${content.altered.join(', ')})`
          : '') +
        ': the workspace copy of this snapshot is inconsistent. Run an integrity check of the workspace before exporting it.',
    );
  }
  const findingsSha256 = computeEvaluationHash(out, evaluationId);
  const stored = source.prepare('SELECT findings_sha256 FROM evaluations WHERE id = ?').get(evaluationId) as
    { findings_sha256: string | null } | undefined;
  if (stored?.findings_sha256 && stored.findings_sha256 !== findingsSha256) {
    throw new SnapshotCopyError(
      `The copied findings of evaluation ${evaluationId} hash to ${findingsSha256}, not ${stored.findings_sha256} ` +
        'as sealed: the workspace copy is inconsistent.',
    );
  }
  return { contentSha256: content.contentSha256, findingsSha256 };
}

export const SOURCE_SCHEMA = 'workspace_src';

/**
 * Attaches the workspace file to the copy so rows move by INSERT ... SELECT inside SQLite: a
 * million resources and 1.5 million findings copied one row at a time through JavaScript took a quarter of
 * a large export. Only a workspace on disk can be attached; an in-memory one is copied row by row.
 */
export function attachSource(out: Database.Database, source: Db): boolean {
  if (source.memory || !source.name || !fs.existsSync(source.name)) return false;
  // Only ever read through: every statement below names it in FROM, never as a target.
  out.prepare(`ATTACH DATABASE ? AS ${SOURCE_SCHEMA}`).run(source.name);
  return true;
}

export function copyRows(
  source: Db,
  out: Database.Database,
  snap: SnapshotRecord,
  evaluationId: string,
  attached: boolean,
): void {
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
    attached,
  );
  copyTable(
    source,
    out,
    'raw_responses',
    ['snapshot_id', 'seq', 'service', 'region', 'operation', 'params', 'response', 'sha256'],
    snap.id,
    attached,
  );
  copyTable(
    source,
    out,
    'collection_errors',
    // resource: migration 0008; part of the gap row hash whenever it is set.
    ['snapshot_id', 'seq', 'service', 'region', 'operation', 'code', 'message', 'resource'],
    snap.id,
    attached,
  );
  copyTable(source, out, 'redactions', ['snapshot_id', 'target', 'count', 'kinds'], snap.id, attached);

  const evaluation = source
    .prepare(
      `SELECT id, snapshot_id, catalog_version, evaluated_at, sealed_at, findings_sha256 FROM evaluations
       WHERE id = ? AND snapshot_id = ? AND sealed_at IS NOT NULL`,
    )
    .get(evaluationId, snap.id) as Record<string, unknown> | undefined;
  if (!evaluation)
    throw new SnapshotCopyError(`Evaluation ${evaluationId} of snapshot ${snap.id} is not sealed.`);
  // Written unsealed, filled, then sealed with its original values: the same path the workspace took.
  out
    .prepare(
      'INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at) VALUES (@id, @snapshot_id, @catalog_version, @evaluated_at)',
    )
    .run(evaluation);
  const findingColumns = 'evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence';
  if (attached) {
    out
      .prepare(
        `INSERT INTO findings (${findingColumns}) SELECT ${findingColumns} FROM ${SOURCE_SCHEMA}.findings
         WHERE evaluation_id = ? ORDER BY check_id, resource_uid`,
      )
      .run(evaluationId);
  } else {
    const insert = out.prepare(
      `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
       VALUES (@evaluation_id, @snapshot_id, @check_id, @resource_uid, @status, @reason, @evidence)`,
    );
    for (const row of source
      .prepare('SELECT * FROM findings WHERE evaluation_id = ? ORDER BY check_id, resource_uid')
      .iterate(evaluationId)) {
      insert.run(row as Record<string, unknown>);
    }
  }
  out
    .prepare('UPDATE evaluations SET sealed_at = ?, findings_sha256 = ? WHERE id = ?')
    .run(
      evaluation.sealed_at,
      (evaluation.findings_sha256 as string | null) ?? computeEvaluationHash(out, evaluationId),
      evaluationId,
    );

  out
    .prepare(
      `UPDATE snapshots SET status = @status, finished_at = @finished_at, content_sha256 = @content_sha256,
         content_hash_recipe = @content_hash_recipe, failure_reason = @failure_reason WHERE id = @id`,
    )
    .run(snap);
}

function copyTable(
  source: Db,
  out: Database.Database,
  table: string,
  columns: string[],
  snapshotId: string,
  attached: boolean,
): void {
  const list = columns.join(', ');
  if (attached) {
    out
      .prepare(
        `INSERT INTO ${table} (${list}) SELECT ${list} FROM ${SOURCE_SCHEMA}.${table} WHERE snapshot_id = ?`,
      )
      .run(snapshotId);
    return;
  }
  const insert = out.prepare(
    `INSERT INTO ${table} (${list}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  for (const row of source
    .prepare(`SELECT ${list} FROM ${table} WHERE snapshot_id = ?`)
    .iterate(snapshotId)) {
    insert.run(row as Record<string, unknown>);
  }
}

/**
 * Puts the package's audit trail into the shipped database too (its audit_log was empty before), so an
 * auditor querying snapshot.sqlite sees who did what to this snapshot. The entries keep their workspace seq
 * and hashes; the chain that links them is in the trail file.
 */
export function addAuditTrail(file: string, trail: AuditTrail): void {
  const out = new Database(file);
  try {
    out.transaction(() => {
      const insert = out.prepare(
        `INSERT INTO audit_log (seq, at, actor, action, entity, details, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @entity, @details, @prev_hash, @hash)`,
      );
      for (const e of trail.entries) insert.run(e);
      const c = trail.checkpoint;
      out
        .prepare(
          `INSERT INTO audit_checkpoints (head_seq, head_hash, at, reason, signer_fingerprint, public_key_pem, signature)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.headSeq, c.headHash, c.at, c.reason, c.signerFingerprint, c.publicKeyPem, c.signature);
    })();
  } finally {
    out.close();
  }
}
