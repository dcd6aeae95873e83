// The data group's part of a replayable account (Estate.dataStores): the facts its replay responders render
// (KMS, RDS, DynamoDB, EFS, ElastiCache, AWS Backup). Dates are days relative to the request, as elsewhere.

export type EstateKmsKey = {
  region: string;
  /** Key id (a UUID). */
  id: string;
  manager: 'CUSTOMER' | 'AWS';
  aliases?: string[];
  description?: string;
  state: 'Enabled' | 'Disabled' | 'PendingDeletion';
  /** Default SYMMETRIC_DEFAULT / ENCRYPT_DECRYPT / AWS_KMS. */
  spec?: 'SYMMETRIC_DEFAULT' | 'RSA_2048' | 'ECC_NIST_P256';
  usage?: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY';
  origin?: 'AWS_KMS' | 'EXTERNAL';
  rotation: boolean;
  /** PendingDeletion only: days from now until the key is deleted. */
  deletionInDays?: number;
  createdDaysAgo: number;
  /** The key policy document (default: the account root may administer and use the key). */
  policy?: { Version: string; Statement: unknown[] };
};

export type EstateRdsInstance = {
  region: string;
  id: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  publiclyAccessible: boolean;
  storageEncrypted: boolean;
  kmsKeyId?: string;
  backupRetentionDays: number;
  multiAZ: boolean;
  deletionProtection: boolean;
  autoMinorVersionUpgrade: boolean;
  /** Aurora members: the cluster holding deletion protection, backups and Multi-AZ for them. */
  clusterId?: string;
  az: string;
  createdDaysAgo: number;
  tags?: Record<string, string>;
};

export type EstateRdsCluster = {
  region: string;
  id: string;
  engine: string;
  engineVersion: string;
  storageEncrypted: boolean;
  kmsKeyId?: string;
  backupRetentionDays: number;
  multiAZ: boolean;
  deletionProtection: boolean;
  /** Member instance ids; the first is the writer. */
  members: string[];
  createdDaysAgo: number;
  tags?: Record<string, string>;
};

/** A manual DB snapshot (kind 'instance') or DB cluster snapshot (kind 'cluster'). */
export type EstateRdsSnapshot = {
  kind: 'instance' | 'cluster';
  region: string;
  id: string;
  /** The instance or cluster it was taken from. */
  sourceId: string;
  engine: string;
  encrypted: boolean;
  /** Accounts allowed to restore it; 'all' = public. */
  restore: string[];
  createdDaysAgo: number;
};

export type EstateDynamoTable = {
  region: string;
  name: string;
  /** 'owned' = the default AWS owned key (no SSEDescription); 'aws-managed' = aws/dynamodb; else a key ARN. */
  encryption: 'owned' | 'aws-managed' | { kmsKeyArn: string };
  pitr: boolean;
  itemCount: number;
  createdDaysAgo: number;
};

export type EstateEfsFileSystem = {
  region: string;
  id: string;
  name?: string;
  encrypted: boolean;
  kmsKeyId?: string;
  createdDaysAgo: number;
};

export type EstateReplicationGroup = {
  region: string;
  id: string;
  description: string;
  engine: 'redis' | 'valkey';
  transitEncryption: boolean;
  atRestEncryption: boolean;
  members: string[];
};

export type EstateBackupPlan = { region: string; id: string; name: string; createdDaysAgo: number };

export type EstateBackupVault = {
  region: string;
  name: string;
  locked: boolean;
  minRetentionDays?: number;
  maxRetentionDays?: number;
  recoveryPoints: number;
  createdDaysAgo: number;
};

export type DataStoresEstate = {
  kmsKeys: EstateKmsKey[];
  rdsInstances: EstateRdsInstance[];
  rdsClusters: EstateRdsCluster[];
  rdsSnapshots: EstateRdsSnapshot[];
  dynamoTables: EstateDynamoTable[];
  efsFileSystems: EstateEfsFileSystem[];
  replicationGroups: EstateReplicationGroup[];
  backupPlans: EstateBackupPlan[];
  backupVaults: EstateBackupVault[];
};
