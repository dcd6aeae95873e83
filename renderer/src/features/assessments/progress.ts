// What the assessment home counts and suggests, from the controls, their sign-offs and the exceptions. Pure
// (no React, no API): the numbers an analyst plans the day by are unit-tested (test/unit/assessments-ui-progress).
import type {
  Assessment,
  AssessmentControl,
  AssessmentRole,
  ControlStatus,
  ExceptionRecord,
  SignOff,
} from '../../../../shared/domain';
import { formatCount } from '../../lib/format';
import { daysUntil } from './assessment-text';

export const ROLE_ORDER: AssessmentRole[] = ['preparer', 'reviewer', 'approver'];

/** A sign-off that still counts: its signature verifies and the evidence it signed has not changed. */
export function holds(s: SignOff): boolean {
  return s.signatureValid && !s.stale;
}

/** The role that signs next over the current evidence, or null when every assigned role has signed. */
export function nextRole(assessment: Assessment, signoffs: SignOff[]): AssessmentRole | null {
  const assigned = ROLE_ORDER.filter((r) => assessment.people.some((p) => p.role === r));
  return assigned.find((r) => !signoffs.some((s) => holds(s) && s.role === r)) ?? null;
}

export const EXPIRY_WARNING_DAYS = 30;

export type Progress = {
  controls: number;
  signed: number;
  awaitingEvidence: number;
  deficient: number;
  incomplete: number;
  expiringSoon: number;
  staleSignoffs: number;
  readyForActor: number;
  pendingExceptions: number;
};

/** The numbers on the home page and the next actions, from the controls and the exceptions. */
export function progressOf(
  assessment: Assessment,
  controls: AssessmentControl[],
  exceptions: ExceptionRecord[],
  actorId: string | null,
  now = Date.now(),
): Progress {
  const checkIds = new Set(controls.flatMap((c) => c.checkIds));
  const inForce = new Map(
    controls.flatMap((c) => c.exceptionsInForce.map((e) => [e.id, e.expiresAt] as const)),
  );
  const actorRoles = assessment.people.filter((p) => p.personId === actorId).map((p) => p.role);
  let staleSignoffs = 0;
  for (const c of controls)
    for (const s of c.signoffs)
      if (s.stale && !c.signoffs.some((h) => holds(h) && h.role === s.role)) staleSignoffs += 1;
  return {
    controls: controls.length,
    signed: controls.filter((c) => c.signoffs.some(holds) && nextRole(assessment, c.signoffs) === null)
      .length,
    awaitingEvidence: controls.filter((c) => c.status === 'awaiting-evidence').length,
    deficient: controls.filter((c) => c.status === 'deficient').length,
    incomplete: controls.filter((c) => c.status === 'incomplete').length,
    expiringSoon: [...inForce.values()].filter((at) => daysUntil(at, now) <= EXPIRY_WARNING_DAYS).length,
    staleSignoffs,
    readyForActor: controls.filter((c) => {
      const next = nextRole(assessment, c.signoffs);
      return (
        next !== null &&
        actorRoles.includes(next) &&
        !c.signoffs.some((s) => holds(s) && s.personId === actorId)
      );
    }).length,
    pendingExceptions: exceptions.filter((e) => e.latest && e.status === 'pending' && checkIds.has(e.checkId))
      .length,
  };
}

export type Action = { id: string; text: string; filter?: ControlStatus | 'to-sign' };

export function nextActions(a: Assessment, p: Progress): Action[] {
  const out: Action[] = [];
  const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
  if (!a.snapshots.some((s) => s.current))
    out.push({ id: 'attach', text: 'Attach a snapshot: there is no evidence to conclude on yet' });
  if (p.awaitingEvidence > 0)
    out.push({
      id: 'evidence',
      text: `${plural(p.awaitingEvidence, 'control awaits', 'controls await')} evidence`,
      filter: 'awaiting-evidence',
    });
  if (p.pendingExceptions > 0)
    out.push({
      id: 'pending',
      text: `${plural(p.pendingExceptions, 'exception', 'exceptions')} pending approval`,
    });
  if (p.staleSignoffs > 0)
    out.push({
      id: 'stale',
      text: `${plural(p.staleSignoffs, 'sign-off', 'sign-offs')} stale: the evidence changed`,
    });
  if (p.deficient > 0)
    out.push({
      id: 'deficient',
      text: `${plural(p.deficient, 'control is', 'controls are')} deficient: remediate or request exceptions`,
      filter: 'deficient',
    });
  if (p.incomplete > 0)
    out.push({
      id: 'incomplete',
      text: `${plural(p.incomplete, 'control is', 'controls are')} incomplete (errors or collection gaps)`,
      filter: 'incomplete',
    });
  if (p.expiringSoon > 0)
    out.push({
      id: 'expiring',
      text: `${plural(p.expiringSoon, 'exception expires', 'exceptions expire')} within ${EXPIRY_WARNING_DAYS} days`,
    });
  if (p.readyForActor > 0)
    out.push({
      id: 'to-sign',
      text: `${plural(p.readyForActor, 'control is', 'controls are')} ready for your signature`,
      filter: 'to-sign',
    });
  return out;
}
