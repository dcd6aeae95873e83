// The resource types the data-store collectors (KMS, RDS, DynamoDB, EFS, ElastiCache, AWS Backup) write and
// the checks in main/checks/aws/{kms,rds,dynamodb,efs,elasticache,backup}/ read. Same contract as shapes.ts:
// config is the SDK's output object (PascalCase) with follow-up results under the keys documented here, and
// the gap convention holds: a follow-up call that FAILED leaves its key ABSENT (and a collection_errors row);
// "collected, there is none" is JSON null. Dates are ISO-8601 strings.
import type { PolicyJudgement } from './policy-judgement';

export const DATA_TYPES = {
  /** uid: the key ARN. Customer-managed keys only (DescribeKey KeyManager CUSTOMER) or keys DescribeKey could not read. */
  kmsKey: 'AWS::KMS::Key',
  /** uid: DBInstanceArn. Every DescribeDBInstances entry (Aurora members carry DBClusterIdentifier). */
  rdsInstance: 'AWS::RDS::DBInstance',
  /** uid: DBClusterArn (Aurora and Multi-AZ DB clusters). */
  rdsCluster: 'AWS::RDS::DBCluster',
  /** uid: DBSnapshotArn. Manual snapshots owned by the account (the ones that can be shared). */
  rdsSnapshot: 'AWS::RDS::DBSnapshot',
  /** uid: DBClusterSnapshotArn. Manual cluster snapshots owned by the account. */
  rdsClusterSnapshot: 'AWS::RDS::DBClusterSnapshot',
  /** uid: the table ARN. */
  dynamodbTable: 'AWS::DynamoDB::Table',
  /** uid: FileSystemArn. */
  efsFileSystem: 'AWS::EFS::FileSystem',
  /** uid: the replication group ARN (Redis OSS / Valkey; Memcached has no replication groups). */
  elasticacheReplicationGroup: 'AWS::ElastiCache::ReplicationGroup',
  /** uid: arn:aws:backup:<region>:<account>:backup-plans. One per collected region: the region's plan inventory. */
  backupRegionPlans: 'AWS::Backup::RegionPlans',
  /** uid: BackupVaultArn. */
  backupVault: 'AWS::Backup::BackupVault',
} as const;

/** config of AWS::KMS::Key: the ListKeys entry plus follow-ups. */
export type KmsKeyConfig = {
  KeyId: string;
  KeyArn: string;
  /** DescribeKey .KeyMetadata (KeyManager, KeyState, KeySpec, KeyUsage, Origin, DeletionDate...). Absent = not collected. */
  KeyMetadata?: {
    KeyManager?: string;
    KeyState?: string;
    KeySpec?: string;
    KeyUsage?: string;
    Origin?: string;
    DeletionDate?: string;
    Description?: string;
  };
  /** Alias names pointing at the key (ListAliases); [] = none. Absent when ListAliases failed in the region. */
  Aliases?: string[];
  /**
   * GetKeyRotationStatus output (KeyRotationEnabled, RotationPeriodInDays, NextRotationDate). Only asked for
   * enabled symmetric ENCRYPT_DECRYPT keys with AWS_KMS key material (the only keys AWS can rotate); absent
   * otherwise or when the call failed; the rotation check decides "not applicable" from KeyMetadata first.
   */
  Rotation?: { KeyRotationEnabled?: boolean; RotationPeriodInDays?: number; NextRotationDate?: string };
  /** GetKeyPolicy (PolicyName "default") .Policy, the JSON text. Absent = not collected. */
  Policy?: string;
  /** judgePolicy(Policy, account): attached whenever Policy is. */
  PolicyJudgement?: PolicyJudgement;
};

/** config of AWS::RDS::DBInstance: the DescribeDBInstances entry as is. */
export type RdsInstanceConfig = {
  DBInstanceIdentifier: string;
  DBInstanceArn: string;
  Engine?: string;
  DBClusterIdentifier?: string;
  PubliclyAccessible?: boolean;
  StorageEncrypted?: boolean;
  KmsKeyId?: string;
  BackupRetentionPeriod?: number;
  MultiAZ?: boolean;
  DeletionProtection?: boolean;
  AutoMinorVersionUpgrade?: boolean;
};

/** config of AWS::RDS::DBCluster: the DescribeDBClusters entry as is. */
export type RdsClusterConfig = {
  DBClusterIdentifier: string;
  DBClusterArn: string;
  Engine?: string;
  StorageEncrypted?: boolean;
  DeletionProtection?: boolean;
  BackupRetentionPeriod?: number;
  MultiAZ?: boolean;
  DBClusterMembers?: { DBInstanceIdentifier?: string; IsClusterWriter?: boolean }[];
};

/** One DescribeDB[Cluster]SnapshotAttributes attribute: restore -> account ids, or "all" for public. */
export type SnapshotAttribute = { AttributeName?: string; AttributeValues?: string[] };

/** config of AWS::RDS::DBSnapshot: DescribeDBSnapshots entry + Attributes. */
export type RdsSnapshotConfig = {
  DBSnapshotIdentifier: string;
  DBSnapshotArn: string;
  DBInstanceIdentifier?: string;
  SnapshotType?: string;
  Encrypted?: boolean;
  /** DescribeDBSnapshotAttributes .DBSnapshotAttributesResult.DBSnapshotAttributes. Absent = not collected. */
  Attributes?: SnapshotAttribute[];
};

/** config of AWS::RDS::DBClusterSnapshot: DescribeDBClusterSnapshots entry + Attributes. */
export type RdsClusterSnapshotConfig = {
  DBClusterSnapshotIdentifier: string;
  DBClusterSnapshotArn: string;
  DBClusterIdentifier?: string;
  SnapshotType?: string;
  StorageEncrypted?: boolean;
  /** DescribeDBClusterSnapshotAttributes .DBClusterSnapshotAttributesResult.DBClusterSnapshotAttributes. */
  Attributes?: SnapshotAttribute[];
};

/** config of AWS::DynamoDB::Table: the ListTables name plus follow-ups. */
export type DynamoDbTableConfig = {
  TableName: string;
  /**
   * DescribeTable .Table. Its SSEDescription is ABSENT when the table uses the default AWS owned key (that is
   * how DynamoDB reports it), and { SSEType: 'KMS', KMSMasterKeyArn, Status } for an AWS managed or customer
   * managed KMS key. Table absent = DescribeTable failed.
   */
  Table?: {
    TableArn?: string;
    TableStatus?: string;
    SSEDescription?: { Status?: string; SSEType?: string; KMSMasterKeyArn?: string };
  };
  /** DescribeContinuousBackups .ContinuousBackupsDescription. Absent = not collected. */
  ContinuousBackups?: {
    ContinuousBackupsStatus?: string;
    PointInTimeRecoveryDescription?: { PointInTimeRecoveryStatus?: string; RecoveryPeriodInDays?: number };
  };
};

/** config of AWS::EFS::FileSystem: the DescribeFileSystems entry as is. */
export type EfsFileSystemConfig = {
  FileSystemId: string;
  FileSystemArn?: string;
  Name?: string;
  Encrypted?: boolean;
  KmsKeyId?: string;
};

/** config of AWS::ElastiCache::ReplicationGroup: the DescribeReplicationGroups entry as is. */
export type ElastiCacheReplicationGroupConfig = {
  ReplicationGroupId: string;
  ARN?: string;
  Engine?: string;
  TransitEncryptionEnabled?: boolean;
  TransitEncryptionMode?: string;
  AtRestEncryptionEnabled?: boolean;
  KmsKeyId?: string;
};

/** config of AWS::Backup::RegionPlans. */
export type BackupRegionPlansConfig = {
  Region: string;
  /** ListBackupPlans .BackupPlansList over every page; [] = no plan. Absent = not collected. */
  BackupPlans?: { BackupPlanName?: string; BackupPlanId?: string; BackupPlanArn?: string }[];
};

/** config of AWS::Backup::BackupVault: the ListBackupVaults entry as is (it carries the Vault Lock state). */
export type BackupVaultConfig = {
  BackupVaultName: string;
  BackupVaultArn: string;
  /** Vault Lock applied (governance or compliance mode). */
  Locked?: boolean;
  MinRetentionDays?: number;
  MaxRetentionDays?: number;
  LockDate?: string;
  NumberOfRecoveryPoints?: number;
};
