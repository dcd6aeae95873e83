// The assessment package's snapshot.sqlite: every current snapshot in scope with the sealed evaluation the
// assessment concluded on (rows, findings), plus the assessment's own records, in the app's schema, so an
// auditor can re-run any shipped check, recompute every hash, and re-derive every conclusion and sign-off
// digest from the file alone. People are shipped with their PUBLIC keys only (the schema has no other
// column); the workspace's other snapshots, assessments and clients never leave it.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { AuditTrail } from '../evidence/audit-trail';
import type { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { computeSchemaHash } from '../store/content-hash';
import type { AssessmentPackageModel } from './assessment-model';
import {
  SOURCE_SCHEMA,
  SnapshotCopyError,
  attachSource,
  checkCopiedSnapshot,
  copyRows,
  type SnapshotRecord,
} from './snapshot-db';

export type ShippedHashes = {
  snapshots: Map<string, { contentSha256: string; findingsSha256: string }>;
  schemaSha256: string;
};

export function writeAssessmentDatabase(
  source: Db,
  model: AssessmentPackageModel,
  file: string,
): ShippedHashes {
  if (fs.existsSync(file)) throw new SnapshotCopyError(`${file} already exists; it will not be overwritten.`);
  const out = new Database(file);
  try {
    out.pragma('journal_mode = DELETE');
    out.pragma('foreign_keys = ON');
    migrate(out);
    const attached = attachSource(out, source);
    const snapshots = new Map<string, { contentSha256: string; findingsSha256: string }>();
    try {
      for (const s of model.snapshots) {
        const snap = source.prepare('SELECT * FROM snapshots WHERE id = ?').get(s.id) as SnapshotRecord;
        out.transaction(() => copyRows(source, out, snap, s.evaluation.id, attached))();
        snapshots.set(s.id, checkCopiedSnapshot(source, out, snap, s.evaluation.id));
      }
    } finally {
      if (attached) out.exec(`DETACH DATABASE ${SOURCE_SCHEMA}`);
    }
    out.transaction(() => copyAssessmentRecords(source, out, model))();
    out.exec('ANALYZE');
    return { snapshots, schemaSha256: computeSchemaHash(out) };
  } catch (err) {
    out.close();
    fs.rmSync(file, { force: true });
    throw err;
  } finally {
    if (out.open) out.close();
  }
}

/** Copies rows of `table` chosen by `where` (bound to each of `keys`), column for column. */
function copyWhere(
  source: Db,
  out: Database.Database,
  table: string,
  where: string,
  keys: readonly unknown[][],
): number {
  let n = 0;
  const read = source.prepare(`SELECT * FROM ${table} WHERE ${where}`);
  for (const key of keys) {
    for (const row of read.iterate(...key) as IterableIterator<Record<string, unknown>>) {
      const cols = Object.keys(row);
      out
        .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)
        .run(row);
      n++;
    }
  }
  return n;
}

function copyAssessmentRecords(source: Db, out: Database.Database, model: AssessmentPackageModel): void {
  const id = model.assessment.id;
  // People first: every other record names them (foreign keys). The table holds public keys only.
  copyWhere(
    source,
    out,
    'people',
    'id = ?',
    model.people.map((p) => [p.id]),
  );
  copyWhere(source, out, 'assessments', 'id = ?', [[id]]);
  copyWhere(source, out, 'assessment_people', 'assessment_id = ?', [[id]]);
  copyWhere(
    source,
    out,
    'assessment_snapshots',
    'assessment_id = ? AND snapshot_id = ?',
    model.snapshots.map((s) => [id, s.id]),
  );
  const versions = model.exceptions.map((e) => [e.id, e.version]);
  copyWhere(source, out, 'exception_versions', 'id = ? AND version = ?', versions);
  // Events in their original order (seq): status is read from the latest one.
  const insertEvent = out.prepare(
    'INSERT INTO exception_events (seq, id, version, event, actor, at, note) VALUES (@seq, @id, @version, @event, @actor, @at, @note)',
  );
  const eventsOf = source.prepare('SELECT * FROM exception_events WHERE id = ? AND version = ? ORDER BY seq');
  const allEvents = versions
    .flatMap((k) => eventsOf.all(...k) as { seq: number }[])
    .sort((a, b) => a.seq - b.seq);
  for (const e of allEvents) insertEvent.run(e);
  copyWhere(source, out, 'attachments', 'assessment_id = ?', [[id]]);
  copyWhere(source, out, 'signoffs', 'assessment_id = ?', [[id]]);
}

/** Puts every shipped audit trail's entries, and their one checkpoint, into the shipped database. */
export function addAuditTrails(file: string, trails: readonly AuditTrail[]): void {
  const out = new Database(file);
  try {
    out.transaction(() => {
      const insert = out.prepare(
        `INSERT OR IGNORE INTO audit_log (seq, at, actor, action, entity, details, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @entity, @details, @prev_hash, @hash)`,
      );
      for (const t of trails) for (const e of t.entries) insert.run(e);
      const c = trails[0]?.checkpoint;
      if (c)
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
