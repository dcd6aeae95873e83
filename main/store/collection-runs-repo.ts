// Collection runs (migration 0006): one whole-organisation run groups the snapshots of the accounts it
// collected and records the accounts it could not reach. Each account snapshot is an ordinary snapshot
// (sealed, hashed and exported on its own); the run is the index over them, written while it is 'running'
// and frozen by triggers once it ends.
import type { CollectionRunSummary, SnapshotStatus } from '../../shared/domain';
import type { Db } from './db';

type RunRow = {
  id: string;
  connection: string;
  kind: 'organization';
  role_name: string;
  management_account: string | null;
  organization_id: string | null;
  started_at: string;
  finished_at: string | null;
  status: SnapshotStatus;
  message: string | null;
};

export function createRun(
  db: Db,
  r: { id: string; connection: string; roleName: string; startedAt: string },
): void {
  db.prepare(
    `INSERT INTO collection_runs (id, connection, kind, role_name, started_at, status)
     VALUES (?, ?, 'organization', ?, ?, 'running')`,
  ).run(r.id, r.connection, r.roleName, r.startedAt);
}

/** What the organisation listing said: who ran the run and which organisation it covered. */
export function setRunOrganization(
  db: Db,
  runId: string,
  o: { managementAccount: string; organizationId: string | null },
): void {
  db.prepare(
    `UPDATE collection_runs SET management_account = ?, organization_id = ? WHERE id = ? AND status = 'running'`,
  ).run(o.managementAccount, o.organizationId, runId);
}

export function addRunSnapshot(
  db: Db,
  l: { runId: string; snapshotId: string; accountId: string; accountName: string | null },
): void {
  db.prepare(
    `INSERT INTO collection_run_snapshots (run_id, snapshot_id, account_id, account_name) VALUES (?, ?, ?, ?)`,
  ).run(l.runId, l.snapshotId, l.accountId, l.accountName);
}

export function addRunGap(
  db: Db,
  g: { runId: string; accountId: string; accountName: string | null; code: string; message: string },
): void {
  db.prepare(
    `INSERT INTO collection_run_gaps (run_id, seq, account_id, account_name, code, message)
     VALUES (@runId, (SELECT coalesce(max(seq), 0) + 1 FROM collection_run_gaps WHERE run_id = @runId),
             @accountId, @accountName, @code, @message)`,
  ).run(g);
}

/** Ends a running run; a run that already ended keeps its outcome (returns false). */
export function endRun(
  db: Db,
  runId: string,
  status: 'complete' | 'failed' | 'cancelled',
  message: string,
): boolean {
  return (
    db
      .prepare(
        `UPDATE collection_runs SET status = ?, message = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
      )
      .run(status, message, new Date().toISOString(), runId).changes === 1
  );
}

/** The run a snapshot belongs to, if any. */
export function runOfSnapshot(db: Db, snapshotId: string): string | null {
  const row = db
    .prepare('SELECT run_id FROM collection_run_snapshots WHERE snapshot_id = ?')
    .get(snapshotId) as { run_id: string } | undefined;
  return row?.run_id ?? null;
}

/** Snapshots of the run still 'running' (a run whose worker died must not leave them so). */
export function runningSnapshotsOfRun(db: Db, runId: string): string[] {
  return (
    db
      .prepare(
        `SELECT l.snapshot_id FROM collection_run_snapshots l JOIN snapshots s ON s.id = l.snapshot_id
         WHERE l.run_id = ? AND s.status = 'running'`,
      )
      .all(runId) as { snapshot_id: string }[]
  ).map((r) => r.snapshot_id);
}

function toSummary(db: Db, r: RunRow): CollectionRunSummary {
  const accounts = db
    .prepare(
      `SELECT l.snapshot_id AS snapshotId, l.account_id AS accountId, l.account_name AS accountName,
              s.status AS status
       FROM collection_run_snapshots l JOIN snapshots s ON s.id = l.snapshot_id
       WHERE l.run_id = ? ORDER BY l.account_id`,
    )
    .all(r.id) as CollectionRunSummary['accounts'];
  const gaps = db
    .prepare(
      `SELECT account_id AS accountId, account_name AS accountName, code, message
       FROM collection_run_gaps WHERE run_id = ? ORDER BY seq`,
    )
    .all(r.id) as CollectionRunSummary['gaps'];
  return {
    id: r.id,
    connection: r.connection,
    kind: r.kind,
    roleName: r.role_name,
    managementAccount: r.management_account,
    organizationId: r.organization_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    message: r.message,
    accounts,
    gaps,
  };
}

export function getRun(db: Db, runId: string): CollectionRunSummary | null {
  const row = db.prepare('SELECT * FROM collection_runs WHERE id = ?').get(runId) as RunRow | undefined;
  return row ? toSummary(db, row) : null;
}

export function listRuns(db: Db): CollectionRunSummary[] {
  return (db.prepare('SELECT * FROM collection_runs ORDER BY started_at DESC').all() as RunRow[]).map((r) =>
    toSummary(db, r),
  );
}

/** Snapshot id -> the run it belongs to and the account's name in the organisation (for the snapshot list). */
export function runLinks(db: Db): Map<string, { runId: string; accountName: string | null }> {
  const rows = db.prepare('SELECT snapshot_id, run_id, account_name FROM collection_run_snapshots').all() as {
    snapshot_id: string;
    run_id: string;
    account_name: string | null;
  }[];
  return new Map(rows.map((r) => [r.snapshot_id, { runId: r.run_id, accountName: r.account_name }]));
}

/**
 * Runs left 'running' by a process that died can never finish: end them, and their account snapshots still
 * 'running', as failed. `abandonedBecause` answers null for a run whose owner may still finish it
 * (main/store/run-lock.ts), else why it never will.
 */
export function failAbandonedCollectionRuns(
  db: Db,
  abandonedBecause: (runId: string) => string | null,
): string[] {
  const running = (
    db.prepare(`SELECT id FROM collection_runs WHERE status = 'running'`).all() as { id: string }[]
  ).map((r) => r.id);
  const failed: string[] = [];
  for (const id of running) {
    const reason = abandonedBecause(id);
    if (reason === null) continue;
    db.transaction(() => {
      const message = `Evidence Desk stopped before this organisation run finished: ${reason}`;
      for (const s of runningSnapshotsOfRun(db, id)) {
        db.prepare(
          `UPDATE snapshots SET status = 'failed', failure_reason = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
        ).run(message, new Date().toISOString(), s);
      }
      endRun(db, id, 'failed', message);
    })();
    failed.push(id);
  }
  return failed;
}
