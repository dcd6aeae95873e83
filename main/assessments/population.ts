// The population an assessment concludes on: the findings of the latest sealed evaluation of every current
// snapshot in scope, narrowed by the scope's regions, tag filter and named exclusions, each finding with the
// account, region and tags the snapshot recorded for its resource (exceptions are matched on those).
import type { AssessmentScope, FindingStatus } from '../../shared/domain';
import type { Db } from '../store/db';
import { latestEvaluation } from '../store/evaluations-repo';
import type { AssessmentRecord } from './assessments-repo';

/** Regions that are not regions: account-wide resources are in every regional scope. */
const GLOBAL_REGIONS = new Set(['global', 'aws-global', '']);

export type ScopedFinding = {
  snapshotId: string;
  account: string | null;
  checkId: string;
  resourceUid: string;
  status: FindingStatus;
  region: string | null;
  tags: Record<string, string>;
};

export type SnapshotPopulation = {
  snapshotId: string;
  account: string | null;
  startedAt: string;
  evaluationId: string | null;
  findingsSha256: string | null;
  /** In scope, by check id. */
  findings: Map<string, ScopedFinding[]>;
  /** Left out by the scope, with why (region, tag, named exclusion), by check id. */
  excluded: Map<string, { resourceUid: string; why: string }[]>;
  gaps: { service: string; region: string; operation: string; code: string; resource: string | null }[];
};

export function inRegionScope(scope: AssessmentScope, region: string | null): boolean {
  return (
    scope.regions.length === 0 ||
    region === null ||
    GLOBAL_REGIONS.has(region) ||
    scope.regions.includes(region)
  );
}

/**
 * Why a finding is out of scope, or null when it is in. The tag filter leaves out resources that carry tags
 * but not the one named; a resource with no tags at all (account and region-wide settings, an untagged
 * workload) stays in, because nothing shows it is outside the tagged environment: over-including shows an
 * auditor more, never less.
 */
export function exclusionReason(
  scope: AssessmentScope,
  f: { resourceUid: string; region: string | null; tags: Record<string, string> },
  named: ReadonlyMap<string, string>,
): string | null {
  const reason = named.get(f.resourceUid);
  if (reason !== undefined) return `excluded: ${reason}`;
  if (!inRegionScope(scope, f.region)) return `region ${f.region} is not in scope`;
  if (scope.tag && Object.keys(f.tags).length > 0 && f.tags[scope.tag.key] !== scope.tag.value)
    return `not tagged ${scope.tag.key}=${scope.tag.value}`;
  return null;
}

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function parseTags(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(
        Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
  } catch {
    /* a resource row always holds valid JSON (CHECK constraint); treat anything else as untagged */
  }
  return {};
}

/** The current snapshots' populations for the given checks (all checks when `checkIds` is null). */
export function loadPopulation(
  db: Db,
  assessment: AssessmentRecord,
  checkIds: ReadonlySet<string> | null,
): SnapshotPopulation[] {
  const named = new Map(assessment.scope.exclusions.map((e) => [e.resourceUid, e.reason]));
  const findingsOf = db.prepare(
    `SELECT f.check_id, f.resource_uid, f.status, r.region, r.tags FROM findings f
     LEFT JOIN resources r ON r.snapshot_id = f.snapshot_id AND r.uid = f.resource_uid
     WHERE f.evaluation_id = ?`,
  );
  const gapsOf = db.prepare(
    'SELECT service, region, operation, code, resource FROM collection_errors WHERE snapshot_id = ? ORDER BY seq',
  );
  return assessment.snapshots
    .filter((s) => s.current)
    .map((s) => {
      const evaluation = latestEvaluation(db, s.snapshotId);
      const findings = new Map<string, ScopedFinding[]>();
      const excluded = new Map<string, { resourceUid: string; why: string }[]>();
      if (evaluation) {
        for (const r of findingsOf.iterate(evaluation.id) as IterableIterator<{
          check_id: string;
          resource_uid: string;
          status: FindingStatus;
          region: string | null;
          tags: string | null;
        }>) {
          if (checkIds && !checkIds.has(r.check_id)) continue;
          const f: ScopedFinding = {
            snapshotId: s.snapshotId,
            account: s.account,
            checkId: r.check_id,
            resourceUid: r.resource_uid,
            status: r.status,
            region: r.region,
            tags: parseTags(r.tags),
          };
          const why = exclusionReason(assessment.scope, f, named);
          if (why) listIn(excluded, r.check_id).push({ resourceUid: r.resource_uid, why });
          else listIn(findings, r.check_id).push(f);
        }
      }
      const gaps = (gapsOf.all(s.snapshotId) as SnapshotPopulation['gaps']).filter((g) =>
        inRegionScope(assessment.scope, g.region),
      );
      return {
        snapshotId: s.snapshotId,
        account: s.account,
        startedAt: s.startedAt,
        evaluationId: evaluation?.id ?? null,
        findingsSha256: evaluation?.findingsSha256 ?? null,
        findings,
        excluded,
        gaps,
      };
    });
}
