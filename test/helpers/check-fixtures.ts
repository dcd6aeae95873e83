// Pass, fail and "data missing" fixtures for every built-in check: the resources (and collection gaps) of one
// snapshot and the uid of the resource the check must judge. Used by the fail-closed test and by the test that
// runs each shipped check file in the sqlite3 shell.
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import { APP_FIXTURES } from './check-fixtures/app';
import { DATA_FIXTURES } from './check-fixtures/data';
import { EC2_FIXTURES } from './check-fixtures/ec2';
import { IAM_FIXTURES } from './check-fixtures/iam';
import { LOGGING_FIXTURES } from './check-fixtures/logging';
import { ORG_FIXTURES } from './check-fixtures/org';
import { S3_FIXTURES } from './check-fixtures/s3';
import { awsResource, gap } from './snapshot-fixture';

const ACCOUNT = '111122223333';
const DAY = 86_400_000;
const AS_OF = Date.parse('2025-06-30T00:00:00.000Z');
const daysAgo = (n: number) => new Date(AS_OF - n * DAY).toISOString();

export type CheckCase = { resources: CollectedResource[]; gaps?: CollectionGap[]; uid: string };
export type CheckFixtures = Record<'pass' | 'fail' | 'error', CheckCase>;

/** Config minus the keys the collector could not fill (a follow-up call that failed leaves its key absent). */
function without(config: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...config };
  for (const k of keys) delete copy[k];
  return copy;
}

// S3: one well-configured bucket; each case overrides or removes the key its check decides on.
const BUCKET_UID = 'arn:aws:s3:::bucket-under-test';
const goodBucket: Record<string, unknown> = {
  Name: 'bucket-under-test',
  PublicAccessBlock: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
  PolicyStatus: null,
  Acl: { Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] },
  Encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
  Versioning: { Status: 'Enabled' },
  Logging: { TargetBucket: 'logs', TargetPrefix: 'bucket-under-test/' },
};
const bucket = (config: Record<string, unknown>): CheckCase => ({
  resources: [awsResource('AWS::S3::Bucket', BUCKET_UID, config, { name: 'bucket-under-test' })],
  uid: BUCKET_UID,
});
const s3 = (key: string, failing: unknown): CheckFixtures => ({
  pass: bucket(goodBucket),
  fail: bucket({ ...goodBucket, [key]: failing }),
  error: bucket(without(goodBucket, key)),
});

// IAM
const ROOT_UID = `arn:aws:iam::${ACCOUNT}:root`;
const root = (report?: Record<string, string>): CheckCase => ({
  resources: [
    awsResource('AWS::IAM::RootUser', ROOT_UID, report ? { CredentialReport: report } : {}, {
      region: 'global',
    }),
  ],
  uid: ROOT_UID,
});
const cleanRoot = { mfa_active: 'true', access_key_1_active: 'false', access_key_2_active: 'false' };
const USER_UID = `arn:aws:iam::${ACCOUNT}:user/alice`;
const user = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::IAM::User',
      USER_UID,
      { UserName: 'alice', ...config },
      { region: 'global', name: 'alice' },
    ),
  ],
  uid: USER_UID,
});
const key = (fields: Record<string, unknown>) => ({
  AccessKeys: [
    {
      AccessKeyId: 'AKIATEST',
      Status: 'Active',
      CreateDate: daysAgo(10),
      LastUsedDate: daysAgo(1),
      ...fields,
    },
  ],
});
const keyWithoutStatus = {
  AccessKeys: [{ AccessKeyId: 'AKIATEST', CreateDate: daysAgo(10), LastUsedDate: daysAgo(1) }],
};
const POLICY_UID = `arn:aws:iam::${ACCOUNT}:account-password-policy`;
const passwordPolicy = (config: Record<string, unknown>): CheckCase => ({
  resources: [awsResource('AWS::IAM::PasswordPolicy', POLICY_UID, config, { region: 'global' })],
  uid: POLICY_UID,
});
const MANAGED_UID = `arn:aws:iam::${ACCOUNT}:policy/app`;
const managed = (document?: unknown): CheckCase => ({
  resources: [
    awsResource(
      'AWS::IAM::ManagedPolicy',
      MANAGED_UID,
      { PolicyName: 'app', AttachmentCount: 1, ...(document === undefined ? {} : { Document: document }) },
      { region: 'global', name: 'app' },
    ),
  ],
  uid: MANAGED_UID,
});

// EC2
const SG_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-1`;
const sg = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::EC2::SecurityGroup', SG_UID, { GroupId: 'sg-1', ...config }, { name: 'sg-1' }),
  ],
  uid: SG_UID,
});
const openTcp = (port: number) => ({
  IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
});
const sgPort = (port: number): CheckFixtures => ({
  pass: sg(openTcp(443)),
  fail: sg(openTcp(port)),
  // Collected, but not as a list of rules: nothing proves the port is closed.
  error: sg({ IpPermissions: null }),
});
const VOLUME_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-1`;
const volume = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::EC2::Volume', VOLUME_UID, { VolumeId: 'vol-1', ...config }, { name: 'vol-1' }),
  ],
  uid: VOLUME_UID,
});
const EBS_DEFAULT_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:ebs-encryption-by-default`;
const ebsDefault = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::EC2::EbsEncryptionByDefault', EBS_DEFAULT_UID, config, { name: 'us-east-1' }),
  ],
  uid: EBS_DEFAULT_UID,
});

// CloudTrail
const ACCOUNT_UID = `aws-account:${ACCOUNT}`;
const accountResource = awsResource(
  'AWS::Account',
  ACCOUNT_UID,
  { AccountId: ACCOUNT },
  { region: 'global', service: 'account' },
);
const TRAIL_UID = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const trail = (config: Record<string, unknown>) =>
  awsResource(
    'AWS::CloudTrail::Trail',
    TRAIL_UID,
    { Name: 'main', HomeRegion: 'us-east-1', ...config },
    { name: 'main' },
  );
const accountCase = (resources: CollectedResource[], gaps: CollectionGap[] = []): CheckCase => ({
  resources: [accountResource, ...resources],
  gaps,
  uid: ACCOUNT_UID,
});

const CORE_FIXTURES: Record<string, CheckFixtures> = {
  s3_bucket_public_access: {
    pass: bucket(goodBucket),
    fail: bucket({ ...goodBucket, PolicyStatus: { IsPublic: true }, PublicAccessBlock: null }),
    error: bucket(without(goodBucket, 'PolicyStatus')),
  },
  s3_bucket_level_public_access_block: s3('PublicAccessBlock', null),
  s3_bucket_default_encryption: s3('Encryption', null),
  s3_bucket_object_versioning: s3('Versioning', { Status: 'Suspended' }),
  s3_bucket_server_access_logging_enabled: s3('Logging', null),

  iam_root_mfa_enabled: {
    pass: root(cleanRoot),
    fail: root({ ...cleanRoot, mfa_active: 'false' }),
    error: root(),
  },
  iam_no_root_access_key: {
    pass: root(cleanRoot),
    fail: root({ ...cleanRoot, access_key_1_active: 'true' }),
    // The report row exists but does not say whether key 2 is active.
    error: root({ mfa_active: 'true', access_key_1_active: 'false' }),
  },
  iam_user_mfa_enabled_console_access: {
    pass: user({ CredentialReport: { password_enabled: 'true', mfa_active: 'true' }, MFADevices: [{}] }),
    fail: user({ CredentialReport: { password_enabled: 'true', mfa_active: 'false' }, MFADevices: [] }),
    // Without password_enabled the user could be a console user: not 'n/a'.
    error: user({ CredentialReport: { mfa_active: 'false' }, MFADevices: [] }),
  },
  iam_user_accesskey_unused: {
    pass: user(key({})),
    fail: user(key({ CreateDate: daysAgo(400), LastUsedDate: daysAgo(120) })),
    error: user(keyWithoutStatus),
  },
  iam_rotate_access_key_90_days: {
    pass: user(key({})),
    fail: user(key({ CreateDate: daysAgo(200) })),
    error: user(keyWithoutStatus),
  },
  iam_password_policy_strong: {
    pass: passwordPolicy({
      PasswordPolicy: {
        MinimumPasswordLength: 14,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        RequireNumbers: true,
        RequireSymbols: true,
        PasswordReusePrevention: 24,
      },
    }),
    fail: passwordPolicy({ PasswordPolicy: null }),
    error: passwordPolicy({}),
  },
  iam_customer_policy_no_administrative_privileges: {
    pass: managed({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
    fail: managed({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    // A document without a readable Statement proves nothing about what it allows.
    error: managed({ Version: '2012-10-17' }),
  },

  ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22: sgPort(22),
  ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389: sgPort(3389),
  ec2_ebs_volume_encryption: {
    pass: volume({ Encrypted: true }),
    fail: volume({ Encrypted: false }),
    error: volume({}),
  },
  ec2_ebs_default_encryption: {
    pass: ebsDefault({ EbsEncryptionByDefault: true }),
    fail: ebsDefault({ EbsEncryptionByDefault: false }),
    error: ebsDefault({}),
  },

  cloudtrail_multi_region_enabled: {
    pass: accountCase([trail({ IsMultiRegionTrail: true, Status: { IsLogging: true } })]),
    fail: accountCase([]),
    // No trail seen, but DescribeTrails failed: the absence is unconfirmed.
    error: accountCase([], [gap('cloudtrail', 'DescribeTrails')]),
  },
  cloudtrail_log_file_validation_enabled: {
    pass: { resources: [trail({ LogFileValidationEnabled: true })], uid: TRAIL_UID },
    fail: { resources: [trail({ LogFileValidationEnabled: false })], uid: TRAIL_UID },
    error: { resources: [trail({})], uid: TRAIL_UID },
  },
};

/** Core checks above; each service group's in check-fixtures/<group>.ts. */
export const CHECK_FIXTURES: Record<string, CheckFixtures> = {
  ...CORE_FIXTURES,
  ...S3_FIXTURES,
  ...IAM_FIXTURES,
  ...EC2_FIXTURES,
  ...LOGGING_FIXTURES,
  ...DATA_FIXTURES,
  ...APP_FIXTURES,
  ...ORG_FIXTURES,
};
