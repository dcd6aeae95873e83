// Exceptions (risk acceptances; with a compensating control, what PCI calls a CCW). Rules an auditor tests:
// a justification of substance, a required expiry no longer than the severity allows (setting
// exceptionMaxDays), the requester never decides, every decision dated and attributed, nothing rewritten.
// Status is computed when read: an approved version past its expiry is 'expired' by itself, no job needed.
// A renewal is a new pending version of the same exception; the approved one stays in force until it expires.
import crypto from 'node:crypto';
import {
  ExceptionScope,
  type ExceptionEvent,
  type ExceptionRecord,
  type ExceptionStatus,
  type Person,
  type Severity,
} from '../../shared/domain';
import { NotFoundError, RefusedError } from '../core/errors';
import type { Db } from '../store/db';
import { writeTransaction } from '../store/db';
import { getSetting } from '../store/settings-repo';
import { auditAs } from './audit';
import type { AssessmentContext } from './context';
import { requirePerson } from './people';

export const MIN_JUSTIFICATION = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The check facts an exception needs: its id and severity (the catalog in force). */
export type CheckSeverity = { id: string; severity: Severity };

type VersionRow = {
  id: string;
  version: number;
  check_id: string;
  severity: Severity;
  scope: string;
  justification: string;
  compensating_control: string | null;
  risk_owner: string;
  requested_by: string;
  requested_at: string;
  expires_at: string;
};
type EventRow = {
  id: string;
  version: number;
  event: ExceptionEvent['event'];
  actor: string;
  actor_name: string;
  at: string;
  note: string | null;
};

export type ExceptionRequest = {
  checkId: string;
  scope: ExceptionScope;
  justification: string;
  compensatingControl?: string | null;
  riskOwner: string;
  expiresAt: string;
  /** false: keep it as a draft (exceptions.submit sends it for approval later). */
  submit?: boolean;
};

function parseTime(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value))
    throw new RefusedError(`The ${what} "${value}" is not an ISO-8601 date.`);
  return ms;
}

/** Refuses an expiry in the past or further away than the severity allows, counted from `fromMs`. */
function checkExpiry(db: Db, severity: Severity, expiresAt: string, fromMs: number): void {
  const expiresMs = parseTime(expiresAt, 'expiry');
  if (expiresMs <= fromMs) throw new RefusedError(`The expiry ${expiresAt} is not in the future.`);
  const maxDays = getSetting(db, 'exceptionMaxDays')[severity];
  if (expiresMs - fromMs > maxDays * DAY_MS)
    throw new RefusedError(
      `An exception for a ${severity} check may run at most ${maxDays} days (setting exceptionMaxDays); ` +
        `${expiresAt} is ${Math.ceil((expiresMs - fromMs) / DAY_MS)} days away.`,
    );
}

function checkJustification(text: string): string {
  const t = text.trim();
  if (t.length < MIN_JUSTIFICATION)
    throw new RefusedError(
      `A justification needs at least ${MIN_JUSTIFICATION} characters saying why the risk is accepted (got ${t.length}).`,
    );
  return t;
}

export function requestException(
  ctx: AssessmentContext,
  actor: Person,
  input: ExceptionRequest,
  checks: readonly CheckSeverity[],
  /** When the request is made; only the demo seed (demo-seed.ts) passes a past time, to show an expired one. */
  now: Date = new Date(),
): ExceptionRecord {
  const check = checks.find((c) => c.id === input.checkId);
  if (!check) throw new NotFoundError(`No check ${input.checkId} in this workspace's catalog.`);
  const scope = ExceptionScope.parse(input.scope);
  const justification = checkJustification(input.justification);
  const riskOwner = requirePerson(ctx.db, input.riskOwner);
  checkExpiry(ctx.db, check.severity, input.expiresAt, now.getTime());
  const id = crypto.randomUUID();
  const at = now.toISOString();
  writeTransaction(ctx.db, 'Requesting an exception', () => {
    insertVersion(ctx.db, {
      id,
      version: 1,
      check_id: check.id,
      severity: check.severity,
      scope: JSON.stringify(scope),
      justification,
      compensating_control: input.compensatingControl?.trim() || null,
      risk_owner: riskOwner.id,
      requested_by: actor.id,
      requested_at: at,
      expires_at: input.expiresAt,
    });
    addEvent(ctx.db, id, 1, 'drafted', actor.id, at, null);
    if (input.submit !== false) addEvent(ctx.db, id, 1, 'submitted', actor.id, at, null);
    auditAs(ctx, actor, 'exception.request', `exception:${id}`, {
      version: 1,
      checkId: check.id,
      severity: check.severity,
      scope,
      riskOwner: riskOwner.id,
      expiresAt: input.expiresAt,
      compensating: !!input.compensatingControl?.trim(),
      submitted: input.submit !== false,
    });
  });
  return getException(ctx.db, id);
}

export function submitException(ctx: AssessmentContext, actor: Person, id: string): ExceptionRecord {
  const latest = getException(ctx.db, id);
  if (latest.status !== 'draft') throw new RefusedError(`Exception ${id} is ${latest.status}, not a draft.`);
  if (latest.requestedBy !== actor.id)
    throw new RefusedError('Only the requester submits their draft exception for approval.');
  const at = new Date().toISOString();
  writeTransaction(ctx.db, 'Submitting an exception', () => {
    addEvent(ctx.db, id, latest.version, 'submitted', actor.id, at, null);
    auditAs(ctx, actor, 'exception.submit', `exception:${id}`, { version: latest.version });
  });
  return getException(ctx.db, id);
}

export function decideException(
  ctx: AssessmentContext,
  actor: Person,
  id: string,
  decision: 'approved' | 'rejected',
  note?: string,
  /** When the decision is made; only the demo seed passes a past time. */
  now: Date = new Date(),
): ExceptionRecord {
  const pending = getException(ctx.db, id);
  if (pending.status !== 'pending')
    throw new RefusedError(
      `Exception ${id} version ${pending.version} is ${pending.status}; only a pending one is decided.`,
    );
  // Segregation of duties: the trigger in 0009 refuses it too, this says it in words.
  if (pending.requestedBy === actor.id)
    throw new RefusedError(
      `${actor.name} requested exception ${id} and cannot ${decision === 'approved' ? 'approve' : 'reject'} it.`,
    );
  if (decision === 'rejected' && !note?.trim())
    throw new RefusedError('A rejection needs a note saying why.');
  // The maximum applies when the risk is accepted: approving late must not stretch it.
  if (decision === 'approved') checkExpiry(ctx.db, pending.severity, pending.expiresAt, now.getTime());
  writeTransaction(ctx.db, 'Deciding an exception', () => {
    addEvent(ctx.db, id, pending.version, decision, actor.id, now.toISOString(), note?.trim() || null);
    auditAs(ctx, actor, `exception.${decision === 'approved' ? 'approve' : 'reject'}`, `exception:${id}`, {
      version: pending.version,
      checkId: pending.checkId,
      expiresAt: pending.expiresAt,
      note: note?.trim() || null,
    });
  });
  return getException(ctx.db, id);
}

/** Withdraws the acceptance now: every approved, unexpired version of the exception stops covering. */
export function revokeException(
  ctx: AssessmentContext,
  actor: Person,
  id: string,
  note: string,
): ExceptionRecord {
  if (!note.trim()) throw new RefusedError('A revocation needs a note saying why.');
  const inForce = listExceptions(ctx.db, { id }).filter(
    (v) => v.status === 'approved' || v.status === 'pending',
  );
  if (inForce.length === 0)
    throw new RefusedError(`Exception ${id} has no approved or pending version to revoke.`);
  const at = new Date().toISOString();
  writeTransaction(ctx.db, 'Revoking an exception', () => {
    for (const v of inForce) addEvent(ctx.db, id, v.version, 'revoked', actor.id, at, note.trim());
    auditAs(ctx, actor, 'exception.revoke', `exception:${id}`, {
      versions: inForce.map((v) => v.version),
      note: note.trim(),
    });
  });
  return getException(ctx.db, id);
}

/** A new pending version with a new expiry (and optionally new wording); history and the old approval stay. */
export function renewException(
  ctx: AssessmentContext,
  actor: Person,
  id: string,
  input: { expiresAt: string; justification?: string; compensatingControl?: string | null },
): ExceptionRecord {
  const latest = getException(ctx.db, id);
  if (latest.status === 'pending' || latest.status === 'draft')
    throw new RefusedError(
      `Exception ${id} version ${latest.version} is still ${latest.status}; decide it first.`,
    );
  if (latest.status === 'revoked') throw new RefusedError(`Exception ${id} was revoked; request a new one.`);
  const justification = checkJustification(input.justification ?? latest.justification);
  const now = new Date();
  checkExpiry(ctx.db, latest.severity, input.expiresAt, now.getTime());
  const version = latest.version + 1;
  const at = now.toISOString();
  writeTransaction(ctx.db, 'Renewing an exception', () => {
    insertVersion(ctx.db, {
      id,
      version,
      check_id: latest.checkId,
      severity: latest.severity,
      scope: JSON.stringify(latest.scope),
      justification,
      compensating_control:
        input.compensatingControl === undefined
          ? latest.compensatingControl
          : input.compensatingControl?.trim() || null,
      risk_owner: latest.riskOwner,
      requested_by: actor.id,
      requested_at: at,
      expires_at: input.expiresAt,
    });
    addEvent(ctx.db, id, version, 'drafted', actor.id, at, null);
    addEvent(ctx.db, id, version, 'submitted', actor.id, at, null);
    auditAs(ctx, actor, 'exception.renew', `exception:${id}`, { version, expiresAt: input.expiresAt });
  });
  return getException(ctx.db, id);
}

/** The status of one version at `asOfMs`: the latest event decides, and an approval lapses at its expiry. */
export function versionStatus(
  events: readonly { event: ExceptionEvent['event'] }[],
  expiresAt: string,
  asOfMs: number,
): ExceptionStatus {
  const last = events.at(-1)?.event ?? 'drafted';
  switch (last) {
    case 'drafted':
      return 'draft';
    case 'submitted':
      return 'pending';
    case 'rejected':
      return 'rejected';
    case 'revoked':
      return 'revoked';
    case 'approved':
      return Date.parse(expiresAt) > asOfMs ? 'approved' : 'expired';
  }
}

/** The newest version of an exception. */
export function getException(db: Db, id: string, asOf?: string): ExceptionRecord {
  const all = listExceptions(db, { id, asOf });
  const latest = all.find((v) => v.latest);
  if (!latest) throw new NotFoundError(`No exception ${id} in this workspace.`);
  return latest;
}

/** Every version (newest first per exception), with status computed at `asOf` (default now). */
export function listExceptions(
  db: Db,
  filter: { id?: string; checkId?: string; status?: ExceptionStatus; asOf?: string } = {},
): ExceptionRecord[] {
  const asOfMs = Date.parse(filter.asOf ?? new Date().toISOString());
  const versions = db
    .prepare(
      `SELECT * FROM exception_versions WHERE (@id IS NULL OR id = @id) AND (@checkId IS NULL OR check_id = @checkId)
       ORDER BY requested_at DESC, id, version DESC`,
    )
    .all({ id: filter.id ?? null, checkId: filter.checkId ?? null }) as VersionRow[];
  const events = db
    .prepare(
      `SELECT e.id, e.version, e.event, e.actor, p.name AS actor_name, e.at, e.note FROM exception_events e
       JOIN people p ON p.id = e.actor WHERE (@id IS NULL OR e.id = @id) ORDER BY e.seq`,
    )
    .all({ id: filter.id ?? null }) as EventRow[];
  const eventsOf = new Map<string, EventRow[]>();
  for (const e of events) {
    const key = `${e.id}#${e.version}`;
    eventsOf.set(key, [...(eventsOf.get(key) ?? []), e]);
  }
  const newest = new Map<string, number>();
  for (const v of versions) newest.set(v.id, Math.max(newest.get(v.id) ?? 0, v.version));
  return versions
    .map((v): ExceptionRecord => {
      const evs = eventsOf.get(`${v.id}#${v.version}`) ?? [];
      const decision = [...evs].reverse().find((e) => e.event === 'approved' || e.event === 'rejected');
      return {
        id: v.id,
        version: v.version,
        latest: newest.get(v.id) === v.version,
        checkId: v.check_id,
        severity: v.severity,
        scope: ExceptionScope.parse(JSON.parse(v.scope)),
        justification: v.justification,
        compensatingControl: v.compensating_control,
        riskOwner: v.risk_owner,
        requestedBy: v.requested_by,
        requestedAt: v.requested_at,
        expiresAt: v.expires_at,
        status: versionStatus(evs, v.expires_at, asOfMs),
        decidedBy: decision?.actor ?? null,
        decidedAt: decision?.at ?? null,
        events: evs.map((e) => ({
          event: e.event,
          actor: e.actor,
          actorName: e.actor_name,
          at: e.at,
          note: e.note,
        })),
      };
    })
    .filter((v) => !filter.status || v.status === filter.status);
}

/** What an exception is matched against: one failing finding of one snapshot. */
export type FindingKey = {
  account: string | null;
  checkId: string;
  resourceUid: string;
  tags: Record<string, string>;
};

/** Whether this version's scope names the finding (the status is judged by the caller). */
export function scopeCovers(e: Pick<ExceptionRecord, 'checkId' | 'scope'>, f: FindingKey): boolean {
  if (e.checkId !== f.checkId) return false;
  const s = e.scope;
  switch (s.kind) {
    case 'finding':
      return s.account === f.account && s.resourceUid === f.resourceUid;
    case 'check-account':
      return s.account === f.account;
    case 'resources':
      if (s.account !== undefined && s.account !== f.account) return false;
      if (s.resourceUids) return s.resourceUids.includes(f.resourceUid);
      // A tag scope is judged on the tags the snapshot recorded for the resource, not on today's tags.
      return !!s.tag && Object.hasOwn(f.tags, s.tag.key) && f.tags[s.tag.key] === s.tag.value;
  }
}

function insertVersion(db: Db, row: VersionRow): void {
  db.prepare(
    `INSERT INTO exception_versions (id, version, check_id, severity, scope, justification, compensating_control,
       risk_owner, requested_by, requested_at, expires_at)
     VALUES (@id, @version, @check_id, @severity, @scope, @justification, @compensating_control, @risk_owner,
       @requested_by, @requested_at, @expires_at)`,
  ).run(row);
}

function addEvent(
  db: Db,
  id: string,
  version: number,
  event: ExceptionEvent['event'],
  actor: string,
  at: string,
  note: string | null,
): void {
  db.prepare(
    'INSERT INTO exception_events (id, version, event, actor, at, note) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, version, event, actor, at, note);
}
