// Append-only, hash-chained audit log. Each entry's hash covers its own fields and the previous entry's
// hash, so removing, reordering or editing any entry breaks every hash after it. Triggers in the schema
// forbid UPDATE/DELETE; verifyAuditLog catches what a trigger cannot (a file edited outside the app).
import type { Db } from '../store/db';
import type { AuditVerifyResult } from '../../shared/domain';
import { sha256Json } from '../util/hash';

export type AuditEntryInput = {
  actor: string;
  action: string;
  entity: string;
  details?: Record<string, unknown>;
};
type AuditRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  details: string;
  prev_hash: string;
  hash: string;
};

export const GENESIS_HASH = '0'.repeat(64);

function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256Json({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    details: JSON.parse(row.details) as unknown,
    prev_hash: row.prev_hash,
  });
}

export function appendAudit(db: Db, entry: AuditEntryInput, at = new Date().toISOString()): number {
  return db
    .transaction(() => {
      const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined;
      const row = {
        seq: (last?.seq ?? 0) + 1,
        at,
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        details: JSON.stringify(entry.details ?? {}),
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      db.prepare(
        `INSERT INTO audit_log (seq, at, actor, action, entity, details, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @entity, @details, @prev_hash, @hash)`,
      ).run({ ...row, hash: entryHash(row) });
      return row.seq;
    })
    .immediate();
}

export function verifyAuditLog(db: Db): AuditVerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (const row of db
    .prepare('SELECT * FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<AuditRow>) {
    const bad = (problem: string): AuditVerifyResult => ({
      ok: false,
      entries,
      firstBadSeq: row.seq,
      problem,
    });
    if (row.seq !== expectedSeq) return bad(`entry ${expectedSeq} is missing`);
    if (row.prev_hash !== prev) return bad(`entry ${row.seq} does not follow entry ${row.seq - 1}`);
    if (entryHash(row) !== row.hash) return bad(`entry ${row.seq} was altered after it was written`);
    prev = row.hash;
    expectedSeq++;
    entries++;
  }
  return { ok: true, entries, firstBadSeq: null, problem: null };
}

export function listAudit(db: Db, limit = 500): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as AuditRow[];
}
