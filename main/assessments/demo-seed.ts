// The newcomer's demo assessment: one click ("Try the demo" on the empty assessments list) turns the demo
// snapshot into an assessment where every status shows: demo people (a preparer and a reviewer), an approved
// exception, an expired one, a manual evidence file and a preparer sign-off.
//
// An explicit action, not a side effect of the demo snapshot finishing: it creates people, signing keys and
// audit entries, and an audit log should only hold what someone asked for. Everything it makes is named
// "Demo" so nobody mistakes it for real work. Every step goes through the same core functions (and audit) as
// a person's own action; only the expired exception is dated in the past, which its justification says.
import type { Assessment, FrameworkId, Person } from '../../shared/domain';
import { listFindings } from '../checks/engine';
import type { CheckCatalog } from '../checks/types';
import { RefusedError } from '../core/errors';
import { getFramework } from '../frameworks/catalog';
import { getSetting } from '../store/settings-repo';
import { listSnapshots } from '../store/snapshots-repo';
import { attachSnapshot, createAssessment, listAssessmentRecords } from './assessments-repo';
import { attachEvidence } from './attachments';
import { auditAs } from './audit';
import type { AssessmentContext } from './context';
import { decideException, requestException } from './exceptions';
import { createPerson, findPerson } from './people';
import { getAssessment, signControl } from './service';

export const DEMO_ASSESSMENT_NAME = 'Demo: Northwind Health SOC 2 readiness';
/** The demo connection's id (main/demo/demo-target.ts). */
const DEMO_CONNECTION = 'demo';
const DEMO_FRAMEWORK: FrameworkId = 'soc2-2017';
const DAY_MS = 24 * 60 * 60 * 1000;

/** example.com is reserved (RFC 2606): these addresses can never reach anyone. */
export const DEMO_PEOPLE = {
  preparer: { name: 'Dana Reyes (demo preparer)', email: 'dana.reyes@demo.example.com' },
  reviewer: { name: 'Sam Okafor (demo reviewer)', email: 'sam.okafor@demo.example.com' },
} as const;

function demoPerson(ctx: AssessmentContext, p: { name: string; email: string }): Person {
  // No passphrase: the demo signs with one click; real people choose one in Settings.
  return findPerson(ctx.db, p.email) ?? createPerson(ctx, p);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Creates the demo assessment (or answers the existing one: running it twice adds nothing). */
export function seedDemoAssessment(ctx: AssessmentContext, catalog: CheckCatalog): Assessment {
  const existing = listAssessmentRecords(ctx.db).find((a) => a.name === DEMO_ASSESSMENT_NAME);
  if (existing) return getAssessment(ctx, catalog, existing.id);

  // The newest complete demo snapshot of each account (an organisation run gives one per account).
  const latest = new Map<string, { id: string; account: string | null }>();
  for (const s of listSnapshots(ctx.db))
    if (s.connection === DEMO_CONNECTION && s.status === 'complete' && !latest.has(s.account ?? ''))
      latest.set(s.account ?? '', { id: s.id, account: s.account });
  if (latest.size === 0)
    throw new RefusedError(
      'Take a snapshot of the demo connection first: the demo assessment concludes on it.',
    );

  const preparer = demoPerson(ctx, DEMO_PEOPLE.preparer);
  const reviewer = demoPerson(ctx, DEMO_PEOPLE.reviewer);
  const now = Date.now();
  const created = createAssessment(ctx, preparer, {
    name: DEMO_ASSESSMENT_NAME,
    frameworks: [DEMO_FRAMEWORK],
    periodStart: day(now - 90 * DAY_MS),
    periodEnd: day(now),
    people: [
      { person: preparer.id, role: 'preparer' },
      { person: reviewer.id, role: 'reviewer' },
    ],
  });
  for (const s of latest.values()) attachSnapshot(ctx, preparer, created.id, s.id);

  const framework = getFramework(DEMO_FRAMEWORK, catalog);
  const mapped = new Set(framework.controls.flatMap((c) => c.checks.map((m) => m.id)));
  const maxDays = getSetting(ctx.db, 'exceptionMaxDays');
  // Failures of mapped checks, one per check, so the two exceptions land on different controls' evidence.
  const failures = [...latest.values()]
    .flatMap((s) => listFindings(ctx.db, s.id, catalog.checks).map((f) => ({ ...f, account: s.account })))
    .filter((f) => f.status === 'fail' && mapped.has(f.checkId) && f.account !== null)
    .filter((f, i, all) => all.findIndex((g) => g.checkId === f.checkId) === i);

  const [approvedOn, expiredOn] = failures;
  if (approvedOn) {
    const days = Math.max(1, Math.min(60, maxDays[approvedOn.severity] - 1));
    const e = requestException(
      ctx,
      preparer,
      {
        checkId: approvedOn.checkId,
        scope: { kind: 'finding', account: approvedOn.account ?? '', resourceUid: approvedOn.resourceUid },
        justification:
          'Demo: the resource is being decommissioned this quarter; replacing it sooner costs more than the risk.',
        compensatingControl: 'Demo: weekly manual review of access to this resource by the platform team.',
        riskOwner: reviewer.id,
        expiresAt: new Date(now + days * DAY_MS).toISOString(),
      },
      catalog.checks,
    );
    decideException(ctx, reviewer, e.id, 'approved', 'Demo approval by the reviewer.');
  }
  if (expiredOn) {
    // Dated in the past so the "expired" status shows at once: requested, approved and lapsed before today.
    const span = Math.max(1, Math.min(20, maxDays[expiredOn.severity] - 1));
    const expiresMs = now - 3 * DAY_MS;
    const requestedAt = new Date(expiresMs - span * DAY_MS);
    const e = requestException(
      ctx,
      preparer,
      {
        checkId: expiredOn.checkId,
        scope: { kind: 'finding', account: expiredOn.account ?? '', resourceUid: expiredOn.resourceUid },
        justification:
          'Demo (dated in the past on purpose so the expired status shows): accepted while a fix was scheduled.',
        riskOwner: reviewer.id,
        expiresAt: new Date(expiresMs).toISOString(),
      },
      catalog.checks,
      requestedAt,
    );
    decideException(
      ctx,
      reviewer,
      e.id,
      'approved',
      'Demo approval.',
      new Date(requestedAt.getTime() + 1000),
    );
  }

  // A small generated text file answers the first manual request; the preparer then signs that control.
  const withRequest = framework.controls.find((c) => c.manualEvidence.length > 0);
  if (withRequest) {
    const request = withRequest.manualEvidence[0];
    const text =
      `DEMO EVIDENCE FILE - generated by Evidence Desk for the demo assessment.\n` +
      `Answers ${request.id}: ${request.request}\n` +
      `Nothing in this file is real evidence.\n`;
    attachEvidence(ctx, preparer, {
      assessmentId: created.id,
      requestId: request.id,
      bytes: Buffer.from(text, 'utf8'),
      originalName: 'demo-evidence.txt',
      description: `Demo: generated text file answering ${request.id}`,
      effectiveFrom: day(now),
    });
    signControl(ctx, catalog, preparer, {
      assessmentId: created.id,
      framework: DEMO_FRAMEWORK,
      controlId: withRequest.id,
      role: 'preparer',
    });
  }
  auditAs(ctx, preparer, 'assessment.demoSeed', `assessment:${created.id}`, {
    snapshots: [...latest.values()].map((s) => s.id),
    exceptions: [approvedOn, expiredOn].filter(Boolean).length,
  });
  return getAssessment(ctx, catalog, created.id);
}
