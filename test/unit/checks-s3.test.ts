import { afterEach, describe, expect, it } from 'vitest';
import { checksOf, awsResource, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const s3Checks = checksOf('s3');

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const fullBlock = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ownerOnlyAcl = {
  Owner: { ID: 'owner' },
  Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }],
};

/** A fully collected, well-configured bucket; tests override or delete keys to model each case. */
function bucketConfig(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: name,
    Region: 'us-east-1',
    PublicAccessBlock: fullBlock,
    PolicyStatus: null,
    Acl: ownerOnlyAcl,
    Encryption: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }],
    },
    Versioning: { Status: 'Enabled' },
    Logging: { TargetBucket: 'logs-bucket', TargetPrefix: `${name}/` },
    ...overrides,
  };
}
function without(config: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...config };
  delete copy[key];
  return copy;
}
const bucket = (name: string, config: Record<string, unknown>) =>
  awsResource('AWS::S3::Bucket', `arn:aws:s3:::${name}`, config, { name });

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function run(...resources: ReturnType<typeof bucket>[]) {
  fx = makeSnapshot({ resources, checks: s3Checks });
  return (checkId: string, name: string) => {
    const f = fx!.findings(checkId).find((x) => x.resourceUid === `arn:aws:s3:::${name}`);
    if (!f) throw new Error(`no ${checkId} finding for ${name}`);
    return f;
  };
}

describe('s3_bucket_public_access', () => {
  const id = 's3_bucket_public_access';
  it('passes a private bucket and fails public policy, AllUsers and AuthenticatedUsers grants', () => {
    const get = run(
      bucket('private', bucketConfig('private')),
      bucket('policy', bucketConfig('policy', { PolicyStatus: { IsPublic: true }, PublicAccessBlock: null })),
      bucket(
        'acl',
        bucketConfig('acl', {
          PublicAccessBlock: null,
          Acl: {
            Grants: [
              ...ownerOnlyAcl.Grants,
              { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' },
            ],
          },
        }),
      ),
      bucket(
        'authusers',
        bucketConfig('authusers', {
          PublicAccessBlock: null,
          Acl: { Grants: [{ Grantee: { Type: 'Group', URI: AUTH_USERS }, Permission: 'WRITE' }] },
        }),
      ),
    );
    const ok = get(id, 'private');
    expect(ok.status).toBe('pass');
    expect(ok.reason).toBe(
      'Bucket private is not public: it has no bucket policy and its ACL grants nothing to AllUsers or AuthenticatedUsers',
    );

    const policy = get(id, 'policy');
    expect(policy.status).toBe('fail');
    expect(policy.reason).toContain('S3 evaluates its bucket policy as public');
    expect(policy.evidence).toMatchObject({ PolicyStatus: { IsPublic: true } });

    const acl = get(id, 'acl');
    expect(acl.status).toBe('fail');
    expect(acl.reason).toBe(
      'Bucket acl is public: its ACL grants AllUsers (READ) and IgnorePublicAcls is off',
    );

    expect(get(id, 'authusers')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('AuthenticatedUsers (WRITE)'),
    });
  });

  it('does not count public settings that Block Public Access neutralises', () => {
    const get = run(
      bucket(
        'blocked',
        bucketConfig('blocked', {
          PolicyStatus: { IsPublic: true },
          Acl: { Grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }] },
        }),
      ),
    );
    const f = get(id, 'blocked');
    expect(f.status).toBe('pass');
    expect(f.reason).toContain('neutralised by RestrictPublicBuckets');
    expect(f.reason).toContain('ignored by IgnorePublicAcls');
  });

  it('is an error when the policy status or ACL was not collected, but still fails on what it saw', () => {
    const get = run(
      bucket('nostatus', without(bucketConfig('nostatus'), 'PolicyStatus')),
      bucket('noacl', without(bucketConfig('noacl'), 'Acl')),
      bucket(
        'publicnoacl',
        without(
          bucketConfig('publicnoacl', { PolicyStatus: { IsPublic: true }, PublicAccessBlock: null }),
          'Acl',
        ),
      ),
    );
    expect(get(id, 'nostatus')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetBucketPolicyStatus) was not collected'),
    });
    expect(get(id, 'noacl')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetBucketAcl) was not collected'),
    });
    expect(get(id, 'publicnoacl').status).toBe('fail');
  });
});

describe('s3_bucket_level_public_access_block', () => {
  const id = 's3_bucket_level_public_access_block';
  it('passes all four settings, fails partial or missing configuration, errors when not collected', () => {
    const get = run(
      bucket('full', bucketConfig('full')),
      bucket(
        'partial',
        bucketConfig('partial', {
          PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false },
        }),
      ),
      bucket('none', bucketConfig('none', { PublicAccessBlock: null })),
      bucket('unknown', without(bucketConfig('unknown'), 'PublicAccessBlock')),
    );
    expect(get(id, 'full')).toMatchObject({
      status: 'pass',
      reason: 'Bucket full enables all four Block Public Access settings',
    });
    const partial = get(id, 'partial');
    expect(partial.status).toBe('fail');
    expect(partial.reason).toBe(
      'Bucket partial does not enable Block Public Access setting(s): BlockPublicPolicy, RestrictPublicBuckets',
    );
    expect(partial.evidence).toMatchObject({ NotEnabled: 'BlockPublicPolicy, RestrictPublicBuckets' });
    expect(get(id, 'none')).toMatchObject({
      status: 'fail',
      reason: 'Bucket none has no Block Public Access configuration',
    });
    expect(get(id, 'unknown')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('were not collected'),
    });
  });
});

describe('s3_bucket_default_encryption', () => {
  const id = 's3_bucket_default_encryption';
  it('passes with a default algorithm, fails with none, errors when not collected', () => {
    const get = run(
      bucket('enc', bucketConfig('enc')),
      bucket('plain', bucketConfig('plain', { Encryption: null })),
      bucket('unknown', without(bucketConfig('unknown'), 'Encryption')),
    );
    expect(get(id, 'enc')).toMatchObject({
      status: 'pass',
      reason: 'Bucket enc encrypts new objects by default with aws:kms',
    });
    expect(get(id, 'plain')).toMatchObject({
      status: 'fail',
      reason: 'Bucket plain has no default encryption configured',
    });
    expect(get(id, 'unknown')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetBucketEncryption failed'),
    });
  });
});

describe('s3_bucket_object_versioning', () => {
  const id = 's3_bucket_object_versioning';
  it('passes Enabled, fails Suspended and never-enabled, errors when not collected', () => {
    const get = run(
      bucket('on', bucketConfig('on')),
      bucket('suspended', bucketConfig('suspended', { Versioning: { Status: 'Suspended' } })),
      bucket('never', bucketConfig('never', { Versioning: {} })),
      bucket('unknown', without(bucketConfig('unknown'), 'Versioning')),
    );
    expect(get(id, 'on').status).toBe('pass');
    expect(get(id, 'suspended')).toMatchObject({
      status: 'fail',
      reason: 'Bucket suspended has versioning suspended',
    });
    expect(get(id, 'never')).toMatchObject({
      status: 'fail',
      reason: 'Bucket never has never had versioning enabled',
    });
    expect(get(id, 'unknown')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetBucketVersioning failed'),
    });
  });
});

describe('s3_bucket_server_access_logging_enabled', () => {
  const id = 's3_bucket_server_access_logging_enabled';
  it('passes with a target bucket, fails when off, errors when not collected', () => {
    const get = run(
      bucket('logged', bucketConfig('logged')),
      bucket('silent', bucketConfig('silent', { Logging: null })),
      bucket('unknown', without(bucketConfig('unknown'), 'Logging')),
    );
    expect(get(id, 'logged')).toMatchObject({
      status: 'pass',
      reason: 'Bucket logged logs access requests to bucket logs-bucket under prefix logged/',
    });
    expect(get(id, 'silent')).toMatchObject({
      status: 'fail',
      reason: 'Bucket silent has server access logging turned off',
    });
    expect(get(id, 'unknown')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetBucketLogging failed'),
    });
  });
});
