// The data group (KMS, RDS, DynamoDB, EFS, ElastiCache, AWS Backup) collected from the demo estate through the
// REAL SDK clients against the replay server: population, configs, pagination, a denied follow-up call, and
// the checks' statuses over what was collected matching the estate's comments (main/demo/estate/data/data.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { DATA_TYPES } from '../../main/collect/aws/data-shapes';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import { byType, resourceNamed, startHarness, type Harness } from '../fixtures/aws/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

const DATA_SERVICES = ['kms', 'rds', 'dynamodb', 'efs', 'elasticache', 'backup'];
const dataChecks = allChecks.filter((c) => DATA_SERVICES.includes(c.service));
const SHARED_KEY = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const SHARED_KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${SHARED_KEY}`;

describe('data stores over the demo estate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.collect();
  });
  afterAll(() => h.close());

  it('collects every data store of the estate, customer-managed keys only', () => {
    const data = northwindHealth.dataStores!;
    const count = (t: string) => byType(h.buffer, t).length;
    expect(count(DATA_TYPES.kmsKey)).toBe(data.kmsKeys.filter((k) => k.manager === 'CUSTOMER').length);
    expect(count(DATA_TYPES.rdsInstance)).toBe(data.rdsInstances.length);
    expect(count(DATA_TYPES.rdsCluster)).toBe(data.rdsClusters.length);
    expect(count(DATA_TYPES.rdsSnapshot) + count(DATA_TYPES.rdsClusterSnapshot)).toBe(
      data.rdsSnapshots.length,
    );
    expect(count(DATA_TYPES.dynamodbTable)).toBe(data.dynamoTables.length);
    expect(count(DATA_TYPES.efsFileSystem)).toBe(data.efsFileSystems.length);
    expect(count(DATA_TYPES.elasticacheReplicationGroup)).toBe(data.replicationGroups.length);
    expect(count(DATA_TYPES.backupRegionPlans)).toBe(3);
    expect(count(DATA_TYPES.backupVault)).toBe(data.backupVaults.length);
    expect(h.buffer.gaps.filter((g) => DATA_SERVICES.includes(g.service))).toEqual([]);
  });

  it('follows every page (KMS Marker/Truncated, RDS Marker, DynamoDB, EFS, Backup tokens)', () => {
    const calls = (service: string, operation: string, region = 'us-east-1') =>
      h.server.requests.filter(
        (r) => r.service === service && r.operation === operation && r.region === region,
      ).length;
    expect(calls('kms', 'ListKeys')).toBe(2); // 4 keys, pages of 2
    expect(calls('rds', 'DescribeDBInstances')).toBe(2); // 3 instances, pages of 2
    expect(calls('dynamodb', 'ListTables')).toBe(2); // 2 tables, pages of 1
    expect(calls('backup', 'ListBackupVaults')).toBe(2); // 2 vaults, pages of 1
    // AWS-managed keys are described but not asked for their policy.
    expect(calls('kms', 'DescribeKey')).toBe(4);
    expect(calls('kms', 'GetKeyPolicy')).toBe(3);
  });

  it('records configs as shapes say: key metadata, policy judgement, snapshot attributes, SSE and PITR', () => {
    const open = resourceNamed(h.buffer, DATA_TYPES.kmsKey, 'nwh-analytics');
    expect(open.config).toMatchObject({
      Aliases: ['alias/nwh-analytics'],
      KeyMetadata: { KeyManager: 'CUSTOMER', KeyState: 'Enabled' },
      Rotation: { KeyRotationEnabled: true },
      PolicyJudgement: { Public: true, PublicStatements: [{ sid: 'VendorPoCDecrypt' }] },
    });
    const dying = resourceNamed(h.buffer, DATA_TYPES.kmsKey, 'nwh-legacy-etl');
    expect(dying.config.KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      DeletionDate: expect.stringMatching(/^\d{4}-/),
    });
    expect(dying.config).not.toHaveProperty('Rotation');
    const snap = resourceNamed(h.buffer, DATA_TYPES.rdsSnapshot, 'nwh-reporting-db-pre-migration');
    expect(snap.config.Attributes).toEqual([{ AttributeName: 'restore', AttributeValues: ['all'] }]);
    const member = resourceNamed(h.buffer, DATA_TYPES.rdsInstance, 'nwh-patients-aurora-2');
    expect(member.config).toMatchObject({
      DBClusterIdentifier: 'nwh-patients-aurora',
      AutoMinorVersionUpgrade: false,
    });
    const sessions = resourceNamed(h.buffer, DATA_TYPES.dynamodbTable, 'nwh-sessions');
    expect(sessions.config.Table).not.toHaveProperty('SSEDescription');
    expect(sessions.config.ContinuousBackups).toMatchObject({
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    });
    expect(resourceNamed(h.buffer, DATA_TYPES.backupVault, 'Default').config).toMatchObject({
      Locked: false,
    });
  });

  it("answers every data check as the estate's comments predict", () => {
    const fx = makeSnapshot({ resources: h.buffer.resources, gaps: h.buffer.gaps, checks: dataChecks });
    try {
      const status = (check: string, uidPart: string) => {
        const f = fx.findings(check).filter((x) => x.resourceUid.endsWith(uidPart));
        expect(f, `${check} ${uidPart}`).toHaveLength(1);
        return f[0].status;
      };
      expect(status('kms_cmk_rotation_enabled', '6f5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c')).toBe('fail');
      expect(status('kms_cmk_rotation_enabled', '1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d')).toBe('pass');
      expect(status('kms_cmk_rotation_enabled', '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f')).toBe('n/a');
      expect(status('kms_key_not_publicly_accessible', '0f9e8d7c-6b5a-4a3b-9c1d-2e3f4a5b6c7d')).toBe('fail');
      expect(status('kms_key_not_publicly_accessible', SHARED_KEY)).toBe('pass');
      expect(status('kms_cmk_not_deleted_unintentionally', '7c6d5e4f-3a2b-4c1d-9e8f-1a2b3c4d5e6f')).toBe(
        'fail',
      );
      expect(status('kms_cmk_not_deleted_unintentionally', SHARED_KEY)).toBe('pass');
      for (const check of [
        'rds_instance_no_public_access',
        'rds_instance_storage_encrypted',
        'rds_instance_backup_enabled',
        'rds_instance_multi_az',
        'rds_instance_deletion_protection',
      ]) {
        expect(status(check, ':db:nwh-reporting-db')).toBe('fail');
        expect(status(check, ':db:nwh-analytics-pg')).toBe('pass');
      }
      // Aurora members are judged by their cluster.
      expect(status('rds_instance_deletion_protection', ':db:nwh-patients-aurora-1')).toBe('pass');
      expect(status('rds_instance_multi_az', ':db:nwh-patients-aurora-1')).toBe('pass');
      expect(status('rds_instance_deletion_protection', ':db:nwh-claims-aurora-dev-1')).toBe('fail');
      expect(status('rds_instance_backup_enabled', ':db:nwh-claims-mysql')).toBe('fail');
      expect(status('rds_instance_minor_version_upgrade_enabled', ':db:nwh-patients-aurora-2')).toBe('fail');
      expect(status('rds_instance_minor_version_upgrade_enabled', ':db:nwh-patients-aurora-1')).toBe('pass');
      expect(status('rds_snapshots_public_access', ':snapshot:nwh-reporting-db-pre-migration')).toBe('fail');
      expect(status('rds_snapshots_public_access', ':cluster-snapshot:nwh-claims-aurora-dev-share')).toBe(
        'pass',
      );
      expect(status('dynamodb_tables_pitr_enabled', 'table/nwh-sessions')).toBe('fail');
      expect(status('dynamodb_tables_pitr_enabled', 'table/nwh-appointments')).toBe('pass');
      expect(status('dynamodb_tables_kms_cmk_encryption_enabled', 'table/nwh-sessions')).toBe('fail');
      expect(status('dynamodb_tables_kms_cmk_encryption_enabled', 'table/nwh-claims-events')).toBe('pass');
      expect(status('efs_encryption_at_rest_enabled', 'fs-0b2c3d4e5f6a70002')).toBe('fail');
      expect(status('efs_encryption_at_rest_enabled', 'fs-0a1b2c3d4e5f60001')).toBe('pass');
      expect(status('elasticache_redis_cluster_in_transit_encryption_enabled', ':nwh-rate-limiter')).toBe(
        'fail',
      );
      expect(status('elasticache_redis_cluster_in_transit_encryption_enabled', ':nwh-session-cache')).toBe(
        'pass',
      );
      expect(status('elasticache_redis_cluster_rest_encryption_enabled', ':nwh-rate-limiter')).toBe('fail');
      expect(status('elasticache_redis_cluster_rest_encryption_enabled', ':nwh-session-cache')).toBe('pass');
      expect(status('backup_plans_exist', 'us-west-2:111122223333:backup-plans')).toBe('fail');
      expect(status('backup_plans_exist', 'us-east-1:111122223333:backup-plans')).toBe('pass');
      expect(status('backup_vaults_locked', 'backup-vault:Default')).toBe('fail');
      expect(status('backup_vaults_locked', 'backup-vault:nwh-prod-vault')).toBe('pass');
      // Nothing in the demo data group is an error.
      expect(fx.findings().filter((f) => f.status === 'error')).toEqual([]);
    } finally {
      fx.close();
    }
  });
});

describe('a denied GetKeyPolicy for one key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      estate: {
        ...northwindHealth,
        denied: [
          ...northwindHealth.denied,
          { service: 'kms', operation: 'GetKeyPolicy', resource: SHARED_KEY },
        ],
      },
    });
    await h.collect();
  });
  afterAll(() => h.close());

  it('records a gap naming the key, leaves its policy absent and makes the public-access check an error for it alone', () => {
    const gaps = h.buffer.gaps.filter((g) => g.service === 'kms');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({
      operation: 'GetKeyPolicy',
      region: 'us-east-1',
      code: 'AccessDeniedException',
      resource: SHARED_KEY_ARN,
    });
    expect(gaps[0].message).toContain(SHARED_KEY_ARN);
    const key = h.buffer.resources.find((r) => r.uid === SHARED_KEY_ARN)!;
    expect(key.config).not.toHaveProperty('Policy');
    expect(key.config).not.toHaveProperty('PolicyJudgement');
    expect(key.config).toHaveProperty('Rotation'); // the other follow-ups still ran

    const fx = makeSnapshot({ resources: h.buffer.resources, gaps: h.buffer.gaps, checks: dataChecks });
    try {
      const findings = fx.findings('kms_key_not_publicly_accessible');
      const mine = findings.find((f) => f.resourceUid === SHARED_KEY_ARN)!;
      expect(mine.status).toBe('error');
      expect(mine.reason).toMatch(/was not collected \(GetKeyPolicy failed\)/);
      expect(findings.filter((f) => f.status === 'error')).toHaveLength(1);
      expect(
        fx.findings('kms_cmk_rotation_enabled').find((f) => f.resourceUid === SHARED_KEY_ARN)?.status,
      ).toBe('pass');
    } finally {
      fx.close();
    }
  });
});
