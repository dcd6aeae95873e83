// Append-only, hash-chained audit log. Each entry's hash covers its own fields and the previous entry's
// hash, so removing, reordering or editing any entry breaks every hash after it. Triggers in the schema
// forbid UPDATE/DELETE; verifyAuditLog catches what a trigger cannot (a file edited outside the app).
import type { Db } from '../store/db';
import type { AuditVerifyResult } from '../../shared/domain';
import { redact } from '../collect/redact';
import { sha256Json } from '../util/hash';
import { checkpointSignatureProblem, listCheckpoints } from './audit-checkpoints';

export type AuditEntryInput = {
  actor: string;
  action: string;
  entity: string;
  details?: Record<string, unknown>;
};
export type AuditRow = {
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

export function entryHash(row: Omit<AuditRow, 'hash'>): string {
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
        // Details often carry error messages from outside (an SDK error can echo a request): the same
        // redaction as collected evidence, so the log never becomes the place a secret survives.
        details: JSON.stringify(redact(entry.details ?? {})),
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

/**
 * Walks the whole chain, then holds it against every signed checkpoint: a chain recomputed after an edit no
 * longer reaches a signed head hash, and a cut one no longer reaches a signed head seq. `trusted` (hex
 * fingerprints) limits whose checkpoint signatures count; absent = any valid signature.
 */
export function verifyAuditLog(db: Db, opts: { trusted?: ReadonlySet<string> } = {}): AuditVerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  const hashes = new Map<number, string>();
  const checkpoints = listCheckpoints(db);
  const covered = new Set(checkpoints.map((c) => c.headSeq));
  const base = { checkpoints: checkpoints.length, latestCheckpoint: null, uncovered: 0 };
  for (const row of db
    .prepare('SELECT * FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<AuditRow>) {
    const bad = (problem: string): AuditVerifyResult => ({
      ...base,
      ok: false,
      entries,
      firstBadSeq: row.seq,
      problem,
    });
    if (row.seq !== expectedSeq) return bad(`entry ${expectedSeq} is missing`);
    if (row.prev_hash !== prev) return bad(`entry ${row.seq} does not follow entry ${row.seq - 1}`);
    if (entryHash(row) !== row.hash) return bad(`entry ${row.seq} was altered after it was written`);
    if (covered.has(row.seq)) hashes.set(row.seq, row.hash);
    prev = row.hash;
    expectedSeq++;
    entries++;
  }
  let latest: AuditVerifyResult['latestCheckpoint'] = null;
  for (const c of checkpoints) {
    const fail = (problem: string): AuditVerifyResult => ({
      ...base,
      ok: false,
      entries,
      firstBadSeq: c.headSeq,
      problem,
    });
    const sigProblem = checkpointSignatureProblem(c);
    if (sigProblem) return fail(`the checkpoint of ${c.at} cannot be trusted: ${sigProblem}`);
    if (opts.trusted && !opts.trusted.has(c.signerFingerprint.replace(/\s/g, '')))
      return fail(`the checkpoint of ${c.at} is signed by ${c.signerFingerprint}, not by a trusted key`);
    if (c.headSeq > entries)
      return fail(
        `the log ends at entry ${entries}, but the checkpoint signed at ${c.at} covers entry ${c.headSeq}: ` +
          'entries were removed from its end',
      );
    if (hashes.get(c.headSeq) !== c.headHash)
      return fail(
        `entry ${c.headSeq} is not the one signed in the checkpoint of ${c.at}: the chain was rewritten`,
      );
    if (!latest || c.headSeq >= latest.seq) latest = { seq: c.headSeq, at: c.at };
  }
  return {
    ok: true,
    entries,
    firstBadSeq: null,
    problem: null,
    checkpoints: checkpoints.length,
    latestCheckpoint: latest,
    uncovered: entries - (latest?.seq ?? 0),
  };
}

export function listAudit(db: Db, limit = 500): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as AuditRow[];
}
