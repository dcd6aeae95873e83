// The demo organisation's data-store facts, per account id (see main/demo/estate/sections/data.ts for the
// shape). Northwind Health (111122223333) has, for every data check, resources that pass and resources that
// fail; the comments say which. The member account (444455556666) is small and well configured. Fictional ids.
import type { DataStoresEstate, EstateKmsKey } from '../sections/data';

const MGMT = '111122223333';
const DEV = '444455556666';

/** The default key policy: the account (its IAM policies) administers and uses the key. */
const accountOnly = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
});

const key = (k: Omit<EstateKmsKey, 'manager' | 'createdDaysAgo'> & Partial<EstateKmsKey>): EstateKmsKey => ({
  manager: 'CUSTOMER',
  createdDaysAgo: 900,
  ...k,
});

const KMS_US = '1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d';
const KMS_EU = '6f5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c';
const KMS_USW2 = '0f9e8d7c-6b5a-4a3b-9c1d-2e3f4a5b6c7d';
const kmsArn = (region: string, id: string) => `arn:aws:kms:${region}:${MGMT}:key/${id}`;

const northwind: DataStoresEstate = {
  kmsKeys: [
    // PASS everything: rotation on, account-only policy. (us-east-1 has 4 keys: ListKeys spans 2 pages.)
    key({ region: 'us-east-1', id: KMS_US, aliases: ['alias/nwh-prod-data'], description: 'Production data (S3, RDS, DynamoDB)', state: 'Enabled', rotation: true, policy: accountOnly(MGMT) }),
    // FAIL kms_cmk_not_deleted_unintentionally: scheduled for deletion in 6 days (rotation: n/a, not enabled).
    key({ region: 'us-east-1', id: '7c6d5e4f-3a2b-4c1d-9e8f-1a2b3c4d5e6f', aliases: ['alias/nwh-legacy-etl'], description: 'Legacy ETL pipeline (retired?)', state: 'PendingDeletion', deletionInDays: 6, rotation: false, policy: accountOnly(MGMT) }),
    // PASS kms_key_not_publicly_accessible: Principal "*" but restricted by kms:CallerAccount.
    key({
      region: 'us-east-1',
      id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
      aliases: ['alias/nwh-shared-services'],
      description: 'Shared by services of the account via grants',
      state: 'Enabled',
      rotation: true,
      policy: {
        Version: '2012-10-17',
        Statement: [
          ...accountOnly(MGMT).Statement,
          {
            Sid: 'AllowUseFromThisAccountOnly',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': MGMT, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
          },
        ],
      },
    }),
    // AWS managed: excluded from every KMS check.
    key({ region: 'us-east-1', id: '4d5e6f7a-8b9c-4d0e-8f1a-3b4c5d6e7f8a', manager: 'AWS', aliases: ['alias/aws/rds'], description: 'Default key that protects my RDS database volumes when no other key is defined', state: 'Enabled', rotation: true }),
    // FAIL kms_cmk_rotation_enabled: rotation off.
    key({ region: 'eu-west-1', id: KMS_EU, aliases: ['alias/nwh-eu-data'], description: 'EU claims data', state: 'Enabled', rotation: false, policy: accountOnly(MGMT) }),
    key({ region: 'eu-west-1', id: '5e6f7a8b-9c0d-4e1f-9a2b-4c5d6e7f8a9b', manager: 'AWS', aliases: ['alias/aws/dynamodb'], description: 'Default key for DynamoDB', state: 'Enabled', rotation: true }),
    // FAIL kms_key_not_publicly_accessible: Principal "*" may decrypt, no condition (a vendor PoC left it open).
    key({
      region: 'us-west-2',
      id: KMS_USW2,
      aliases: ['alias/nwh-analytics'],
      description: 'Analytics data lake',
      state: 'Enabled',
      rotation: true,
      policy: {
        Version: '2012-10-17',
        Statement: [
          ...accountOnly(MGMT).Statement,
          { Sid: 'VendorPoCDecrypt', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
        ],
      },
    }),
    // Asymmetric signing key: rotation is n/a (AWS cannot rotate it); the policy passes.
    key({ region: 'us-west-2', id: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f', aliases: ['alias/nwh-code-signing'], description: 'Release signing', state: 'Enabled', spec: 'RSA_2048', usage: 'SIGN_VERIFY', rotation: false, policy: accountOnly(MGMT) }),
  ],
  rdsInstances: [
    // FAILS public access, storage encryption, backups (1 day), Multi-AZ and deletion protection.
    // (us-east-1 has 3 instances: DescribeDBInstances spans 2 pages.)
    { region: 'us-east-1', id: 'nwh-reporting-db', engine: 'postgres', engineVersion: '14.10', instanceClass: 'db.t3.medium', publiclyAccessible: true, storageEncrypted: false, backupRetentionDays: 1, multiAZ: false, deletionProtection: false, autoMinorVersionUpgrade: true, az: 'us-east-1a', createdDaysAgo: 800, tags: { Team: 'bi' } },
    // Aurora members: deletion protection, backups and Multi-AZ are the cluster's (all good), so they PASS those.
    { region: 'us-east-1', id: 'nwh-patients-aurora-1', engine: 'aurora-postgresql', engineVersion: '15.4', instanceClass: 'db.r6g.large', publiclyAccessible: false, storageEncrypted: true, kmsKeyId: kmsArn('us-east-1', KMS_US), backupRetentionDays: 14, multiAZ: false, deletionProtection: false, autoMinorVersionUpgrade: true, clusterId: 'nwh-patients-aurora', az: 'us-east-1a', createdDaysAgo: 600, tags: { Environment: 'prod' } },
    // FAIL minor version upgrade: turned off on the reader.
    { region: 'us-east-1', id: 'nwh-patients-aurora-2', engine: 'aurora-postgresql', engineVersion: '15.4', instanceClass: 'db.r6g.large', publiclyAccessible: false, storageEncrypted: true, kmsKeyId: kmsArn('us-east-1', KMS_US), backupRetentionDays: 14, multiAZ: false, deletionProtection: false, autoMinorVersionUpgrade: false, clusterId: 'nwh-patients-aurora', az: 'us-east-1b', createdDaysAgo: 600, tags: { Environment: 'prod' } },
    // FAIL backups: retention 0 = automated backups disabled. Passes the rest.
    { region: 'eu-west-1', id: 'nwh-claims-mysql', engine: 'mysql', engineVersion: '8.0.35', instanceClass: 'db.m6g.large', publiclyAccessible: false, storageEncrypted: true, kmsKeyId: kmsArn('eu-west-1', KMS_EU), backupRetentionDays: 0, multiAZ: true, deletionProtection: true, autoMinorVersionUpgrade: true, az: 'eu-west-1a', createdDaysAgo: 1200 },
    // Aurora member of a dev cluster WITHOUT deletion protection and with 1-day backups: fails both via its cluster.
    { region: 'eu-west-1', id: 'nwh-claims-aurora-dev-1', engine: 'aurora-mysql', engineVersion: '8.0.mysql_aurora.3.05.2', instanceClass: 'db.t4g.medium', publiclyAccessible: false, storageEncrypted: true, kmsKeyId: kmsArn('eu-west-1', KMS_EU), backupRetentionDays: 1, multiAZ: false, deletionProtection: false, autoMinorVersionUpgrade: true, clusterId: 'nwh-claims-aurora-dev', az: 'eu-west-1b', createdDaysAgo: 200 },
    // PASSES everything.
    { region: 'us-west-2', id: 'nwh-analytics-pg', engine: 'postgres', engineVersion: '16.1', instanceClass: 'db.m6g.xlarge', publiclyAccessible: false, storageEncrypted: true, kmsKeyId: kmsArn('us-west-2', KMS_USW2), backupRetentionDays: 7, multiAZ: true, deletionProtection: true, autoMinorVersionUpgrade: true, az: 'us-west-2a', createdDaysAgo: 500 },
  ],
  rdsClusters: [
    { region: 'us-east-1', id: 'nwh-patients-aurora', engine: 'aurora-postgresql', engineVersion: '15.4', storageEncrypted: true, kmsKeyId: kmsArn('us-east-1', KMS_US), backupRetentionDays: 14, multiAZ: true, deletionProtection: true, members: ['nwh-patients-aurora-1', 'nwh-patients-aurora-2'], createdDaysAgo: 600, tags: { Environment: 'prod' } },
    { region: 'eu-west-1', id: 'nwh-claims-aurora-dev', engine: 'aurora-mysql', engineVersion: '8.0.mysql_aurora.3.05.2', storageEncrypted: true, kmsKeyId: kmsArn('eu-west-1', KMS_EU), backupRetentionDays: 1, multiAZ: false, deletionProtection: false, members: ['nwh-claims-aurora-dev-1'], createdDaysAgo: 200 },
  ],
  rdsSnapshots: [
    // FAIL: restorable by anyone ("all").
    { kind: 'instance', region: 'us-east-1', id: 'nwh-reporting-db-pre-migration', sourceId: 'nwh-reporting-db', engine: 'postgres', encrypted: false, restore: ['all'], createdDaysAgo: 120 },
    { kind: 'instance', region: 'us-east-1', id: 'nwh-reporting-db-2024-q4', sourceId: 'nwh-reporting-db', engine: 'postgres', encrypted: false, restore: [], createdDaysAgo: 60 },
    // PASS: shared with the organisation's dev account only, not public.
    { kind: 'cluster', region: 'eu-west-1', id: 'nwh-claims-aurora-dev-share', sourceId: 'nwh-claims-aurora-dev', engine: 'aurora-mysql', encrypted: true, restore: [DEV], createdDaysAgo: 30 },
    { kind: 'cluster', region: 'us-east-1', id: 'nwh-patients-aurora-pre-upgrade', sourceId: 'nwh-patients-aurora', engine: 'aurora-postgresql', encrypted: true, restore: [], createdDaysAgo: 90 },
  ],
  dynamoTables: [
    // FAILS both: default AWS owned key, no point-in-time recovery.
    { region: 'us-east-1', name: 'nwh-sessions', encryption: 'owned', pitr: false, itemCount: 48_211, createdDaysAgo: 700 },
    { region: 'us-east-1', name: 'nwh-appointments', encryption: { kmsKeyArn: kmsArn('us-east-1', KMS_US) }, pitr: true, itemCount: 1_204_332, createdDaysAgo: 1000 },
    // PASSES both: the AWS managed key (aws/dynamodb) counts as KMS encryption (see the check).
    { region: 'eu-west-1', name: 'nwh-claims-events', encryption: 'aws-managed', pitr: true, itemCount: 530_018, createdDaysAgo: 900 },
    // FAIL KMS (AWS owned key); PITR on.
    { region: 'us-west-2', name: 'nwh-feature-flags', encryption: 'owned', pitr: true, itemCount: 212, createdDaysAgo: 400 },
  ],
  efsFileSystems: [
    { region: 'us-east-1', id: 'fs-0a1b2c3d4e5f60001', name: 'nwh-shared-docs', encrypted: true, kmsKeyId: kmsArn('us-east-1', KMS_US), createdDaysAgo: 800 },
    // FAIL: not encrypted at rest.
    { region: 'us-west-2', id: 'fs-0b2c3d4e5f6a70002', name: 'nwh-ml-scratch', encrypted: false, createdDaysAgo: 150 },
  ],
  replicationGroups: [
    { region: 'us-east-1', id: 'nwh-session-cache', description: 'Web session cache', engine: 'redis', transitEncryption: true, atRestEncryption: true, members: ['nwh-session-cache-001', 'nwh-session-cache-002'] },
    // FAILS both: no TLS, no encryption at rest.
    { region: 'eu-west-1', id: 'nwh-rate-limiter', description: 'API rate limiting counters', engine: 'redis', transitEncryption: false, atRestEncryption: false, members: ['nwh-rate-limiter-001'] },
  ],
  backupPlans: [
    { region: 'us-east-1', id: '8f1e2d3c-4b5a-4697-8877-665544332211', name: 'nwh-daily-35d', createdDaysAgo: 700 },
    { region: 'eu-west-1', id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', name: 'nwh-eu-weekly', createdDaysAgo: 500 },
    // FAIL backup_plans_exist in us-west-2: RDS, DynamoDB, EFS and EBS data there, no plan.
  ],
  backupVaults: [
    // FAIL: the Default vault is not locked.
    { region: 'us-east-1', name: 'Default', locked: false, recoveryPoints: 12, createdDaysAgo: 700 },
    { region: 'us-east-1', name: 'nwh-prod-vault', locked: true, minRetentionDays: 35, maxRetentionDays: 365, recoveryPoints: 420, createdDaysAgo: 700 },
    { region: 'eu-west-1', name: 'nwh-eu-vault', locked: true, minRetentionDays: 7, maxRetentionDays: 120, recoveryPoints: 64, createdDaysAgo: 500 },
  ],
};

const DEV_KMS = '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';

/** Small and well configured. */
const northwindDev: DataStoresEstate = {
  kmsKeys: [
    key({ region: 'us-east-1', id: DEV_KMS, aliases: ['alias/nwh-dev-data'], description: 'Dev data', state: 'Enabled', rotation: true, policy: accountOnly(DEV), createdDaysAgo: 300 }),
  ],
  rdsInstances: [
    { region: 'us-east-1', id: 'nwh-dev-app-db', engine: 'postgres', engineVersion: '16.1', instanceClass: 'db.t4g.medium', publiclyAccessible: false, storageEncrypted: true, kmsKeyId: `arn:aws:kms:us-east-1:${DEV}:key/${DEV_KMS}`, backupRetentionDays: 7, multiAZ: true, deletionProtection: true, autoMinorVersionUpgrade: true, az: 'us-east-1c', createdDaysAgo: 250 },
  ],
  rdsClusters: [],
  rdsSnapshots: [],
  dynamoTables: [
    { region: 'us-east-1', name: 'nwh-dev-sessions', encryption: { kmsKeyArn: `arn:aws:kms:us-east-1:${DEV}:key/${DEV_KMS}` }, pitr: true, itemCount: 1_022, createdDaysAgo: 200 },
  ],
  efsFileSystems: [],
  replicationGroups: [],
  backupPlans: [{ region: 'us-east-1', id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', name: 'nwh-dev-daily-7d', createdDaysAgo: 250 }],
  backupVaults: [{ region: 'us-east-1', name: 'nwh-dev-vault', locked: true, minRetentionDays: 7, maxRetentionDays: 35, recoveryPoints: 14, createdDaysAgo: 250 }],
};

export const DATA_ESTATE: Record<string, DataStoresEstate> = {
  [MGMT]: northwind,
  [DEV]: northwindDev,
};
