// The cloud on a finding (Finding.provider): the findings view's Cloud column and the detail read it. It is the
// resource's own provider; a finding with no resource row (a check reporting on something it did not find)
// takes the check's. findings.query (the view) and listFindings (CLI, exports) must say the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFindings } from '../../main/checks/engine';
import { findingFromRow } from '../../main/checks/finding-row';
import { queryFindings } from '../../main/checks/findings-query';
import type { CollectedResource } from '../../main/core/evidence-rows';
import { makeSnapshot, testCheck, type SnapshotFixture } from '../helpers/snapshot-fixture';

// Two resources of each cloud, and one finding with no resource row, each from a check of its own cloud.
const resources: CollectedResource[] = [
  ...['a', 'b'].map((n) => ({
    uid: `arn:aws:s3:::bucket-${n}`,
    provider: 'aws' as const,
    service: 's3',
    type: 'AWS::S3::Bucket',
    region: 'us-east-1',
    name: `bucket-${n}`,
    tags: {},
    config: {},
  })),
  ...['a', 'b'].map((n) => ({
    uid: `/subscriptions/0000/resourcegroups/rg/providers/microsoft.storage/storageaccounts/sa${n}`,
    provider: 'azure' as const,
    service: 'storage',
    type: 'Microsoft.Storage/storageAccounts',
    region: 'westeurope',
    name: `sa${n}`,
    tags: {},
    config: {},
  })),
];
const remediation = { console: 'Fix it.', cli: 'fix', terraform: 'fix = true' };
const checks = [
  testCheck({
    id: 'test_aws_bucket_seen',
    service: 's3',
    title: 'Bucket seen',
    severity: 'low',
    resourceType: 'AWS::S3::Bucket',
    rationale: 'Test.',
    remediation,
    sql: `SELECT uid AS resource_uid, 'pass' AS status, 'seen' AS reason, '{}' AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'`,
  }),
  testCheck({
    id: 'test_azure_account_seen',
    provider: 'azure',
    service: 'storage',
    title: 'Storage account seen',
    severity: 'low',
    resourceType: 'Microsoft.Storage/storageAccounts',
    rationale: 'Test.',
    remediation,
    sql: `SELECT uid AS resource_uid, 'fail' AS status, 'seen' AS reason, '{}' AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'`,
  }),
  testCheck({
    id: 'test_azure_missing_policy',
    provider: 'azure',
    service: 'policy',
    title: 'Policy assignment missing',
    severity: 'medium',
    resourceType: 'Microsoft.Authorization/policyAssignments',
    rationale: 'Test.',
    remediation,
    sql: `SELECT '/subscriptions/0000/policy-not-collected' AS resource_uid, 'error' AS status,
  'not collected' AS reason, '{}' AS evidence WHERE @snapshot_id IS NOT NULL`,
  }),
];

let fx: SnapshotFixture;
beforeAll(() => {
  fx = makeSnapshot({ resources, checks });
});
afterAll(() => fx?.close());

const byUid = (rows: { resourceUid: string; provider: string }[]) =>
  Object.fromEntries(rows.map((f) => [f.resourceUid, f.provider]));

describe('Finding.provider', () => {
  it('is the resource’s cloud, else the check’s, the same in findings.query and listFindings', () => {
    const listed = listFindings(fx.db, fx.snapshotId, checks);
    expect(listed).toHaveLength(5);
    expect(byUid(listed)).toEqual({
      'arn:aws:s3:::bucket-a': 'aws',
      'arn:aws:s3:::bucket-b': 'aws',
      '/subscriptions/0000/resourcegroups/rg/providers/microsoft.storage/storageaccounts/saa': 'azure',
      '/subscriptions/0000/resourcegroups/rg/providers/microsoft.storage/storageaccounts/sab': 'azure',
      '/subscriptions/0000/policy-not-collected': 'azure',
    });
    // Both the group walk and a row-level sort read the provider.
    for (const sort of [[], [{ column: 'resource' as const, direction: 'asc' as const }]]) {
      const page = queryFindings(fx.db, fx.snapshotId, checks, { sort, limit: 50 });
      expect(byUid(page.rows)).toEqual(byUid(listed));
    }
  });

  it('falls back to the check’s cloud only when the finding has no resource row', () => {
    const row = {
      check_id: 'test_azure_missing_policy',
      resource_uid: 'x',
      status: 'error' as const,
      reason: 'r',
      evidence: '{}',
      name: null,
      type: null,
      region: null,
      service: null,
    };
    expect(findingFromRow({ ...row, provider: null }, checks[2]).provider).toBe('azure');
    expect(findingFromRow({ ...row, provider: 'aws' }, checks[2]).provider).toBe('aws');
  });
});
