// Control status per assessment: the same rules as main/evidence/controls.ts (uncovered failure ->
// deficient; errors or collection gaps on the population -> incomplete; every failure covered by an approved,
// unexpired exception -> effective-with-exceptions), applied over EVERY current snapshot in scope, plus what a
// single snapshot cannot know: exceptions recorded and matched across snapshots, and manual evidence files.
// Checks passing while manual requests are unanswered is 'awaiting-evidence', never effective; a control
// whose requests are all answered is 'manual' (the reviewer judges the files). Pure reading.
import type { AssessmentControl, ControlStatus, ExceptionRecord } from '../../shared/domain';
import type { CheckDefinition } from '../checks/types';
import { describeGaps, gapServices, plural } from '../evidence/controls';
import type { Framework, FrameworkControl } from '../frameworks/catalog';
import type { Db } from '../store/db';
import type { AssessmentRecord } from './assessments-repo';
import { listAttachments } from './attachments';
import { conclusionText, frameworkLabel } from './conclusions';
import { DIGEST_VERSION, digestOf, normaliseControlInput, type ControlDigestInput } from './evidence-digest';
import { listExceptions, scopeCovers } from './exceptions';
import { loadPopulation, type ScopedFinding, type SnapshotPopulation } from './population';

export type EvaluatedControl = {
  control: Omit<AssessmentControl, 'signoffs'>;
  digestInput: ControlDigestInput;
};

export function evaluateAssessment(
  db: Db,
  assessment: AssessmentRecord,
  framework: Framework,
  checks: readonly CheckGapFacts[],
  asOf = new Date().toISOString(),
): EvaluatedControl[] {
  const asOfMs = Date.parse(asOf);
  if (Number.isNaN(asOfMs)) throw new Error(`evaluateAssessment: asOf "${asOf}" is not an ISO-8601 date`);
  const mapped = new Set(framework.controls.flatMap((c) => c.checks.map((m) => m.id)));
  const population = loadPopulation(db, assessment, mapped);
  const exceptions = listExceptions(db, { asOf }).filter(
    (e) => e.status === 'approved' || e.status === 'expired',
  );
  const attachments = listAttachments(db, assessment.id).filter((a) => a.current);
  const checkService = new Map(checks.map((c) => [c.id, gapServicesOf(c)]));
  return framework.controls.map((control) =>
    evaluateControl({ assessment, framework, control, population, exceptions, attachments, checkService }),
  );
}

type Ctx = {
  assessment: AssessmentRecord;
  framework: Framework;
  control: FrameworkControl;
  population: SnapshotPopulation[];
  exceptions: ExceptionRecord[];
  attachments: { requestId: string; sha256: string }[];
  checkService: Map<string, string[]>;
};

/**
 * What a check tells about which collection gaps touch it. Packages exported before the Azure namespaces were
 * matched carry only `service`; verify re-derives their conclusions the way they were made.
 */
export type CheckGapFacts = Pick<CheckDefinition, 'id' | 'service'> &
  Partial<Pick<CheckDefinition, 'provider' | 'resourceType'>>;

/** The gap service names of a check: its own, and for Azure its ARM namespace (evidence/controls.ts). */
function gapServicesOf(c: CheckGapFacts): string[] {
  if (c.provider === undefined || c.resourceType === undefined) return [c.service.toLowerCase()];
  return gapServices({ service: c.service, provider: c.provider, resourceType: c.resourceType });
}

function coveringException(
  exceptions: readonly ExceptionRecord[],
  f: ScopedFinding,
  status: 'approved' | 'expired',
) {
  // Of several covering versions, the one expiring last is the one relied on.
  return exceptions
    .filter((e) => e.status === status && scopeCovers(e, f))
    .sort((a, b) => (a.expiresAt < b.expiresAt ? 1 : -1))[0];
}

function evaluateControl(ctx: Ctx): EvaluatedControl {
  const { control, framework, population } = ctx;
  const checkIds = control.checks.map((m) => m.id);
  const counts = { pass: 0, fail: 0, error: 0, na: 0, excepted: 0 };
  const failures: string[] = [];
  const errored: string[] = [];
  const inForce = new Map<string, ExceptionRecord>();
  let expiredUncovered = 0;
  const accounts = new Set<string>();
  const regions = new Set<string>();
  let resources = 0;
  let excluded = 0;
  const digestFindings: ControlDigestInput['findings'] = [];

  for (const snap of population) {
    const items: ControlDigestInput['findings'][number]['items'] = [];
    for (const checkId of checkIds) {
      const fs = snap.findings.get(checkId) ?? [];
      excluded += snap.excluded.get(checkId)?.length ?? 0;
      let fail = 0;
      let err = 0;
      let tested = 0;
      for (const f of fs) {
        items.push([f.checkId, f.resourceUid, f.status]);
        if (f.status === 'n/a') {
          counts.na++;
          continue;
        }
        tested++;
        if (snap.account) accounts.add(snap.account);
        if (f.region) regions.add(f.region);
        if (f.status === 'pass') counts.pass++;
        else if (f.status === 'error') err++;
        else {
          const cover = coveringException(ctx.exceptions, f, 'approved');
          if (cover) {
            counts.excepted++;
            inForce.set(`${cover.id}#${cover.version}`, cover);
          } else {
            fail++;
            if (coveringException(ctx.exceptions, f, 'expired')) expiredUncovered++;
          }
        }
      }
      resources += fs.length;
      counts.fail += fail;
      counts.error += err;
      const where = `account ${snap.account ?? '(unknown)'}`;
      if (fail > 0)
        failures.push(`${fail} of ${tested} ${plural(tested, 'resource')} fail ${checkId} in ${where}`);
      if (err > 0) errored.push(`${err} ${plural(err, 'finding')} of ${checkId} in ${where}`);
    }
    digestFindings.push({
      snapshotId: snap.snapshotId,
      evaluationId: snap.evaluationId,
      findingsSha256: snap.findingsSha256,
      items,
    });
  }

  const requests = control.manualEvidence.map((m) => {
    const n = ctx.attachments.filter((a) => a.requestId === m.id).length;
    return { id: m.id, request: m.request, attachments: n, answered: n > 0 };
  });
  const unanswered = requests.filter((r) => !r.answered);
  const services = new Set(checkIds.flatMap((id) => ctx.checkService.get(id) ?? []));
  const gaps = population.flatMap((p) => p.gaps.filter((g) => services.has(g.service.toLowerCase())));

  const [status, statusReason] = decide({
    checkIds,
    snapshots: population.length,
    counts,
    failures,
    errored,
    expiredUncovered,
    gaps,
    requests: requests.length,
    unanswered: unanswered.map((r) => r.id),
  });

  const exceptionsInForce = [...inForce.values()].map((e) => ({
    id: e.id,
    version: e.version,
    compensating: !!e.compensatingControl,
    expiresAt: e.expiresAt,
  }));
  const snapshots = population.map((p) => ({
    snapshotId: p.snapshotId,
    account: p.account,
    startedAt: p.startedAt,
  }));
  const facts = {
    framework,
    controlId: control.id,
    status,
    statusReason,
    checkIds,
    accounts: [...accounts].sort(),
    regions: [...regions].sort(),
    snapshots,
    resources,
    excluded,
    requests,
    exceptionsInForce,
  };
  const label = frameworkLabel(facts);
  const conclusion = conclusionText(facts);
  const digestInput = normaliseControlInput({
    v: DIGEST_VERSION,
    assessmentId: ctx.assessment.id,
    framework: framework.id,
    controlId: control.id,
    findings: digestFindings,
    exceptions: exceptionsInForce.map((e) => ({ id: e.id, version: e.version, status: 'approved' })),
    attachments: ctx.attachments
      .filter((a) => control.manualEvidence.some((m) => m.id === a.requestId))
      .map((a) => ({ requestId: a.requestId, sha256: a.sha256 })),
    conclusion: { status, label, text: conclusion },
  });
  return {
    control: {
      framework: framework.id,
      controlId: control.id,
      title: control.title,
      description: control.description,
      checkIds,
      status,
      statusReason,
      counts,
      manualEvidence: control.manualEvidence.map((m) => m.request),
      label,
      conclusion,
      population: {
        accounts: facts.accounts,
        regions: facts.regions,
        snapshots,
        resources,
        excluded,
      },
      requests,
      exceptionsInForce,
      digest: digestOf(digestInput).digest,
    },
    digestInput,
  };
}

type Decision = {
  checkIds: string[];
  snapshots: number;
  counts: { pass: number; fail: number; error: number; na: number; excepted: number };
  failures: string[];
  errored: string[];
  expiredUncovered: number;
  gaps: { service: string; region: string; operation: string; code: string }[];
  requests: number;
  unanswered: string[];
};

/** The status and its one-line reason; worst first: deficient, incomplete, awaiting evidence, then the rest. */
function decide(d: Decision): [ControlStatus, string] {
  const { counts } = d;
  const awaiting = d.unanswered.length > 0;
  const awaitingText = `${d.unanswered.length} of ${d.requests} manual evidence ${plural(d.requests, 'request')} unanswered (${d.unanswered.join(', ')})`;

  if (d.checkIds.length === 0) {
    if (awaiting) return ['awaiting-evidence', `No automated check tests this control; ${awaitingText}.`];
    return [
      'manual',
      `No automated check tests this control; every manual evidence request has a file for the reviewer to judge.`,
    ];
  }
  if (d.snapshots === 0)
    return [
      'incomplete',
      `No snapshot in scope is attached to the assessment, so ${d.checkIds.join(', ')} were not evaluated.`,
    ];
  if (d.failures.length > 0) {
    let reason = `${d.failures.join('; ')}; no approved, unexpired exception covers ${counts.fail === 1 ? 'it' : 'them'}`;
    if (d.expiredUncovered > 0)
      reason += ` (${d.expiredUncovered} covering ${plural(d.expiredUncovered, 'exception')} expired)`;
    if (counts.excepted > 0)
      reason += `; ${counts.excepted} other ${plural(counts.excepted, 'failure')} covered by exceptions`;
    return ['deficient', `${reason}.`];
  }
  if (d.errored.length > 0 || d.gaps.length > 0) {
    const parts: string[] = [];
    if (d.errored.length > 0) parts.push(`${d.errored.join(' and ')} could not be evaluated`);
    if (d.gaps.length > 0) parts.push(`collection gaps affect its population: ${describeGaps(d.gaps)}`);
    return ['incomplete', `No uncovered failures, but ${parts.join('; ')}.`];
  }
  const automated =
    counts.pass + counts.excepted === 0
      ? `no resource in scope for ${d.checkIds.join(', ')}`
      : counts.excepted > 0
        ? `${counts.excepted} failing ${plural(counts.excepted, 'finding')} covered by approved, unexpired exceptions; ${counts.pass} ${counts.pass === 1 ? 'finding passes' : 'findings pass'}`
        : `all ${counts.pass} ${plural(counts.pass, 'finding')} pass across ${d.checkIds.length} ${plural(d.checkIds.length, 'check')}`;
  if (awaiting) return ['awaiting-evidence', `Automated part: ${automated}; but ${awaitingText}.`];
  if (d.requests > 0)
    return [
      'manual',
      `Automated part: ${automated}; every manual evidence request has a file for the reviewer to judge.`,
    ];
  if (counts.pass + counts.excepted === 0)
    return ['not-applicable', `No resources in scope for ${d.checkIds.join(', ')}.`];
  if (counts.excepted > 0)
    return ['effective-with-exceptions', `${automated[0].toUpperCase()}${automated.slice(1)}.`];
  return ['effective', `${automated[0].toUpperCase()}${automated.slice(1)}.`];
}
