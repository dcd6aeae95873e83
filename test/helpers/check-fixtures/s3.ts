// Pass, fail and data-missing fixtures for the s3 group's checks (merged into CHECK_FIXTURES): one
// well-configured bucket (as main/collect/aws/s3.ts collects it); each case overrides or removes the key its
// check decides on (a follow-up call that failed leaves its key absent).
import { judgePolicy } from '../../../main/collect/aws/policy-judgement';
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { awsResource, gap } from '../snapshot-fixture';

const ACCOUNT = '111122223333';
const NAME = 'bucket-under-test';
const BUCKET_UID = `arn:aws:s3:::${NAME}`;

/** Config minus the keys the collector could not fill. */
export function without(config: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...config };
  for (const k of keys) delete copy[k];
  return copy;
}

export const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

/** The TLS-only deny statement, as the well-configured bucket's policy carries it. */
export const tlsOnlyPolicy = (name: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

/** Policy + PolicyJudgement exactly as the collector attaches them. */
export const withPolicy = (doc: unknown) => ({ Policy: doc, PolicyJudgement: judgePolicy(doc, ACCOUNT) });

export const publicReadPolicy = (name: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${name}/*`,
    },
  ],
});

const goodBucket: Record<string, unknown> = {
  Name: NAME,
  Region: 'us-east-1',
  PublicAccessBlock: ALL_BLOCKED,
  PolicyStatus: { IsPublic: false },
  ...withPolicy(tlsOnlyPolicy(NAME)),
  Acl: { Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] },
  Encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
  Versioning: { Status: 'Enabled', MFADelete: 'Enabled' },
  Logging: { TargetBucket: 'logs', TargetPrefix: `${NAME}/` },
  TagSet: [{ Key: 'evidence-desk:retention', Value: 'required' }],
  ObjectLock: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } },
  Lifecycle: [{ ID: 'expire-logs', Status: 'Enabled', Expiration: { Days: 400 } }],
  OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
};

const bucket = (config: Record<string, unknown>, extra: Partial<CheckCase> = {}): CheckCase => ({
  resources: [awsResource('AWS::S3::Bucket', BUCKET_UID, config, { name: NAME }), ...(extra.resources ?? [])],
  gaps: extra.gaps,
  uid: BUCKET_UID,
});
const s3 = (key: string, failing: unknown): CheckFixtures => ({
  pass: bucket(goodBucket),
  fail: bucket({ ...goodBucket, [key]: failing }),
  error: bucket(without(goodBucket, key)),
});

/** Another bucket whose server access logs go to the bucket under test: makes it a log bucket. */
const logSource = (config: Record<string, unknown> = {}) =>
  awsResource(
    'AWS::S3::Bucket',
    'arn:aws:s3:::app-bucket',
    { Name: 'app-bucket', Logging: { TargetBucket: NAME, TargetPrefix: 'app/' }, ...config },
    { name: 'app-bucket' },
  );

const ACCOUNT_PAB_UID = `arn:aws:s3:::account-public-access-block/${ACCOUNT}`;
const accountPab = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::S3::AccountPublicAccessBlock',
      ACCOUNT_PAB_UID,
      { AccountId: ACCOUNT, ...config },
      { region: 'global', name: ACCOUNT },
    ),
  ],
  uid: ACCOUNT_PAB_UID,
});

export const S3_FIXTURES: Record<string, CheckFixtures> = {
  s3_bucket_public_access: {
    pass: bucket(goodBucket),
    // S3's status is missing IsPublic; our judgement of the document says public.
    fail: bucket({
      ...goodBucket,
      ...withPolicy(publicReadPolicy(NAME)),
      PolicyStatus: {},
      PublicAccessBlock: null,
    }),
    // Neither the document nor S3's status was collected.
    error: bucket(without(goodBucket, 'PolicyStatus', 'Policy', 'PolicyJudgement')),
  },
  s3_bucket_level_public_access_block: s3('PublicAccessBlock', null),
  s3_bucket_default_encryption: s3('Encryption', null),
  s3_bucket_object_versioning: s3('Versioning', { Status: 'Suspended' }),
  s3_bucket_server_access_logging_enabled: s3('Logging', null),

  s3_account_level_public_access_blocks: {
    pass: accountPab({ PublicAccessBlock: ALL_BLOCKED }),
    fail: accountPab({ PublicAccessBlock: { ...ALL_BLOCKED, RestrictPublicBuckets: false } }),
    error: accountPab({}),
  },
  s3_bucket_secure_transport_policy: {
    pass: bucket(goodBucket),
    fail: bucket({ ...goodBucket, Policy: null }),
    error: bucket(without(goodBucket, 'Policy', 'PolicyJudgement')),
  },
  s3_bucket_kms_encryption: {
    pass: bucket(goodBucket),
    fail: bucket({
      ...goodBucket,
      Encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    }),
    error: bucket(without(goodBucket, 'Encryption')),
  },
  s3_bucket_object_lock: {
    pass: bucket(goodBucket),
    fail: bucket({ ...goodBucket, ObjectLock: null }),
    error: bucket(without(goodBucket, 'ObjectLock')),
  },
  s3_bucket_no_mfa_delete: {
    pass: bucket(goodBucket),
    fail: bucket({ ...goodBucket, Versioning: { Status: 'Enabled', MFADelete: 'Disabled' } }),
    error: bucket(without(goodBucket, 'Versioning')),
  },
  s3_bucket_lifecycle_enabled: {
    pass: bucket(goodBucket, { resources: [logSource()] }),
    fail: bucket({ ...goodBucket, Lifecycle: null }, { resources: [logSource()] }),
    // Not a known log target, but the trail list was not collected: it may receive CloudTrail logs.
    error: bucket({ ...goodBucket, Lifecycle: null }, { gaps: [gap('cloudtrail', 'DescribeTrails')] }),
  },
  s3_bucket_acl_prohibited: {
    pass: bucket(goodBucket),
    fail: bucket({ ...goodBucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }),
    error: bucket(without(goodBucket, 'OwnershipControls')),
  },
};
