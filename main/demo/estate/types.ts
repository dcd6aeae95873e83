// The shape of a replayable AWS account. The replay server renders every API response from this model in
// the real wire format, so one fact (e.g. a user's access key) is consistent across every call that shows
// it (ListAccessKeys, GetAccessKeyLastUsed, the credential report).
//
// Dates are "days before the request" rather than fixed timestamps: a snapshot runs "now" and age checks
// (keys older than 90 days, unused for 90 days) compare against the snapshot's start time, so relative dates
// give the same pass/fail whenever the demo is run, today or in five years.

import type { EstateSections } from './sections/index';

export type Ingress = {
  /** 'tcp' | 'udp' | 'icmp' | '-1' (all traffic; no ports). */
  protocol: string;
  from?: number;
  to?: number;
  cidrs?: string[];
  ipv6?: string[];
  /** Source security group ids. */
  groups?: string[];
  description?: string;
};

export type EstateBucket = {
  name: string;
  region: string;
  /** GetBucketLocation's raw answer when it differs from `region` (legacy 'EU'). */
  locationConstraint?: string;
  createdDaysAgo: number;
  publicAccessBlock: { BlockPublicAcls: boolean; IgnorePublicAcls: boolean; BlockPublicPolicy: boolean; RestrictPublicBuckets: boolean } | null;
  /** null = no bucket policy; otherwise AWS's IsPublic evaluation of it. */
  policyIsPublic: boolean | null;
  /** Extra ACL grants beyond the owner's FULL_CONTROL. */
  aclGrants?: { group: 'AllUsers' | 'AuthenticatedUsers' | 'LogDelivery'; permission: 'READ' | 'WRITE' | 'READ_ACP' | 'FULL_CONTROL' }[];
  encryption: { algorithm: 'AES256' | 'aws:kms'; kmsKeyId?: string; bucketKey?: boolean } | null;
  versioning: { status: 'Enabled' | 'Suspended'; mfaDelete?: 'Enabled' | 'Disabled' } | null;
  logging: { targetBucket: string; targetPrefix: string } | null;
  /**
   * The bucket policy GetBucketPolicy serves. Absent: derived from policyIsPublic (null = none, true = a
   * Principal "*" s3:GetObject grant, false = a TLS-only deny), so the two calls never contradict each other.
   */
  policy?: { Version: string; Statement: unknown };
  /** GetBucketPolicyStatus answers <PolicyStatus/> without IsPublic (as some S3 emulators do). */
  policyStatusOmitsIsPublic?: boolean;
  /** Bucket tags (GetBucketTagging); absent or empty = NoSuchTagSet. */
  tags?: Record<string, string>;
  /** S3 Object Lock; absent = never enabled (ObjectLockConfigurationNotFoundError). */
  objectLock?: { defaultRetention?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number } };
  /** Lifecycle rules; absent or empty = NoSuchLifecycleConfiguration. */
  lifecycle?: { id: string; status: 'Enabled' | 'Disabled'; prefix?: string; expirationDays?: number; transitionDays?: number; transitionStorageClass?: string; noncurrentDays?: number }[];
  /** Object Ownership; absent = no ownership controls (OwnershipControlsNotFoundError). */
  objectOwnership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
};

export type EstateAccessKey = {
  id: string;
  status: 'Active' | 'Inactive';
  createdDaysAgo: number;
  /** null = never used. */
  lastUsedDaysAgo: number | null;
  lastUsedService?: string;
  lastUsedRegion?: string;
};

export type EstateUser = {
  name: string;
  id: string;
  path?: string;
  createdDaysAgo: number;
  /** Has a console password (login profile). */
  console: boolean;
  /** Days since the password was last used; null = never. Ignored without a console password. */
  passwordLastUsedDaysAgo?: number | null;
  passwordLastChangedDaysAgo?: number;
  mfa: boolean;
  accessKeys: EstateAccessKey[];
  /** Policy ARNs attached directly to the user. */
  attachedPolicyArns: string[];
  /** Inline policies embedded in the user (ListUserPolicies / GetUserPolicy). */
  inlinePolicies?: EstateInlinePolicy[];
  tags?: Record<string, string>;
};

/** An inline policy of a user or role: its name and document (IAM sends it URL-encoded). */
export type EstateInlinePolicy = { name: string; document: { Version: string; Statement: unknown } };

export type EstatePolicy = {
  name: string;
  id: string;
  description?: string;
  createdDaysAgo: number;
  defaultVersionId: string;
  attachmentCount: number;
  document: { Version: string; Statement: unknown };
};

export type EstateSecurityGroup = {
  region: string;
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ingress: Ingress[];
  /** Outbound rules; absent = what AWS gives a new group (all traffic to 0.0.0.0/0). */
  egress?: Ingress[];
  tags?: Record<string, string>;
};

export type EstateVolume = {
  region: string;
  id: string;
  sizeGiB: number;
  type: 'gp3' | 'gp2' | 'io2' | 'st1' | 'sc1';
  encrypted: boolean;
  kmsKeyId?: string;
  /** Attached instance; absent = 'available' (detached). */
  instanceId?: string;
  az: string;
  createdDaysAgo: number;
  tags?: Record<string, string>;
};

export type EstateTrail = {
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  logFileValidation: boolean;
  s3Bucket: string;
  kmsKeyId?: string;
  isLogging: boolean;
  organization?: boolean;
  /** Management events recorded (GetEventSelectors); default 'All'. 'None' = management events excluded. */
  managementEvents?: 'All' | 'ReadOnly' | 'WriteOnly' | 'None';
  /** S3 object-level data events for all buckets; absent = none. advanced: as advanced event selectors. */
  s3DataEvents?: { readWrite: 'All' | 'ReadOnly' | 'WriteOnly'; advanced?: boolean };
  /** Name of the CloudWatch Logs log group (in the trail's home region) the trail delivers to; absent = none. */
  cloudWatchLogGroup?: string;
  /** Days since the last delivery to CloudWatch Logs (default 0 when a log group is set). */
  cloudWatchLastDeliveryDaysAgo?: number;
};

/** The core facts below, plus each service group's optional section (main/demo/estate/sections/*). */
export type Estate = EstateSections & {
  accountId: string;
  /** A human name for the fictional organisation (shown in the demo connection). */
  organisation: string;
  /** The static access key the estate accepts; any other key is rejected like real AWS would. */
  accessKeyId: string;
  caller: { arn: string; userId: string };
  /** S3 canonical owner of every bucket. */
  s3Owner: { id: string; displayName: string };
  /** Enabled regions (DescribeRegions). */
  regions: string[];
  root: {
    createdDaysAgo: number;
    passwordLastUsedDaysAgo: number;
    mfa: boolean;
    accessKeys: EstateAccessKey[];
    /** false = the credential report lacks the <root_account> row (a broken report); default true. */
    inCredentialReport?: boolean;
  };
  passwordPolicy: {
    MinimumPasswordLength: number;
    RequireSymbols: boolean;
    RequireNumbers: boolean;
    RequireUppercaseCharacters: boolean;
    RequireLowercaseCharacters: boolean;
    AllowUsersToChangePassword: boolean;
    ExpirePasswords: boolean;
    MaxPasswordAge?: number;
    PasswordReusePrevention?: number;
    HardExpiry?: boolean;
  } | null;
  users: EstateUser[];
  policies: EstatePolicy[];
  buckets: EstateBucket[];
  securityGroups: EstateSecurityGroup[];
  volumes: EstateVolume[];
  /** Per region; a region not listed has it off (AWS's default). */
  ebsEncryptionByDefault: Record<string, boolean>;
  trails: EstateTrail[];
  /**
   * Calls the account's policies deny to the snapshot identity (403 in the service's own error format).
   * resource: bucket name, user name, policy ARN, region... whichever the operation is about; absent = all.
   */
  denied: { service: string; operation: string; resource?: string }[];
};
