// Pass, fail and data-missing fixtures for the data group's checks (merged into CHECK_FIXTURES). Each starts
// from a well-configured resource and overrides (fail) or removes (error: the follow-up call failed, or the
// field was not reported) the value its check decides on.
import type { CollectedResource } from '../../../main/collect/types';
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { awsResource, gap } from '../snapshot-fixture';

const ACCOUNT = '111122223333';
const R = 'us-east-1';

function without(config: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...config };
  for (const k of keys) delete copy[k];
  return copy;
}
const one = (r: CollectedResource, ...more: CollectedResource[]): CheckCase => ({
  resources: [r, ...more],
  uid: r.uid,
});

// KMS
const KEY_ARN = `arn:aws:kms:${R}:${ACCOUNT}:key/11111111-2222-4333-8444-555555555555`;
const accountOnlyPolicy = {
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
  ],
};
const goodKey: Record<string, unknown> = {
  KeyId: '11111111-2222-4333-8444-555555555555',
  KeyArn: KEY_ARN,
  KeyMetadata: {
    KeyManager: 'CUSTOMER',
    KeyState: 'Enabled',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    Origin: 'AWS_KMS',
  },
  Rotation: { KeyRotationEnabled: true, RotationPeriodInDays: 365 },
  Policy: JSON.stringify(accountOnlyPolicy),
  PolicyJudgement: {
    Public: false,
    PublicStatements: [],
    RestrictedStatements: [],
    CrossAccounts: [],
    CrossAccountsWithoutExternalId: [],
  },
};
const kmsKey = (config: Record<string, unknown>) =>
  one(awsResource('AWS::KMS::Key', KEY_ARN, config, { name: 'app-data' }));

// RDS
const DB_ARN = `arn:aws:rds:${R}:${ACCOUNT}:db:app-db`;
const goodDb: Record<string, unknown> = {
  DBInstanceIdentifier: 'app-db',
  DBInstanceArn: DB_ARN,
  Engine: 'postgres',
  PubliclyAccessible: false,
  StorageEncrypted: true,
  BackupRetentionPeriod: 7,
  MultiAZ: true,
  DeletionProtection: true,
  AutoMinorVersionUpgrade: true,
};
const db = (config: Record<string, unknown>) =>
  one(awsResource('AWS::RDS::DBInstance', DB_ARN, config, { name: 'app-db' }));
const rds = (key: string, failing: unknown): CheckFixtures => ({
  pass: db(goodDb),
  fail: db({ ...goodDb, [key]: failing }),
  error: db(without(goodDb, key)),
});
// Aurora member whose cluster was not collected (DescribeDBClusters failed): the cluster's setting is unknown.
const orphanMember = db({
  ...goodDb,
  DBClusterIdentifier: 'aurora-x',
  MultiAZ: false,
  DeletionProtection: false,
});
const SNAP_ARN = `arn:aws:rds:${R}:${ACCOUNT}:snapshot:app-db-manual`;
const snapshot = (attributes?: unknown) =>
  one(
    awsResource(
      'AWS::RDS::DBSnapshot',
      SNAP_ARN,
      {
        DBSnapshotIdentifier: 'app-db-manual',
        DBSnapshotArn: SNAP_ARN,
        SnapshotType: 'manual',
        ...(attributes === undefined ? {} : { Attributes: attributes }),
      },
      { name: 'app-db-manual' },
    ),
  );

// DynamoDB
const TABLE_ARN = `arn:aws:dynamodb:${R}:${ACCOUNT}:table/orders`;
const goodTable: Record<string, unknown> = {
  TableName: 'orders',
  Table: {
    TableArn: TABLE_ARN,
    TableStatus: 'ACTIVE',
    SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: KEY_ARN },
  },
  ContinuousBackups: {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' },
  },
};
const table = (config: Record<string, unknown>) =>
  one(awsResource('AWS::DynamoDB::Table', TABLE_ARN, config, { name: 'orders' }));

// EFS, ElastiCache
const FS_ARN = `arn:aws:elasticfilesystem:${R}:${ACCOUNT}:file-system/fs-1`;
const fs = (config: Record<string, unknown>) =>
  one(awsResource('AWS::EFS::FileSystem', FS_ARN, { FileSystemId: 'fs-1', ...config }, { name: 'fs-1' }));
const RG_ARN = `arn:aws:elasticache:${R}:${ACCOUNT}:replicationgroup:cache`;
const goodGroup = {
  ReplicationGroupId: 'cache',
  Engine: 'redis',
  TransitEncryptionEnabled: true,
  AtRestEncryptionEnabled: true,
};
const group = (config: Record<string, unknown>) =>
  one(awsResource('AWS::ElastiCache::ReplicationGroup', RG_ARN, config, { name: 'cache' }));

// Backup
const PLANS_UID = `arn:aws:backup:${R}:${ACCOUNT}:backup-plans`;
const plans = (config: Record<string, unknown>, ...more: CollectedResource[]) =>
  one(
    awsResource(
      'AWS::Backup::RegionPlans',
      PLANS_UID,
      { Region: R, ...config },
      { name: `Backup plans in ${R}` },
    ),
    ...more,
  );
const VAULT_ARN = `arn:aws:backup:${R}:${ACCOUNT}:backup-vault:main`;
const vault = (config: Record<string, unknown>) =>
  one(
    awsResource(
      'AWS::Backup::BackupVault',
      VAULT_ARN,
      { BackupVaultName: 'main', BackupVaultArn: VAULT_ARN, ...config },
      { name: 'main' },
    ),
  );

export const DATA_FIXTURES: Record<string, CheckFixtures> = {
  kms_cmk_rotation_enabled: {
    pass: kmsKey(goodKey),
    fail: kmsKey({ ...goodKey, Rotation: { KeyRotationEnabled: false } }),
    error: kmsKey(without(goodKey, 'Rotation')),
  },
  kms_key_not_publicly_accessible: {
    pass: kmsKey(goodKey),
    fail: kmsKey({
      ...goodKey,
      PolicyJudgement: {
        ...(goodKey.PolicyJudgement as object),
        Public: true,
        PublicStatements: [{ sid: 'Open', reason: 'Allow to Principal "*" without a restricting condition' }],
      },
    }),
    error: kmsKey(without(goodKey, 'Policy', 'PolicyJudgement')),
  },
  kms_cmk_not_deleted_unintentionally: {
    pass: kmsKey(goodKey),
    fail: kmsKey({
      ...goodKey,
      KeyMetadata: {
        ...(goodKey.KeyMetadata as object),
        KeyState: 'PendingDeletion',
        DeletionDate: '2025-07-07T00:00:00.000Z',
      },
    }),
    error: kmsKey(without(goodKey, 'KeyMetadata')),
  },

  rds_instance_no_public_access: rds('PubliclyAccessible', true),
  rds_instance_storage_encrypted: rds('StorageEncrypted', false),
  rds_instance_backup_enabled: rds('BackupRetentionPeriod', 0),
  rds_instance_multi_az: { ...rds('MultiAZ', false), error: orphanMember },
  rds_instance_deletion_protection: { ...rds('DeletionProtection', false), error: orphanMember },
  rds_instance_minor_version_upgrade_enabled: rds('AutoMinorVersionUpgrade', false),
  rds_snapshots_public_access: {
    pass: snapshot([{ AttributeName: 'restore', AttributeValues: ['444455556666'] }]),
    fail: snapshot([{ AttributeName: 'restore', AttributeValues: ['all'] }]),
    error: snapshot(),
  },

  dynamodb_tables_pitr_enabled: {
    pass: table(goodTable),
    fail: table({
      ...goodTable,
      ContinuousBackups: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    }),
    error: table(without(goodTable, 'ContinuousBackups')),
  },
  dynamodb_tables_kms_cmk_encryption_enabled: {
    pass: table(goodTable),
    // DescribeTable answered, without SSEDescription: the default AWS owned key.
    fail: table({ ...goodTable, Table: { TableArn: TABLE_ARN, TableStatus: 'ACTIVE' } }),
    error: table(without(goodTable, 'Table')),
  },

  efs_encryption_at_rest_enabled: {
    pass: fs({ Encrypted: true }),
    fail: fs({ Encrypted: false }),
    error: fs({}),
  },
  elasticache_redis_cluster_in_transit_encryption_enabled: {
    pass: group(goodGroup),
    fail: group({ ...goodGroup, TransitEncryptionEnabled: false }),
    error: group(without(goodGroup, 'TransitEncryptionEnabled')),
  },
  elasticache_redis_cluster_rest_encryption_enabled: {
    pass: group(goodGroup),
    fail: group({ ...goodGroup, AtRestEncryptionEnabled: false }),
    error: group(without(goodGroup, 'AtRestEncryptionEnabled')),
  },

  backup_plans_exist: {
    pass: plans({ BackupPlans: [{ BackupPlanName: 'daily', BackupPlanId: 'p-1' }] }),
    // No plan, and the region holds a DynamoDB table.
    fail: plans({ BackupPlans: [] }, table(goodTable).resources[0]),
    error: plans({}),
  },
  backup_vaults_locked: {
    pass: vault({ Locked: true, MinRetentionDays: 7 }),
    fail: vault({ Locked: false, NumberOfRecoveryPoints: 3 }),
    error: vault({}),
  },
};

/** A region with no plan and no data, but whose DynamoDB listing failed: unknown, not n/a. */
export const BACKUP_PLANS_UNKNOWN_DATA: CheckCase = {
  resources: plans({ BackupPlans: [] }).resources,
  gaps: [gap('dynamodb', 'ListTables', R)],
  uid: PLANS_UID,
};
