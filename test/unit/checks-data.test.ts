// Finer cases of the data group's checks than the pass/fail/error fixtures: cluster members judged by their
// cluster, "not applicable" kept apart from "not collected", and reasons that name what was seen.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import { allChecks } from '../../main/checks/catalog';
import { BACKUP_PLANS_UNKNOWN_DATA } from '../helpers/check-fixtures/data';
import { awsResource, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function judge(checkId: string, resources: CollectedResource[], uid: string, gaps: CollectionGap[] = []) {
  fx?.close();
  fx = makeSnapshot({ resources, gaps, checks: allChecks.filter((c) => c.id === checkId) });
  const f = fx.findings(checkId).filter((x) => x.resourceUid === uid);
  expect(f).toHaveLength(1);
  return f[0];
}

const ARN = 'arn:aws:kms:us-east-1:111122223333:key/k1';
const key = (meta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  awsResource(
    'AWS::KMS::Key',
    ARN,
    {
      KeyId: 'k1',
      KeyArn: ARN,
      KeyMetadata: {
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        Origin: 'AWS_KMS',
        ...meta,
      },
      ...extra,
    },
    { name: 'k1' },
  );

describe('kms', () => {
  it('rotation is n/a for keys AWS cannot rotate, but an error when the key was not described', () => {
    expect(
      judge('kms_cmk_rotation_enabled', [key({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })], ARN),
    ).toMatchObject({
      status: 'n/a',
      reason: 'KMS key k1 is a RSA_2048 SIGN_VERIFY key, which AWS cannot rotate automatically',
    });
    expect(judge('kms_cmk_rotation_enabled', [key({ KeyState: 'PendingDeletion' })], ARN).status).toBe('n/a');
    expect(judge('kms_cmk_rotation_enabled', [key({ Origin: 'EXTERNAL' })], ARN).status).toBe('n/a');
    const bare = awsResource('AWS::KMS::Key', ARN, { KeyId: 'k1', KeyArn: ARN }, { name: 'k1' });
    expect(judge('kms_cmk_rotation_enabled', [bare], ARN)).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/DescribeKey failed/),
    });
  });
  it('names the public statement, and says why a restricted wildcard passes', () => {
    const judged = (j: Record<string, unknown>) =>
      key(
        {},
        {
          Policy: '{}',
          PolicyJudgement: { Public: false, PublicStatements: [], RestrictedStatements: [], ...j },
        },
      );
    expect(
      judge(
        'kms_key_not_publicly_accessible',
        [
          judged({
            Public: true,
            PublicStatements: [
              { sid: 'Open', reason: 'Allow to Principal "*" without a restricting condition' },
            ],
          }),
        ],
        ARN,
      ).reason,
    ).toBe(
      'Key policy of KMS key k1 allows anyone: Open (Allow to Principal "*" without a restricting condition)',
    );
    expect(
      judge(
        'kms_key_not_publicly_accessible',
        [
          judged({
            RestrictedStatements: [{ sid: 'Org', reason: 'Principal "*" restricted by kms:CallerAccount' }],
          }),
        ],
        ARN,
      ),
    ).toMatchObject({
      status: 'pass',
      reason: expect.stringContaining('Org (Principal "*" restricted by kms:CallerAccount)'),
    });
    expect(
      judge('kms_key_not_publicly_accessible', [judged({ ParseError: 'the policy is not valid JSON' })], ARN),
    ).toMatchObject({
      status: 'error',
      reason: 'KMS key k1 has no readable key policy: the policy is not valid JSON',
    });
  });
  it('names the deletion date', () => {
    expect(
      judge(
        'kms_cmk_not_deleted_unintentionally',
        [key({ KeyState: 'PendingDeletion', DeletionDate: '2025-07-06T00:00:00.000Z' })],
        ARN,
      ).reason,
    ).toContain('scheduled for deletion on 2025-07-06T00:00:00.000Z');
  });
});

describe('rds', () => {
  const DB = 'arn:aws:rds:us-east-1:111122223333:db:m1';
  const CL = 'arn:aws:rds:us-east-1:111122223333:cluster:c1';
  const member = awsResource(
    'AWS::RDS::DBInstance',
    DB,
    {
      DBInstanceIdentifier: 'm1',
      DBClusterIdentifier: 'c1',
      DeletionProtection: false,
      MultiAZ: false,
      BackupRetentionPeriod: 1,
    },
    { name: 'm1' },
  );
  const cluster = (cfg: Record<string, unknown>) =>
    awsResource('AWS::RDS::DBCluster', CL, { DBClusterIdentifier: 'c1', ...cfg }, { name: 'c1' });
  it('judges an Aurora member by its cluster, in the same region only', () => {
    expect(
      judge('rds_instance_deletion_protection', [member, cluster({ DeletionProtection: true })], DB),
    ).toMatchObject({
      status: 'pass',
      reason: 'DB instance m1 (via its cluster c1) has deletion protection enabled',
    });
    expect(
      judge('rds_instance_backup_enabled', [member, cluster({ BackupRetentionPeriod: 3 })], DB).reason,
    ).toBe('DB instance m1 (via its cluster c1) keeps automated backups for only 3 day(s), fewer than 7');
    const elsewhere = awsResource(
      'AWS::RDS::DBCluster',
      'arn:aws:rds:eu-west-1:111122223333:cluster:c1',
      { DBClusterIdentifier: 'c1', MultiAZ: true },
      { region: 'eu-west-1' },
    );
    expect(judge('rds_instance_multi_az', [member, elsewhere], DB).status).toBe('error');
  });
  it('says who a shared snapshot is shared with', () => {
    const S = 'arn:aws:rds:us-east-1:111122223333:cluster-snapshot:s1';
    const snap = awsResource(
      'AWS::RDS::DBClusterSnapshot',
      S,
      { Attributes: [{ AttributeName: 'restore', AttributeValues: ['444455556666'] }] },
      { name: 's1' },
    );
    expect(judge('rds_snapshots_public_access', [snap], S)).toMatchObject({
      status: 'pass',
      reason: 'DB cluster snapshot s1 is not public; it is shared with account(s) 444455556666',
    });
  });
});

describe('dynamodb and backup', () => {
  it('passes the AWS managed key and fails the AWS owned key with the reason', () => {
    const T = 'arn:aws:dynamodb:us-east-1:111122223333:table/t';
    const table = (t: Record<string, unknown>) =>
      awsResource('AWS::DynamoDB::Table', T, { TableName: 't', Table: t }, { name: 't' });
    expect(
      judge('dynamodb_tables_kms_cmk_encryption_enabled', [table({ TableStatus: 'ACTIVE' })], T).reason,
    ).toContain('default AWS owned key');
    expect(
      judge(
        'dynamodb_tables_kms_cmk_encryption_enabled',
        [table({ SSEDescription: { SSEType: 'KMS', Status: 'INACCESSIBLE_ENCRYPTION_CREDENTIALS' } })],
        T,
      ).status,
    ).toBe('fail');
  });
  it('backup plans: n/a without data, error when the data listing failed there', () => {
    const P = 'arn:aws:backup:us-east-1:111122223333:backup-plans';
    const plans = awsResource('AWS::Backup::RegionPlans', P, { Region: 'us-east-1', BackupPlans: [] });
    expect(judge('backup_plans_exist', [plans], P).status).toBe('n/a');
    const u = BACKUP_PLANS_UNKNOWN_DATA;
    expect(judge('backup_plans_exist', u.resources, u.uid, u.gaps)).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/unknown: dynamodb:ListTables failed there/),
    });
    // Data in another region does not make this region fail.
    const vol = awsResource(
      'AWS::EC2::Volume',
      'arn:aws:ec2:eu-west-1:111122223333:volume/v',
      { Encrypted: true },
      { region: 'eu-west-1' },
    );
    expect(judge('backup_plans_exist', [plans, vol], P).status).toBe('n/a');
  });
});
