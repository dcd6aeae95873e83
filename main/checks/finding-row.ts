// One finding as read from the database (the finding joined with its resource), and the Finding the UI, the
// CLI and the exports show for it. One mapping, so a finding reads the same in the app and in the package.
import type { Finding, FindingStatus, Provider } from '../../shared/domain';
import type { CheckDefinition } from './types';

export type FindingRow = {
  check_id: string;
  resource_uid: string;
  status: FindingStatus;
  reason: string;
  evidence: string;
  name: string | null;
  type: string | null;
  region: string | null;
  service: string | null;
  /** The resource's cloud; null when the finding has no resource row (e.g. a custom check's error). */
  provider: Provider | null;
};

/** SELECT list and FROM clause for FindingRow (findings `f`, resources `r`); append WHERE / ORDER BY. */
export const FINDING_ROW_SQL = `f.check_id, f.resource_uid, f.status, f.reason, f.evidence, r.name, r.type, r.region, r.service, r.provider
  FROM findings f LEFT JOIN resources r ON r.snapshot_id = f.snapshot_id AND r.uid = f.resource_uid`;

/**
 * The Finding for a row. `lazyEvidence` parses the evidence JSON only when it is read (an export streaming
 * a million findings to a sheet that never shows evidence should not parse it).
 */
export function findingFromRow(
  r: FindingRow,
  check: CheckDefinition | undefined,
  opts: { lazyEvidence?: boolean } = {},
): Finding {
  const finding: Omit<Finding, 'evidence'> = {
    checkId: r.check_id,
    checkTitle: check?.title ?? r.check_id,
    // A check missing from today's catalog is not one this version of the app vouches for.
    origin: check?.origin ?? 'custom',
    severity: check?.severity ?? 'info',
    // The check's service, as the findings view's service filter and facets count it (a CloudTrail check about
    // the trail's S3 bucket is a CloudTrail finding); the resource's own service when the check is unknown.
    service: check?.service ?? r.service ?? '',
    // The resource's cloud, so a mixed AWS / Azure view says where each finding lives; with no resource row,
    // the check's (a check is written for one cloud); 'aws' only for an unknown check with no resource.
    provider: r.provider ?? check?.provider ?? 'aws',
    resourceUid: r.resource_uid,
    resourceName: r.name ?? r.resource_uid,
    resourceType: r.type ?? check?.resourceType ?? '',
    region: r.region ?? '',
    status: r.status,
    reason: r.reason,
  };
  if (!opts.lazyEvidence) return { ...finding, evidence: JSON.parse(r.evidence) as unknown };
  return Object.defineProperty(finding, 'evidence', {
    enumerable: true,
    get: () => JSON.parse(r.evidence) as unknown,
  }) as Finding;
}
