// Control status: turns one snapshot's findings, its collection gaps and the analyst's exceptions into a
// status per framework control (DESIGN.md "Control status"). Pure reading: nothing is written here, so the
// same inputs always give the same statuses and an export can recompute them.
import type { ControlResult, ControlStatus, FindingStatus } from '../../shared/domain';
import type { CheckDefinition } from '../checks/types';
import type { Framework, FrameworkControl } from '../frameworks/catalog';
import type { Db } from '../store/db';
import { listCollectionErrors } from '../store/snapshots-repo';

/** An exception as far as control status cares: which finding it covers, until when, and whether approved. */
export type ExceptionCover = { checkId: string; resourceUid: string; expiresAt: string; approved: boolean };

type Gap = { service: string; region: string; operation: string; code: string };

/** How many gaps to name in a reason before summarising; a reason is one readable sentence, not a log. */
const GAPS_NAMED = 3;

export function evaluateControls(
  db: Db,
  snapshotId: string,
  framework: Framework,
  checks: readonly CheckDefinition[],
  exceptions: ExceptionCover[] = [],
  asOf = new Date().toISOString(),
  evaluationId?: string,
): ControlResult[] {
  const asOfMs = Date.parse(asOf);
  if (Number.isNaN(asOfMs)) throw new Error(`evaluateControls: asOf "${asOf}" is not an ISO-8601 date`);
  const evaluated = db.prepare('SELECT 1 FROM evaluations WHERE snapshot_id = ? LIMIT 1').get(snapshotId);
  if (!evaluated) {
    throw new Error(
      `Snapshot ${snapshotId} has not been evaluated yet: run the checks before assessing controls.`,
    );
  }

  const covers = indexExceptions(exceptions, asOfMs);
  const tallies = tallyFindings(db, snapshotId, covers, evaluationId);
  const gaps: Gap[] = listCollectionErrors(db, snapshotId);
  const checkService = new Map(checks.map((c) => [c.id, gapServices(c)]));

  return framework.controls.map((control) =>
    evaluateControl(framework, control, { tallies, gaps, checkService }),
  );
}

/**
 * What control status needs of one check's findings: counts per status, and of its failures those covered by
 * an active exception (with expiries) or by an expired one. Counted by the database: a snapshot can hold
 * millions of findings, and control status must not load them (an export computes it for every control).
 */
type CheckTally = Record<'pass' | 'fail' | 'error' | 'na', number> & {
  exceptedExpiries: string[];
  expiredUncovered: number;
};

function tallyFindings(
  db: Db,
  snapshotId: string,
  covers: ExceptionIndex,
  evaluationId?: string,
): Map<string, CheckTally> {
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
  const tallies = new Map<string, CheckTally>();
  if (!evaluation) return tallies;
  const tallyOf = (checkId: string) => {
    let t = tallies.get(checkId);
    if (!t) {
      t = { pass: 0, fail: 0, error: 0, na: 0, exceptedExpiries: [], expiredUncovered: 0 };
      tallies.set(checkId, t);
    }
    return t;
  };
  const counts = db
    .prepare(
      'SELECT check_id, status, count(*) AS n FROM findings WHERE evaluation_id = ? GROUP BY check_id, status',
    )
    .all(evaluation.id) as { check_id: string; status: FindingStatus; n: number }[];
  for (const r of counts) tallyOf(r.check_id)[r.status === 'n/a' ? 'na' : r.status] += r.n;
  // Exceptions are few: look each one's failure up by the findings primary key.
  const fails = db.prepare(
    "SELECT 1 FROM findings WHERE evaluation_id = ? AND check_id = ? AND resource_uid = ? AND status = 'fail'",
  );
  const failing = (key: string) => {
    const [checkId, resourceUid] = key.split('\u0000');
    return fails.get(evaluation.id, checkId, resourceUid) ? checkId : null;
  };
  for (const [key, expiry] of covers.active) {
    const checkId = failing(key);
    if (checkId) tallyOf(checkId).exceptedExpiries.push(expiry);
  }
  for (const key of covers.expired.keys()) {
    if (covers.active.has(key)) continue;
    const checkId = failing(key);
    if (checkId) tallyOf(checkId).expiredUncovered++;
  }
  return tallies;
}

type ExceptionIndex = {
  /** Unexpired, approved exceptions by "check\u0000resource", with their expiry. */
  active: Map<string, string>;
  /** Approved exceptions that have expired, by the same key: named in the reason so nobody is surprised. */
  expired: Map<string, string>;
};

const coverKey = (checkId: string, resourceUid: string) => `${checkId}\u0000${resourceUid}`;

function indexExceptions(exceptions: ExceptionCover[], asOfMs: number): ExceptionIndex {
  const active = new Map<string, string>();
  const expired = new Map<string, string>();
  for (const e of exceptions) {
    const expiresMs = Date.parse(e.expiresAt);
    if (Number.isNaN(expiresMs)) {
      throw new Error(
        `The exception for ${e.checkId} on ${e.resourceUid} has an invalid expiry "${e.expiresAt}"; expected an ISO-8601 date.`,
      );
    }
    if (!e.approved) continue;
    const key = coverKey(e.checkId, e.resourceUid);
    // Exceptions expire by themselves: at or after expiresAt the failure counts again.
    if (expiresMs > asOfMs) {
      const current = active.get(key);
      if (!current || Date.parse(current) < expiresMs) active.set(key, e.expiresAt);
    } else {
      expired.set(key, e.expiresAt);
    }
  }
  return { active, expired };
}

type Context = {
  tallies: Map<string, CheckTally>;
  gaps: Gap[];
  checkService: Map<string, string[]>;
};

function evaluateControl(framework: Framework, control: FrameworkControl, ctx: Context): ControlResult {
  const counts = { pass: 0, fail: 0, error: 0, na: 0, excepted: 0 };
  const checkIds = control.checks.map((m) => m.id);
  const result = (status: ControlStatus, statusReason: string): ControlResult => ({
    framework: framework.id,
    controlId: control.id,
    title: control.title,
    description: control.description,
    checkIds,
    status,
    statusReason,
    counts,
    manualEvidence: control.manualEvidence.map((m) => m.request),
  });

  if (checkIds.length === 0) {
    const n = control.manualEvidence.length;
    return result(
      'manual',
      `No automated check tests this control; the analyst must attach evidence for ${n} request(s).`,
    );
  }

  const failures: string[] = [];
  const errored: string[] = [];
  const exceptionExpiries: string[] = [];
  let expiredUncovered = 0;
  for (const checkId of checkIds) {
    const t = ctx.tallies.get(checkId);
    if (!t) continue;
    const excepted = t.exceptedExpiries.length;
    const uncovered = t.fail - excepted;
    const population = t.pass + t.fail + t.error;
    counts.na += t.na;
    counts.pass += t.pass;
    counts.error += t.error;
    counts.fail += uncovered;
    counts.excepted += excepted;
    exceptionExpiries.push(...t.exceptedExpiries);
    expiredUncovered += t.expiredUncovered;
    if (uncovered > 0)
      failures.push(`${uncovered} of ${population} ${plural(population, 'resource')} fail ${checkId}`);
    if (t.error > 0) errored.push(`${t.error} ${plural(t.error, 'finding')} of ${checkId}`);
  }

  if (failures.length > 0) {
    let reason = `${failures.join('; ')}; no approved, unexpired exception covers ${counts.fail === 1 ? 'it' : 'them'}`;
    if (expiredUncovered > 0)
      reason += ` (${expiredUncovered} ${plural(expiredUncovered, 'exception')} expired)`;
    if (counts.excepted > 0)
      reason += `; ${counts.excepted} other ${plural(counts.excepted, 'failure')} covered by exceptions`;
    return result('deficient', `${reason}.`);
  }

  const services = new Set(checkIds.flatMap((id) => ctx.checkService.get(id) ?? []));
  const relevantGaps = ctx.gaps.filter((g) => services.has(g.service.toLowerCase()));
  if (errored.length > 0 || relevantGaps.length > 0) {
    const parts: string[] = [];
    if (errored.length > 0) parts.push(`${errored.join(' and ')} could not be evaluated`);
    if (relevantGaps.length > 0)
      parts.push(`collection gaps affect its population: ${describeGaps(relevantGaps)}`);
    return result('incomplete', `No uncovered failures, but ${parts.join('; ')}.`);
  }

  if (counts.pass + counts.excepted === 0) {
    return result('not-applicable', `No resources in scope for ${checkIds.join(', ')} in this snapshot.`);
  }

  if (counts.excepted > 0) {
    const earliest = exceptionExpiries.sort()[0].slice(0, 10);
    return result(
      'effective-with-exceptions',
      `${counts.excepted} failing ${plural(counts.excepted, 'finding')} covered by approved exceptions ` +
        `(earliest expiry ${earliest}); ${counts.pass} ${counts.pass === 1 ? 'finding passes' : 'findings pass'}.`,
    );
  }

  const tested = checkIds.filter((id) => {
    const t = ctx.tallies.get(id);
    return !!t && t.pass + t.fail + t.error > 0;
  });
  return result(
    'effective',
    `All ${counts.pass} ${plural(counts.pass, 'finding')} pass across ${tested.length} ${plural(tested.length, 'check')} ` +
      `(${tested.join(', ')}).`,
  );
}

/**
 * The service names a collection gap touching this check's population is recorded under, lower-cased: the
 * check's service (AWS gaps carry the signing name: s3, iam...), and for Azure the ARM namespace of its resource
 * type (Azure gaps carry the namespace: Microsoft.Storage, Microsoft.Graph...).
 */
export function gapServices(check: Pick<CheckDefinition, 'service' | 'provider' | 'resourceType'>): string[] {
  const out = [check.service.toLowerCase()];
  const namespace = /^(Microsoft\.[A-Za-z]+)\//.exec(check.resourceType)?.[1];
  if (check.provider === 'azure' && namespace) out.push(namespace.toLowerCase());
  return out;
}

/** Names the first few gaps and counts the rest (also used by main/assessments/control-status.ts). */
export function describeGaps(gaps: Gap[]): string {
  const named = gaps
    .slice(0, GAPS_NAMED)
    .map((g) => `${g.service} ${g.operation} in ${g.region} (${g.code})`)
    .join(', ');
  return gaps.length > GAPS_NAMED ? `${named} and ${gaps.length - GAPS_NAMED} more` : named;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
