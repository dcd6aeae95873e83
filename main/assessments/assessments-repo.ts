// Assessments: what is assessed (frameworks, scope, period), by whom (people in roles) and from which
// snapshots. Name, scope, period and people can change while the work goes on (each change audited with the
// before and after); attached snapshots are only ever added.
import crypto from 'node:crypto';
import {
  AssessmentScope,
  FrameworkId,
  type Assessment,
  type AssessmentRole,
  type AssessmentSnapshot,
  type Person,
} from '../../shared/domain';
import { NotFoundError, RefusedError } from '../core/errors';
import type { Db } from '../store/db';
import { writeTransaction } from '../store/db';
import { auditAs } from './audit';
import type { AssessmentContext } from './context';
import { requirePerson } from './people';

/** An assessment as stored; its status is computed by assessment-status.ts (it needs sign-offs and digests). */
export type AssessmentRecord = Omit<Assessment, 'status'>;

export type AssessmentInput = {
  name: string;
  frameworks: FrameworkId[];
  scope?: Partial<AssessmentScope>;
  periodStart: string;
  periodEnd: string;
  people?: { person: string; role: AssessmentRole }[];
};

type Row = {
  id: string;
  name: string;
  frameworks: string;
  scope: string;
  period_start: string;
  period_end: string;
  created_at: string;
  created_by: string;
  updated_at: string;
};

/** A period bound: a date (2026-01-31) or a full ISO-8601 time; stored as given, compared as text. */
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function checkPeriod(start: string, end: string): void {
  for (const [what, v] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!DATE.test(v) || Number.isNaN(Date.parse(v)))
      throw new RefusedError(`The period ${what} "${v}" is not a date (YYYY-MM-DD or ISO-8601).`);
  }
  // A point-in-time assessment has start = end; an end before the start is a typo.
  if (Date.parse(end) < Date.parse(start))
    throw new RefusedError(`The period ends (${end}) before it starts (${start}).`);
}

function checkFrameworks(frameworks: readonly string[]): FrameworkId[] {
  if (frameworks.length === 0) throw new RefusedError('An assessment needs at least one framework.');
  const parsed = frameworks.map((f) => FrameworkId.parse(f));
  if (new Set(parsed).size !== parsed.length) throw new RefusedError('A framework is listed twice.');
  return parsed;
}

function resolvePeople(db: Db, people: { person: string; role: AssessmentRole }[]) {
  const resolved = people.map((p) => ({ person: requirePerson(db, p.person), role: p.role }));
  const keys = new Set<string>();
  for (const p of resolved) {
    const key = `${p.person.id}/${p.role}`;
    if (keys.has(key)) throw new RefusedError(`${p.person.name} is listed twice as ${p.role}.`);
    keys.add(key);
  }
  return resolved;
}

export function createAssessment(
  ctx: AssessmentContext,
  actor: Person,
  input: AssessmentInput,
): AssessmentRecord {
  const name = input.name.trim();
  if (!name) throw new RefusedError('An assessment needs a name.');
  const frameworks = checkFrameworks(input.frameworks);
  checkPeriod(input.periodStart, input.periodEnd);
  const scope = AssessmentScope.parse(input.scope ?? {});
  const people = resolvePeople(ctx.db, input.people ?? []);
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  writeTransaction(ctx.db, 'Creating an assessment', () => {
    ctx.db
      .prepare(
        `INSERT INTO assessments (id, name, frameworks, scope, period_start, period_end, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        name,
        JSON.stringify(frameworks),
        JSON.stringify(scope),
        input.periodStart,
        input.periodEnd,
        now,
        actor.id,
        now,
      );
    const add = ctx.db.prepare(
      'INSERT INTO assessment_people (assessment_id, person_id, role) VALUES (?, ?, ?)',
    );
    for (const p of people) add.run(id, p.person.id, p.role);
    auditAs(ctx, actor, 'assessment.create', `assessment:${id}`, {
      name,
      frameworks,
      scope,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      people: people.map((p) => ({ personId: p.person.id, role: p.role })),
    });
  });
  return getAssessmentRecord(ctx.db, id);
}

export function updateAssessment(
  ctx: AssessmentContext,
  actor: Person,
  id: string,
  patch: Partial<AssessmentInput>,
): AssessmentRecord {
  const before = getAssessmentRecord(ctx.db, id);
  const name = patch.name !== undefined ? patch.name.trim() : before.name;
  if (!name) throw new RefusedError('An assessment needs a name.');
  const frameworks = patch.frameworks ? checkFrameworks(patch.frameworks) : before.frameworks;
  const periodStart = patch.periodStart ?? before.periodStart;
  const periodEnd = patch.periodEnd ?? before.periodEnd;
  checkPeriod(periodStart, periodEnd);
  const scope = patch.scope ? AssessmentScope.parse({ ...before.scope, ...patch.scope }) : before.scope;
  const people = patch.people ? resolvePeople(ctx.db, patch.people) : null;
  writeTransaction(ctx.db, 'Updating an assessment', () => {
    ctx.db
      .prepare(
        'UPDATE assessments SET name = ?, frameworks = ?, scope = ?, period_start = ?, period_end = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        name,
        JSON.stringify(frameworks),
        JSON.stringify(scope),
        periodStart,
        periodEnd,
        new Date().toISOString(),
        id,
      );
    if (people) {
      ctx.db.prepare('DELETE FROM assessment_people WHERE assessment_id = ?').run(id);
      const add = ctx.db.prepare(
        'INSERT INTO assessment_people (assessment_id, person_id, role) VALUES (?, ?, ?)',
      );
      for (const p of people) add.run(id, p.person.id, p.role);
    }
    const after = { name, frameworks, scope, periodStart, periodEnd };
    const changed: Record<string, { before: unknown; after: unknown }> = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof after]))
        .map(([k, v]) => [k, { before: before[k as keyof typeof after], after: v }]),
    );
    if (people)
      changed.people = {
        before: before.people.map((p) => ({ personId: p.personId, role: p.role })),
        after: people.map((p) => ({ personId: p.person.id, role: p.role })),
      };
    auditAs(ctx, actor, 'assessment.update', `assessment:${id}`, { changed });
  });
  return getAssessmentRecord(ctx.db, id);
}

export function attachSnapshot(
  ctx: AssessmentContext,
  actor: Person,
  assessmentId: string,
  snapshotId: string,
): AssessmentRecord {
  getAssessmentRecord(ctx.db, assessmentId);
  const s = ctx.db.prepare('SELECT status, account FROM snapshots WHERE id = ?').get(snapshotId) as
    { status: string; account: string | null } | undefined;
  if (!s) throw new NotFoundError(`No snapshot ${snapshotId} in this workspace.`);
  if (s.status !== 'complete')
    throw new RefusedError(
      `Snapshot ${snapshotId} is ${s.status}; only a complete snapshot can be attached.`,
    );
  const evaluated = ctx.db
    .prepare('SELECT 1 FROM evaluations WHERE snapshot_id = ? AND sealed_at IS NOT NULL')
    .get(snapshotId);
  if (!evaluated) throw new RefusedError(`Snapshot ${snapshotId} has no sealed evaluation to conclude from.`);
  if (
    ctx.db
      .prepare('SELECT 1 FROM assessment_snapshots WHERE assessment_id = ? AND snapshot_id = ?')
      .get(assessmentId, snapshotId)
  )
    throw new RefusedError(`Snapshot ${snapshotId} is already attached to this assessment.`);
  writeTransaction(ctx.db, 'Attaching a snapshot', () => {
    ctx.db
      .prepare(
        'INSERT INTO assessment_snapshots (assessment_id, snapshot_id, attached_at, attached_by) VALUES (?, ?, ?, ?)',
      )
      .run(assessmentId, snapshotId, new Date().toISOString(), actor.id);
    auditAs(ctx, actor, 'assessment.attachSnapshot', `assessment:${assessmentId}`, {
      snapshotId,
      account: s.account,
    });
  });
  return getAssessmentRecord(ctx.db, assessmentId);
}

export function getAssessmentRecord(db: Db, id: string): AssessmentRecord {
  const row = db.prepare('SELECT * FROM assessments WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new NotFoundError(`No assessment ${id} in this workspace.`);
  return toRecord(db, row);
}

export function listAssessmentRecords(db: Db): AssessmentRecord[] {
  return (db.prepare('SELECT * FROM assessments ORDER BY created_at DESC').all() as Row[]).map((r) =>
    toRecord(db, r),
  );
}

function toRecord(db: Db, row: Row): AssessmentRecord {
  // Validated on the way out as on the way in: a hand-edited row fails loudly instead of steering conclusions.
  const scope = AssessmentScope.parse(JSON.parse(row.scope));
  const frameworks = (JSON.parse(row.frameworks) as unknown[]).map((f) => FrameworkId.parse(f));
  const people = db
    .prepare(
      `SELECT p.id AS personId, p.name, p.email, ap.role FROM assessment_people ap JOIN people p ON p.id = ap.person_id
       WHERE ap.assessment_id = ? ORDER BY CASE ap.role WHEN 'preparer' THEN 1 WHEN 'reviewer' THEN 2 ELSE 3 END, p.name`,
    )
    .all(row.id) as { personId: string; name: string; email: string; role: AssessmentRole }[];
  return {
    id: row.id,
    name: row.name,
    frameworks,
    scope,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    people,
    snapshots: attachedSnapshots(db, row.id, scope),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/**
 * The attached snapshots, each marked current or not: the latest (by start time) per account among those the
 * scope admits. Older ones stay listed (what was concluded from before), with a note saying why they are not used.
 */
export function attachedSnapshots(
  db: Db,
  assessmentId: string,
  scope: AssessmentScope,
): AssessmentSnapshot[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.account, s.connection, s.started_at, a.attached_at, a.attached_by
       FROM assessment_snapshots a JOIN snapshots s ON s.id = a.snapshot_id
       WHERE a.assessment_id = ? ORDER BY s.started_at DESC, s.id`,
    )
    .all(assessmentId) as {
    id: string;
    account: string | null;
    connection: string;
    started_at: string;
    attached_at: string;
    attached_by: string;
  }[];
  const seen = new Set<string>();
  return rows.map((r) => {
    let note: string | null = null;
    if (scope.accounts.length > 0 && (!r.account || !scope.accounts.includes(r.account)))
      note = `account ${r.account ?? '(unknown)'} is not in scope`;
    else if (scope.connections.length > 0 && !scope.connections.includes(r.connection))
      note = `connection ${r.connection} is not in scope`;
    else if (seen.has(r.account ?? ''))
      note = `a later snapshot of account ${r.account ?? '(unknown)'} is attached`;
    if (!note) seen.add(r.account ?? '');
    return {
      snapshotId: r.id,
      account: r.account,
      connection: r.connection,
      startedAt: r.started_at,
      attachedAt: r.attached_at,
      attachedBy: r.attached_by,
      current: note === null,
      note,
    };
  });
}
