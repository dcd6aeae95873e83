// The assessment package's model: everything one package for one assessment shows, read once from the
// workspace. Every current snapshot in the assessment's scope (AWS accounts and Azure subscriptions alike),
// the sealed evaluation the assessment concluded on for each, every framework's controls with the
// assessment's own statuses, conclusions and sign-offs, and the assessment's records: people (public keys
// only), exceptions with their events, manual evidence files and sign-offs. The workbook, report, manifest and
// snapshot.sqlite are all built from this, so they cannot disagree.
import type {
  Assessment,
  AssessmentControl,
  Attachment,
  CollectionError,
  ExceptionRecord,
  FrameworkId,
  Person,
  SignOff,
  SnapshotSummary,
} from '../../shared/domain';
import { getAssessmentRecord } from '../assessments/assessments-repo';
import { listAttachments } from '../assessments/attachments';
import { listExceptions } from '../assessments/exceptions';
import { listPeople } from '../assessments/people';
import { loadPopulation } from '../assessments/population';
import { assessmentControls, assessmentSignoffs, getAssessment } from '../assessments/service';
import type { AssessmentContext } from '../assessments/context';
import { packListing } from '../checks/pack-hash';
import type { CheckCatalog, CheckDefinition } from '../checks/types';
import { NotFoundError, RefusedError } from '../core/errors';
import { demoAccountProblem, isDemoSnapshot } from '../evidence/demo-snapshot';
import { getFramework, type Framework } from '../frameworks/catalog';
import { appVersion } from '../paths';
import { CONTENT_HASH_RECIPE } from '../store/content-hash';
import type { Db } from '../store/db';
import { latestEvaluation, type EvaluationRecord } from '../store/evaluations-repo';
import { getSnapshot, listCollectionErrors } from '../store/snapshots-repo';
import { NotExportableError } from './evidence-model';
import { findingsFromDb, inventoryFromDb, type FindingSource, type InventoryItem } from './evidence-rows';
import { unsafePackagePath } from './manifest';
import { TOOL_NAME } from './model';
import { loadTemplates, type EvidenceTemplates, type FrameworkNarrative } from './templates';

export type PackagedSnapshot = SnapshotSummary & {
  contentSha256: string;
  finishedAt: string;
  /** The sealed evaluation the assessment concluded on (its latest), shipped with all its findings. */
  evaluation: EvaluationRecord & { findingsSha256: string | null };
  gaps: CollectionError[];
  findings: FindingSource;
  /** The snapshot's resources (the population), read on demand in uid order. */
  inventory: () => Iterable<InventoryItem>;
  /** Package folder of this snapshot's raw evidence: evidence/<provider>/<account>. */
  evidenceDir: string;
};

export type PackagedFramework = {
  framework: Framework;
  info: { id: FrameworkId; name: string; version: string };
  narrative: FrameworkNarrative;
  controls: AssessmentControl[];
};

/** Something the scope leaves out, and why: a snapshot not concluded on, a resource left out. */
export type OutOfScopeItem = { kind: 'snapshot' | 'resource'; account: string; item: string; reason: string };

export type PackagedCheck = CheckDefinition & { sqlFile: string };

export type AssessmentPackageModel = {
  tool: { name: string; version: string; catalogVersion: string };
  generatedAt: string;
  /** The time conclusions, exception statuses and sign-off staleness are judged at (= generatedAt). */
  asOf: string;
  assessment: Assessment;
  snapshots: PackagedSnapshot[];
  outOfScope: OutOfScopeItem[];
  frameworks: PackagedFramework[];
  /** Every check mapped to a control of any of the assessment's frameworks, in id order. */
  checks: PackagedCheck[];
  checkPack: { listing: string; mappingsFile: CheckCatalog['mappingsFile'] };
  /** Every version of every exception that can cover a finding of the shipped snapshots. */
  exceptions: ExceptionRecord[];
  /** Every revision of every manual evidence file of the assessment. */
  attachments: Attachment[];
  signoffs: SignOff[];
  /** Everyone the shipped records name, public keys only. */
  people: Person[];
  demo: boolean;
  templates: EvidenceTemplates;
  signer?: { fingerprint: string };
};

const segment = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_';

function packagedCheck(check: CheckDefinition): PackagedCheck {
  const unsafe = unsafePackagePath(check.file);
  if (unsafe || !check.file.startsWith('checks/') || !check.file.endsWith('.sql'))
    throw new NotExportableError(
      `Check ${check.id} has the file path "${check.file}", which ${unsafe ?? 'is not a checks/<...>.sql path'}; it cannot be shipped.`,
    );
  return { ...check, sqlFile: check.file };
}

export function buildAssessmentModel(
  ctx: AssessmentContext,
  catalog: CheckCatalog,
  assessmentId: string,
  now: Date = new Date(),
): AssessmentPackageModel {
  const { db } = ctx;
  const generatedAt = now.toISOString();
  const record = getAssessmentRecord(db, assessmentId);
  const current = record.snapshots.filter((s) => s.current);
  if (current.length === 0)
    throw new NotExportableError(
      `Assessment "${record.name}" has no current snapshot in scope; attach a complete snapshot before exporting it.`,
    );
  const snapshots = current.map((s, i) => packagedSnapshot(db, catalog, s.snapshotId, i));
  const demo = demoOf(snapshots);

  const frameworks: PackagedFramework[] = record.frameworks.map((id) => {
    const framework = getFramework(id, catalog);
    return {
      framework,
      info: { id: framework.id, name: framework.name, version: framework.version },
      narrative: loadTemplates(id).narrative,
      controls: assessmentControls(ctx, catalog, assessmentId, id, generatedAt),
    };
  });
  const mapped = new Set(
    frameworks.flatMap((f) => f.framework.controls.flatMap((c) => c.checks.map((m) => m.id))),
  );
  const checks = catalog.checks
    .filter((c) => mapped.has(c.id))
    .map(packagedCheck)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const accounts = new Set(snapshots.map((s) => s.account ?? ''));
  // Exceptions are workspace-wide; only those that can cover a shipped finding go: a mapped check, and no
  // account or one of the shipped accounts. Another client's exceptions never leave the workspace.
  const exceptions = listExceptions(db, { asOf: generatedAt }).filter(
    (e) => mapped.has(e.checkId) && (e.scope.account === undefined || accounts.has(e.scope.account)),
  );
  const attachments = listAttachments(db, assessmentId);
  const signoffs = assessmentSignoffs(ctx, catalog, assessmentId, undefined, generatedAt);
  const named = new Set<string>([
    ...record.people.map((p) => p.personId),
    ...record.snapshots.filter((s) => s.current).map((s) => s.attachedBy),
    ...exceptions.flatMap((e) => [e.riskOwner, e.requestedBy, ...e.events.map((x) => x.actor)]),
    ...attachments.map((a) => a.uploadedBy),
    ...signoffs.map((s) => s.personId),
  ]);
  const people = listPeople(db).filter((p) => named.has(p.id));

  return {
    tool: { name: TOOL_NAME, version: appVersion(), catalogVersion: catalog.catalogVersion },
    generatedAt,
    asOf: generatedAt,
    assessment: getAssessment(ctx, catalog, assessmentId, generatedAt),
    snapshots,
    outOfScope: outOfScope(db, record, mapped),
    frameworks,
    checks,
    checkPack: { listing: packListing(catalog.packFiles), mappingsFile: catalog.mappingsFile },
    exceptions,
    attachments,
    signoffs,
    people,
    demo,
    templates: loadTemplates(record.frameworks[0]),
  };
}

function packagedSnapshot(db: Db, catalog: CheckCatalog, snapshotId: string, i: number): PackagedSnapshot {
  const s = getSnapshot(db, snapshotId);
  if (!s) throw new NotFoundError(`There is no snapshot ${snapshotId} in this workspace.`);
  if (s.status !== 'complete' || !s.contentSha256 || !s.finishedAt)
    throw new NotExportableError(
      `Snapshot ${snapshotId} is ${s.status}; only complete snapshots are exported.`,
    );
  const recipe = (
    db.prepare('SELECT content_hash_recipe AS r FROM snapshots WHERE id = ?').get(snapshotId) as { r: number }
  ).r;
  if (recipe !== CONTENT_HASH_RECIPE)
    throw new NotExportableError(
      `Snapshot ${snapshotId} was sealed by an earlier Evidence Desk whose content hash did not bind the ` +
        'resource data itself; take a new snapshot, attach it and export again.',
    );
  // The evaluation the assessment's conclusions and digests rest on (main/assessments/population.ts).
  const evaluation = latestEvaluation(db, snapshotId);
  if (!evaluation) throw new NotExportableError(`Snapshot ${snapshotId} has no sealed evaluation.`);
  const problem = demoAccountProblem(s);
  if (problem) throw new RefusedError(`Not exported: the ${problem}.`);
  return {
    ...s,
    contentSha256: s.contentSha256,
    finishedAt: s.finishedAt,
    evaluation,
    gaps: listCollectionErrors(db, snapshotId),
    findings: findingsFromDb(db, evaluation.id, catalog.checks),
    inventory: inventoryFromDb(db, snapshotId).rows,
    // Namespaced by cloud and account so two accounts never share a file; the index keeps two snapshots
    // without an account apart.
    evidenceDir: `evidence/${segment(s.provider)}/${segment(s.account ?? `unknown-${i + 1}`)}`,
  };
}

/** A package is the demo or evidence, never both: a mixed scope is refused with what to change. */
function demoOf(snapshots: readonly PackagedSnapshot[]): boolean {
  const demo = snapshots.filter((s) => isDemoSnapshot(s));
  if (demo.length > 0 && demo.length < snapshots.length) {
    const real = snapshots.filter((s) => !isDemoSnapshot(s));
    throw new RefusedError(
      `The assessment's scope mixes demo snapshots (${demo.map((s) => s.account ?? s.id).join(', ')}) with real ` +
        `ones (${real.map((s) => s.account ?? s.id).join(', ')}). A package is either the demo, signed with the ` +
        'published demo key, or evidence signed with this workspace key, never both: narrow the scope ' +
        '(accounts or connections) to one of them and export again.',
    );
  }
  return demo.length > 0;
}

/** Attached snapshots not concluded on, and every resource result the scope left out, each with why. */
function outOfScope(db: Db, record: ReturnType<typeof getAssessmentRecord>, mapped: ReadonlySet<string>) {
  const items: OutOfScopeItem[] = record.snapshots
    .filter((s) => !s.current)
    .map((s) => ({
      kind: 'snapshot' as const,
      account: s.account ?? '(unknown)',
      item: `snapshot ${s.snapshotId} (${s.startedAt})`,
      reason: s.note ?? 'not current',
    }));
  const seen = new Set<string>();
  for (const p of loadPopulation(db, record, mapped)) {
    for (const list of p.excluded.values()) {
      for (const x of list) {
        const key = `${p.account}\u0000${x.resourceUid}\u0000${x.why}`;
        if (seen.has(key)) continue;
        seen.add(key);
        items.push({
          kind: 'resource',
          account: p.account ?? '(unknown)',
          item: x.resourceUid,
          reason: x.why,
        });
      }
    }
  }
  return items;
}
