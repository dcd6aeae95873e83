// The data group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const DATA_CALLS: readonly ApiCall[] = [
  {
    service: 'kms',
    operation: 'ListKeys',
    action: 'kms:ListKeys',
    why: 'Lists the KMS keys of each region: the population for the KMS checks.',
  },
  {
    service: 'kms',
    operation: 'ListAliases',
    action: 'kms:ListAliases',
    why: 'Names each KMS key by its aliases so findings say which key they are about.',
  },
  {
    service: 'kms',
    operation: 'DescribeKey',
    action: 'kms:DescribeKey',
    why: 'Reads who manages each key (customer or AWS), its state, spec, usage and any scheduled deletion date.',
  },
  {
    service: 'kms',
    operation: 'GetKeyRotationStatus',
    action: 'kms:GetKeyRotationStatus',
    why: 'Reads whether automatic rotation is on for each customer-managed symmetric key (key rotation check).',
  },
  {
    service: 'kms',
    operation: 'GetKeyPolicy',
    action: 'kms:GetKeyPolicy',
    why: "Reads each customer-managed key's policy to judge whether it lets anyone outside the account use the key.",
  },
  {
    service: 'rds',
    operation: 'DescribeDBInstances',
    action: 'rds:DescribeDBInstances',
    why: 'Lists the RDS DB instances with their public access, encryption, backup, Multi-AZ and upgrade settings.',
  },
  {
    service: 'rds',
    operation: 'DescribeDBClusters',
    action: 'rds:DescribeDBClusters',
    why: 'Lists the Aurora / Multi-AZ DB clusters, which hold deletion protection, backup and Multi-AZ for their members.',
  },
  {
    service: 'rds',
    operation: 'DescribeDBSnapshots',
    action: 'rds:DescribeDBSnapshots',
    why: 'Lists the manual DB snapshots, the ones that can be shared or made public.',
  },
  {
    service: 'rds',
    operation: 'DescribeDBSnapshotAttributes',
    action: 'rds:DescribeDBSnapshotAttributes',
    why: 'Reads who may restore each manual DB snapshot ("all" means public).',
  },
  {
    service: 'rds',
    operation: 'DescribeDBClusterSnapshots',
    action: 'rds:DescribeDBClusterSnapshots',
    why: 'Lists the manual DB cluster snapshots, the ones that can be shared or made public.',
  },
  {
    service: 'rds',
    operation: 'DescribeDBClusterSnapshotAttributes',
    action: 'rds:DescribeDBClusterSnapshotAttributes',
    why: 'Reads who may restore each manual DB cluster snapshot ("all" means public).',
  },
  {
    service: 'dynamodb',
    operation: 'ListTables',
    action: 'dynamodb:ListTables',
    why: 'Lists the DynamoDB tables of each region: the population for the DynamoDB checks.',
  },
  {
    service: 'dynamodb',
    operation: 'DescribeTable',
    action: 'dynamodb:DescribeTable',
    why: 'Reads which key encrypts each table (AWS owned, AWS managed or customer managed KMS key).',
  },
  {
    service: 'dynamodb',
    operation: 'DescribeContinuousBackups',
    action: 'dynamodb:DescribeContinuousBackups',
    why: 'Reads whether point-in-time recovery is enabled for each table.',
  },
  {
    service: 'elasticfilesystem',
    operation: 'DescribeFileSystems',
    action: 'elasticfilesystem:DescribeFileSystems',
    why: 'Lists the EFS file systems with their encryption at rest setting.',
  },
  {
    service: 'elasticache',
    operation: 'DescribeReplicationGroups',
    action: 'elasticache:DescribeReplicationGroups',
    why: 'Lists the ElastiCache (Redis OSS / Valkey) replication groups with their in-transit and at-rest encryption.',
  },
  {
    service: 'backup',
    operation: 'ListBackupPlans',
    action: 'backup:ListBackupPlans',
    why: 'Lists the AWS Backup plans of each region (is anything scheduled to back up the data stores).',
  },
  {
    service: 'backup',
    operation: 'ListBackupVaults',
    action: 'backup:ListBackupVaults',
    why: 'Lists the AWS Backup vaults with their Vault Lock state (can recovery points be deleted early).',
  },
];
