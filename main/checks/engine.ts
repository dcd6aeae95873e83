// Runs the check catalog over one snapshot and stores the findings as one immutable evaluation.
import crypto from 'node:crypto';
import type { Finding, FindingStatus } from '../../shared/domain';
import type { Db } from '../store/db';
import { sealEvaluation } from '../store/evaluations-repo';
import { statementProblem } from './check-sql';
import { FINDING_ROW_SQL, findingFromRow, type FindingRow } from './finding-row';
import type { CheckDefinition } from './types';

const STATUSES = new Set<FindingStatus>(['pass', 'fail', 'error', 'n/a']);

export type CheckRow = { resource_uid: string; status: FindingStatus; reason: string; evidence: string };

export class CheckFailedError extends Error {}

/** Runs one check's SQL and validates its output shape (a custom check with a bad query fails loudly). */
export function runCheck(db: Db, check: CheckDefinition, snapshotId: string, asOf: string): CheckRow[] {
  let rows: Record<string, unknown>[];
  try {
    const stmt = db.prepare(check.sql);
    // Checked again at run time, not only when the file was loaded: this connection holds the evidence.
    const problem = statementProblem(stmt, check.sql);
    if (problem) throw new Error(`${problem}; it was not run`);
    rows = stmt.all({ snapshot_id: snapshotId, as_of: asOf }) as Record<string, unknown>[];
  } catch (err) {
    throw new CheckFailedError(`check ${check.id}: its SQL failed: ${(err as Error).message}`);
  }
  return rows.map((r) => {
    const status = r.status as FindingStatus;
    if (typeof r.resource_uid !== 'string' || !STATUSES.has(status) || typeof r.reason !== 'string') {
      throw new CheckFailedError(
        `check ${check.id}: each row needs resource_uid, status (pass|fail|error|n/a) and reason; got ${JSON.stringify(r)}`,
      );
    }
    const evidence = typeof r.evidence === 'string' ? r.evidence : JSON.stringify(r.evidence ?? {});
    return { resource_uid: r.resource_uid, status, reason: r.reason, evidence };
  });
}

/** One statement per check writes its findings: its rows never cross into JavaScript (see insertCheckFindings). */
type FindingsTarget = { evaluationId: string; snapshotId: string; asOf: string };

/**
 * The check's query wrapped as `INSERT INTO findings ... SELECT ... FROM (<check>)`. A row whose shape is
 * wrong gets a NULL status, which the NOT NULL column refuses, so the whole statement aborts (SQLite undoes a
 * failed statement's own rows) and runCheck then names the offending row. Evidence is normalised as runCheck
 * does: text as is, NULL as {}, anything else as its JSON form.
 */
function insertSelectSql(checkSql: string): string {
  // The check is one statement (statementProblem); its closing semicolon cannot sit inside a subquery.
  const body = checkSql.replace(/[\s;]+$/, '');
  return `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
SELECT @evaluation_id, @finding_snapshot_id, @check_id, c.resource_uid,
       CASE WHEN typeof(c.resource_uid) = 'text' AND typeof(c.reason) = 'text' AND typeof(c.status) = 'text'
                 AND c.status IN ('pass', 'fail', 'error', 'n/a') THEN c.status END,
       c.reason,
       CASE WHEN c.evidence IS NULL THEN '{}' WHEN typeof(c.evidence) = 'text' THEN c.evidence
            ELSE json_quote(c.evidence) END
FROM (
${body}
) AS c WHERE true
ON CONFLICT DO NOTHING`;
}

/** Runs one check and writes its findings with a set operation; throws CheckFailedError as runCheck does. */
function insertCheckFindings(db: Db, check: CheckDefinition, to: FindingsTarget): void {
  let insert: ReturnType<Db['prepare']>;
  try {
    const stmt = db.prepare(check.sql);
    // Checked again at run time, not only when the file was loaded: this connection holds the evidence.
    const problem = statementProblem(stmt, check.sql);
    if (problem) throw new Error(`${problem}; it was not run`);
    insert = db.prepare(insertSelectSql(check.sql));
  } catch (err) {
    // Either the check itself is refused (runCheck says why, in the same words) or its text cannot be
    // wrapped (e.g. a trailing comment after the semicolon): the row-by-row path handles both.
    insertRows(db, check, to, runCheck(db, check, to.snapshotId, to.asOf));
    if (err instanceof CheckFailedError) throw err;
    return;
  }
  try {
    insert.run({
      snapshot_id: to.snapshotId,
      as_of: to.asOf,
      evaluation_id: to.evaluationId,
      finding_snapshot_id: to.snapshotId,
      check_id: check.id,
    });
  } catch (err) {
    // Let the row-by-row path name the bad row; if every row is well formed, the write itself failed
    // (e.g. evidence that is not JSON) and that is the reason given.
    runCheck(db, check, to.snapshotId, to.asOf);
    throw new CheckFailedError(
      `check ${check.id}: its findings could not be stored: ${(err as Error).message}`,
    );
  }
}

function insertRows(db: Db, check: CheckDefinition, to: FindingsTarget, rows: readonly CheckRow[]): void {
  const ins = db.prepare(
    `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  for (const row of rows) {
    ins.run(to.evaluationId, to.snapshotId, check.id, row.resource_uid, row.status, row.reason, row.evidence);
  }
}

/**
 * A built-in check that fails is a defect and stops the evaluation. A custom check that fails must neither
 * stop the built-in ones nor vanish: it leaves one 'error' finding under its own id, so every control mapped
 * to it reads Incomplete rather than passing on the checks that happened to run.
 */
function evaluateCheckFailClosed(db: Db, check: CheckDefinition, to: FindingsTarget): void {
  if (check.origin === 'builtin') return insertCheckFindings(db, check, to);
  try {
    // A savepoint, so a custom check that fails half-way leaves none of its rows beside its error finding.
    db.transaction(() => insertCheckFindings(db, check, to))();
  } catch (err) {
    if (!(err instanceof CheckFailedError)) throw err;
    insertRows(db, check, to, [
      {
        resource_uid: `check:${check.id}`,
        status: 'error',
        reason: `The custom check ${check.id} (${check.file}) could not be run on this snapshot, so nothing it tests is known: ${err.message}`,
        evidence: JSON.stringify({
          check: check.id,
          file: check.file,
          sha256: check.sha256,
          error: err.message,
        }),
      },
    ]);
  }
}

/**
 * Evaluates every check over the snapshot and writes the findings. Idempotent per catalog version: an
 * existing evaluation is returned, never rewritten (findings are evidence).
 */
export function evaluateSnapshot(
  db: Db,
  snapshotId: string,
  checks: readonly CheckDefinition[],
  catalogVersion: string,
): string {
  const existing = db
    .prepare('SELECT id FROM evaluations WHERE snapshot_id = ? AND catalog_version = ?')
    .get(snapshotId, catalogVersion) as { id: string } | undefined;
  if (existing) return existing.id;
  const snap = db.prepare('SELECT started_at FROM snapshots WHERE id = ?').get(snapshotId) as
    { started_at: string } | undefined;
  if (!snap) throw new Error(`no snapshot ${snapshotId}`);
  const id = crypto.randomUUID();
  db.transaction(() => {
    db.prepare(
      'INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at) VALUES (?, ?, ?, ?)',
    ).run(id, snapshotId, catalogVersion, new Date().toISOString());
    const to = { evaluationId: id, snapshotId, asOf: snap.started_at };
    for (const check of checks) evaluateCheckFailClosed(db, check, to);
    sealEvaluation(db, id);
  })();
  return id;
}

/** Findings of the snapshot's latest evaluation, joined with check metadata and the resource. */
export function listFindings(
  db: Db,
  snapshotId: string,
  checks: readonly CheckDefinition[],
  evaluationId?: string,
): Finding[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  // An export names its evaluation; the UI shows the latest sealed one.
  const evaluation = (
    evaluationId
      ? db
          .prepare('SELECT id FROM evaluations WHERE snapshot_id = ? AND id = ?')
          .get(snapshotId, evaluationId)
      : db
          .prepare(
            'SELECT id FROM evaluations WHERE snapshot_id = ? AND sealed_at IS NOT NULL ORDER BY evaluated_at DESC LIMIT 1',
          )
          .get(snapshotId)
  ) as { id: string } | undefined;
  if (!evaluation) return [];
  const rows = db
    .prepare(`SELECT ${FINDING_ROW_SQL} WHERE f.evaluation_id = ? ORDER BY f.check_id, f.resource_uid`)
    .all(evaluation.id) as FindingRow[];
  return rows.map((r) => findingFromRow(r, byId.get(r.check_id)));
}
