// The assessment operations the API and CLI call: each composes the repositories with the evaluator so a
// caller never has to know that status needs sign-offs, sign-offs need digests and digests need status.
import type {
  Assessment,
  AssessmentControl,
  AssessmentRole,
  FrameworkId,
  Person,
  SignOff,
} from '../../shared/domain';
import { NotFoundError, RefusedError } from '../core/errors';
import type { CheckCatalog } from '../checks/types';
import { getFramework } from '../frameworks/catalog';
import { getAssessmentRecord, listAssessmentRecords, type AssessmentRecord } from './assessments-repo';
import type { AssessmentContext } from './context';
import { evaluateAssessment, type EvaluatedControl } from './control-status';
import { DIGEST_VERSION, digestOf } from './evidence-digest';
import { listSignoffs, signOff, signoffHolds } from './signoffs';

/** '*' signs the whole framework: a digest over every control's digest. */
export const WHOLE_FRAMEWORK = '*';

type Evaluation = { controls: EvaluatedControl[]; frameworkDigest: { digest: string; canonical: string } };

function evaluate(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  assessment: AssessmentRecord,
  framework: FrameworkId,
  asOf?: string,
): Evaluation {
  const controls = evaluateAssessment(
    ctx.db,
    assessment,
    getFramework(framework, catalog),
    catalog.checks,
    asOf,
  );
  const frameworkDigest = digestOf({
    v: DIGEST_VERSION,
    assessmentId: assessment.id,
    framework,
    controlId: WHOLE_FRAMEWORK,
    controls: controls.map((c) => ({ controlId: c.control.controlId, digest: c.control.digest })),
  });
  return { controls, frameworkDigest };
}

/** Digests recomputed now, per framework on first use: what every sign-off is held against. */
function digestLookup(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  assessment: AssessmentRecord,
  asOf?: string,
) {
  const cache = new Map<string, Evaluation | null>();
  return (framework: string, controlId: string): string | null => {
    if (!cache.has(framework))
      cache.set(
        framework,
        assessment.frameworks.includes(framework as FrameworkId)
          ? evaluate(ctx, catalog, assessment, framework as FrameworkId, asOf)
          : null,
      );
    const e = cache.get(framework);
    if (!e) return null;
    if (controlId === WHOLE_FRAMEWORK) return e.frameworkDigest.digest;
    return e.controls.find((c) => c.control.controlId === controlId)?.control.digest ?? null;
  };
}

function requireFramework(assessment: AssessmentRecord, framework: FrameworkId): void {
  if (!assessment.frameworks.includes(framework))
    throw new RefusedError(`Assessment "${assessment.name}" does not cover ${framework}.`);
}

export function assessmentControls(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  assessmentId: string,
  framework: FrameworkId,
  asOf?: string,
): AssessmentControl[] {
  const assessment = getAssessmentRecord(ctx.db, assessmentId);
  requireFramework(assessment, framework);
  const e = evaluate(ctx, catalog, assessment, framework, asOf);
  const digests = new Map(e.controls.map((c) => [c.control.controlId, c.control.digest]));
  const signoffs = listSignoffs(
    ctx.db,
    assessmentId,
    (_f, controlId) =>
      controlId === WHOLE_FRAMEWORK ? e.frameworkDigest.digest : (digests.get(controlId) ?? null),
    framework,
  );
  return e.controls.map((c) => ({
    ...c.control,
    signoffs: signoffs.filter((s) => s.controlId === c.control.controlId),
  }));
}

/** draft until a snapshot is attached; signed off while every framework has a holding approver sign-off. */
export function describeAssessment(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  record: AssessmentRecord,
  asOf?: string,
): Assessment {
  if (record.snapshots.length === 0) return { ...record, status: 'draft' };
  const approvals = ctx.db
    .prepare(
      `SELECT DISTINCT framework FROM signoffs WHERE assessment_id = ? AND control_id = ? AND role = 'approver'`,
    )
    .all(record.id, WHOLE_FRAMEWORK) as { framework: string }[];
  // Only when every framework has an approval at all is it worth recomputing digests to see if they hold.
  if (!record.frameworks.every((f) => approvals.some((a) => a.framework === f)))
    return { ...record, status: 'in-progress' };
  const signoffs = listSignoffs(ctx.db, record.id, digestLookup(ctx, catalog, record, asOf));
  const signedOff = record.frameworks.every((f) =>
    signoffs.some(
      (s) => s.framework === f && s.controlId === WHOLE_FRAMEWORK && s.role === 'approver' && signoffHolds(s),
    ),
  );
  return { ...record, status: signedOff ? 'signed-off' : 'in-progress' };
}

export function getAssessment(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  id: string,
  asOf?: string,
): Assessment {
  return describeAssessment(ctx, catalog, getAssessmentRecord(ctx.db, id), asOf);
}

export function listAssessments(ctx: AssessmentContext, catalog: CheckCatalog): Assessment[] {
  return listAssessmentRecords(ctx.db).map((r) => describeAssessment(ctx, catalog, r));
}

export function assessmentSignoffs(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  assessmentId: string,
  framework?: FrameworkId,
  asOf?: string,
): SignOff[] {
  const record = getAssessmentRecord(ctx.db, assessmentId);
  return listSignoffs(ctx.db, assessmentId, digestLookup(ctx, catalog, record, asOf), framework);
}

export function signControl(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  person: Person,
  input: {
    assessmentId: string;
    framework: FrameworkId;
    controlId: string;
    role: AssessmentRole;
    passphrase?: string;
  },
): SignOff {
  const assessment = getAssessmentRecord(ctx.db, input.assessmentId);
  requireFramework(assessment, input.framework);
  if (assessment.snapshots.every((s) => !s.current))
    throw new RefusedError('Attach a snapshot in scope before signing: there is no evidence to sign yet.');
  const e = evaluate(ctx, catalog, assessment, input.framework);
  let digest: { digest: string; canonical: string };
  if (input.controlId === WHOLE_FRAMEWORK) digest = e.frameworkDigest;
  else {
    const c = e.controls.find((x) => x.control.controlId === input.controlId);
    if (!c) throw new NotFoundError(`No control ${input.controlId} in ${input.framework}.`);
    digest = digestOf(c.digestInput);
  }
  return signOff(ctx, person, {
    assessment,
    framework: input.framework,
    controlId: input.controlId,
    role: input.role,
    passphrase: input.passphrase,
    digest: digest.digest,
    digestCanonical: digest.canonical,
  });
}
