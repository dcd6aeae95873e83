import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import { publicReadPolicy, tlsOnlyPolicy, withPolicy } from '../helpers/check-fixtures/s3';
import { checksOf, awsResource, gap, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

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
    Policy: null,
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

function runWith(resources: CollectedResource[], gaps: CollectionGap[] = []) {
  fx = makeSnapshot({ resources, gaps, checks: s3Checks });
  return (checkId: string, name: string) => {
    const f = fx!.findings(checkId).find((x) => x.resourceUid === `arn:aws:s3:::${name}`);
    if (!f) throw new Error(`no ${checkId} finding for ${name}`);
    return f;
  };
}
const run = (...resources: CollectedResource[]) => runWith(resources);

const ACCOUNT_PAB_UID = 'arn:aws:s3:::account-public-access-block/111122223333';
const accountPab = (config: Record<string, unknown>) =>
  awsResource(
    'AWS::S3::AccountPublicAccessBlock',
    ACCOUNT_PAB_UID,
    { AccountId: '111122223333', ...config },
    { region: 'global', name: '111122223333' },
  );

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
      // No account-level resource in this snapshot: IgnorePublicAcls there is unknown.
      'Bucket acl is public: its ACL grants AllUsers (READ) and IgnorePublicAcls is not confirmed on',
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
    expect(f.reason).toContain('neutralised by RestrictPublicBuckets at bucket level');
    expect(f.reason).toContain('ignored by IgnorePublicAcls');
  });

  it('is an error when the policy status or ACL was not collected, but still fails on what it saw', () => {
    const get = run(
      bucket('nostatus', without(without(bucketConfig('nostatus'), 'PolicyStatus'), 'Policy')),
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
      reason: expect.stringContaining(
        "its bucket policy (GetBucketPolicy) was not collected and S3's policy status (GetBucketPolicyStatus) was not reported",
      ),
    });
    expect(get(id, 'noacl')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetBucketAcl) was not collected'),
    });
    expect(get(id, 'publicnoacl').status).toBe('fail');
  });
});

describe("s3_bucket_public_access: our judgement next to S3's", () => {
  const id = 's3_bucket_public_access';
  const open = { PublicAccessBlock: null };

  it('fails a public policy when S3 leaves IsPublic out, naming our judgement', () => {
    const get = run(
      bucket(
        'emulated',
        bucketConfig('emulated', { ...open, ...withPolicy(publicReadPolicy('emulated')), PolicyStatus: {} }),
      ),
      bucket(
        'nostatus',
        without(
          bucketConfig('nostatus', { ...open, ...withPolicy(publicReadPolicy('nostatus')) }),
          'PolicyStatus',
        ),
      ),
    );
    const f = get(id, 'emulated');
    expect(f.status).toBe('fail');
    expect(f.reason).toBe(
      'Bucket emulated is public: by our judgement its bucket policy is public (PublicRead: Allow to Principal "*" without a restricting condition); ' +
        "S3's own judgement was not reported (PolicyStatus without IsPublic) and RestrictPublicBuckets is not confirmed on " +
        '(Block Public Access was not collected at account level)',
    );
    expect(f.evidence).toMatchObject({
      PolicyJudgedBy: 'Evidence Desk',
      OurJudgement: 'public',
      S3Judgement: null,
    });
    expect(get(id, 'nostatus')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('(GetBucketPolicyStatus failed)'),
    });
  });

  it('fails when either judgement says public, and says which one disagreed', () => {
    const get = run(
      bucket(
        'ours',
        bucketConfig('ours', {
          ...open,
          ...withPolicy(publicReadPolicy('ours')),
          PolicyStatus: { IsPublic: false },
        }),
      ),
      bucket(
        'theirs',
        bucketConfig('theirs', {
          ...open,
          ...withPolicy(tlsOnlyPolicy('theirs')),
          PolicyStatus: { IsPublic: true },
        }),
      ),
      bucket(
        'unreadable',
        bucketConfig('unreadable', { ...open, ...withPolicy('{not json'), PolicyStatus: { IsPublic: true } }),
      ),
    );
    expect(get(id, 'ours').reason).toContain(
      'by our judgement its bucket policy is public (PublicRead: Allow to Principal "*" without a restricting condition), although S3 reports PolicyStatus.IsPublic = false',
    );
    expect(get(id, 'theirs')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining(
        'S3 evaluates its bucket policy as public (PolicyStatus.IsPublic = true), although our judgement finds no public statement',
      ),
    });
    expect(get(id, 'unreadable')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining(
        'our own judgement could not be made (the policy is unreadable: the policy is not valid JSON)',
      ),
    });
  });

  it('passes a wildcard principal restricted by aws:SourceArn (CloudFront OAC) and says why', () => {
    const oac = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CloudFrontOAC',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::site/*',
          Condition: {
            StringEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1' },
          },
        },
      ],
    };
    const get = run(bucket('site', bucketConfig('site', { ...open, ...withPolicy(oac), PolicyStatus: {} })));
    expect(get(id, 'site')).toMatchObject({
      status: 'pass',
      reason:
        "Bucket site is not public: by our judgement its bucket policy is not public (S3's own judgement was not reported) " +
        '(wildcard principals restricted: CloudFrontOAC: Principal "*" restricted by aws:SourceArn) and its ACL grants nothing to AllUsers or AuthenticatedUsers',
    });
  });

  it('errors when our judgement cannot be made and S3 is absent; uses S3 alone when it answered', () => {
    const get = run(
      bucket('parse', without(bucketConfig('parse', { ...withPolicy('{not json') }), 'PolicyStatus')),
      bucket('s3only', without(bucketConfig('s3only', { PolicyStatus: { IsPublic: false } }), 'Policy')),
    );
    expect(get(id, 'parse')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining(
        "its bucket policy is unreadable (the policy is not valid JSON) and S3's policy status (GetBucketPolicyStatus) was not reported",
      ),
    });
    expect(get(id, 's3only')).toMatchObject({
      status: 'pass',
      reason: expect.stringContaining(
        'S3 evaluates its bucket policy as not public (our own judgement could not be made: the policy document was not collected)',
      ),
    });
  });

  it('lets account-level RestrictPublicBuckets / IgnorePublicAcls neutralise a public policy / ACL', () => {
    const publicEverything = (name: string) =>
      bucket(
        name,
        bucketConfig(name, {
          ...open,
          ...withPolicy(publicReadPolicy(name)),
          PolicyStatus: { IsPublic: true },
          Acl: { Grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }] },
        }),
      );
    let get = run(publicEverything('neutral'), accountPab({ PublicAccessBlock: fullBlock }));
    const f = get(id, 'neutral');
    expect(f.status).toBe('pass');
    expect(f.reason).toContain('is neutralised by RestrictPublicBuckets at account level');
    expect(f.reason).toContain('are ignored by IgnorePublicAcls at account level');
    expect(f.evidence).toMatchObject({ AccountPublicAccessBlock: fullBlock });
    fx?.close();

    // Only the ACL side neutralised at account level: the policy still makes it public.
    get = run(
      publicEverything('half'),
      accountPab({ PublicAccessBlock: { ...fullBlock, RestrictPublicBuckets: false } }),
    );
    expect(get(id, 'half')).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(
        /^Bucket half is public: its bucket policy is public .* and RestrictPublicBuckets is off at bucket and account level$/,
      ),
    });
  });
});

describe('s3_account_level_public_access_blocks', () => {
  const id = 's3_account_level_public_access_blocks';
  it('passes all four, fails none or partial, errors when S3 Control was not read', () => {
    for (const [config, status, reason] of [
      [
        { PublicAccessBlock: fullBlock },
        'pass',
        'Account 111122223333 enables all four account-level Block Public Access settings',
      ],
      [
        { PublicAccessBlock: null },
        'fail',
        'Account 111122223333 has no account-level Block Public Access configuration (all four settings off)',
      ],
      [
        { PublicAccessBlock: { ...fullBlock, BlockPublicPolicy: false } },
        'fail',
        'Account 111122223333 does not enable account-level Block Public Access setting(s): BlockPublicPolicy',
      ],
      [
        {},
        'error',
        'Account-level Block Public Access of account 111122223333 was not collected (S3 Control GetPublicAccessBlock failed)',
      ],
    ] as const) {
      fx = makeSnapshot({ resources: [accountPab(config)], checks: s3Checks });
      expect(fx.findings(id)).toMatchObject([{ resourceUid: ACCOUNT_PAB_UID, status, reason }]);
      fx.close();
    }
  });
});

describe('s3_bucket_secure_transport_policy', () => {
  const id = 's3_bucket_secure_transport_policy';
  const statement = (over: Record<string, unknown>) => ({
    ...tlsOnlyPolicy('x').Statement[0],
    ...over,
  });
  const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
  it('passes a TLS deny in any accepted form, fails one that does not cover the objects or every principal', () => {
    const cfg = (name: string, policy: unknown) => bucket(name, bucketConfig(name, withPolicy(policy)));
    const get = run(
      cfg('tls', tlsOnlyPolicy('tls')),
      cfg('single', {
        Version: '2012-10-17',
        Statement: statement({ Resource: 'arn:aws:s3:::single/*', Principal: { AWS: ['*'] } }),
      }),
      cfg(
        'boolean',
        doc(statement({ Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } })),
      ),
      cfg('bucketonly', doc(statement({ Resource: 'arn:aws:s3:::bucketonly' }))),
      cfg('getonly', doc(statement({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::getonly/*' }))),
      cfg('allow', doc(statement({ Effect: 'Allow', Resource: 'arn:aws:s3:::allow/*' }))),
      cfg(
        'someone',
        doc(
          statement({
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Resource: 'arn:aws:s3:::someone/*',
          }),
        ),
      ),
      bucket('none', bucketConfig('none')),
      cfg('unreadable', 'not a policy'),
    );
    for (const name of ['tls', 'single', 'boolean']) expect(get(id, name).status, name).toBe('pass');
    expect(get(id, 'tls').reason).toBe(
      'Bucket tls denies requests without TLS (aws:SecureTransport = false) in statement(s): DenyInsecureTransport',
    );
    for (const name of ['bucketonly', 'getonly', 'allow', 'someone'])
      expect(get(id, name).status, name).toBe('fail');
    expect(get(id, 'none')).toMatchObject({
      status: 'fail',
      reason: 'Bucket none has no bucket policy, so requests over plain HTTP are not denied',
    });
    expect(get(id, 'unreadable')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('no readable Statement'),
    });
  });
});

describe('s3_bucket_kms_encryption', () => {
  const id = 's3_bucket_kms_encryption';
  const sse = (SSEAlgorithm: string) => ({
    Encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm } }] },
  });
  it('passes aws:kms and aws:kms:dsse, fails SSE-S3 naming the algorithm and no encryption', () => {
    const get = run(
      bucket('kms', bucketConfig('kms')),
      bucket('dsse', bucketConfig('dsse', sse('aws:kms:dsse'))),
      bucket('sses3', bucketConfig('sses3', sse('AES256'))),
      bucket('none', bucketConfig('none', { Encryption: null })),
    );
    expect(get(id, 'kms')).toMatchObject({
      status: 'pass',
      reason: 'Bucket kms encrypts new objects by default with aws:kms using the AWS managed key aws/s3',
    });
    expect(get(id, 'dsse').status).toBe('pass');
    expect(get(id, 'sses3')).toMatchObject({
      status: 'fail',
      reason: 'Bucket sses3 encrypts new objects by default with AES256 (S3-managed keys), not with AWS KMS',
    });
    expect(get(id, 'none').status).toBe('fail');
  });
});

describe('s3_bucket_object_lock', () => {
  const id = 's3_bucket_object_lock';
  const required = { TagSet: [{ Key: 'evidence-desk:retention', Value: 'required' }] };
  const locked = { ObjectLock: { ObjectLockEnabled: 'Enabled' } };
  it('judges only buckets tagged as needing it; unknown tags are an error unless the lock is on anyway', () => {
    const get = run(
      bucket('vault', bucketConfig('vault', { ...required, ...locked })),
      bucket('unlocked', bucketConfig('unlocked', { ...required, ObjectLock: null })),
      bucket('plain', bucketConfig('plain', { TagSet: [], ObjectLock: null })),
      bucket('notags', bucketConfig('notags', { ObjectLock: null })),
      bucket('notagslocked', bucketConfig('notagslocked', locked)),
    );
    expect(get(id, 'vault')).toMatchObject({
      status: 'pass',
      reason: 'Bucket vault has Object Lock enabled (no default retention)',
    });
    expect(get(id, 'unlocked').status).toBe('fail');
    expect(get(id, 'plain').status).toBe('n/a');
    expect(get(id, 'notags')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('its tags were not collected'),
    });
    expect(get(id, 'notagslocked').status).toBe('pass');
  });
});

describe('s3_bucket_no_mfa_delete', () => {
  const id = 's3_bucket_no_mfa_delete';
  it('applies to versioned (or suspended) buckets only', () => {
    const get = run(
      bucket('mfa', bucketConfig('mfa', { Versioning: { Status: 'Enabled', MFADelete: 'Enabled' } })),
      bucket('nomfa', bucketConfig('nomfa', { Versioning: { Status: 'Suspended' } })),
      bucket('never', bucketConfig('never', { Versioning: {} })),
    );
    expect(get(id, 'mfa').status).toBe('pass');
    expect(get(id, 'nomfa')).toMatchObject({
      status: 'fail',
      reason: 'Bucket nomfa (versioning Suspended) does not have MFA Delete enabled (MFADelete = never set)',
    });
    expect(get(id, 'never').status).toBe('n/a');
  });
});

describe('s3_bucket_lifecycle_enabled', () => {
  const id = 's3_bucket_lifecycle_enabled';
  const rule = { Lifecycle: [{ ID: 'expire', Status: 'Enabled', Expiration: { Days: 400 } }] };
  const trail = awsResource(
    'AWS::CloudTrail::Trail',
    'arn:aws:cloudtrail:us-east-1:111122223333:trail/main',
    { Name: 'main', S3BucketName: 'trail-logs' },
    { name: 'main' },
  );
  it('judges access-log and trail targets, skips other buckets, and distrusts uncollected logging settings', () => {
    const get = runWith(
      [
        bucket(
          'app',
          bucketConfig('app', { Logging: { TargetBucket: 'access-logs', TargetPrefix: 'app/' } }),
        ),
        bucket('access-logs', bucketConfig('access-logs', { ...rule, Logging: null })),
        bucket('trail-logs', bucketConfig('trail-logs', { Lifecycle: [{ ID: 'off', Status: 'Disabled' }] })),
        trail,
        // eu-west-1: one bucket's logging is unknown, so its neighbour may be its log target.
        bucket('eu-unknown', { ...without(bucketConfig('eu-unknown'), 'Logging'), Region: 'eu-west-1' }),
        bucket('eu-neighbour', { ...bucketConfig('eu-neighbour', { Lifecycle: null }), Region: 'eu-west-1' }),
      ].map((r) => (r.name.startsWith('eu-') ? { ...r, region: 'eu-west-1' } : r)),
    );
    expect(get(id, 'access-logs')).toMatchObject({
      status: 'pass',
      reason: 'Log bucket access-logs (server access logs of app) has enabled lifecycle rule(s): expire',
    });
    expect(get(id, 'trail-logs')).toMatchObject({
      status: 'fail',
      reason: 'Log bucket trail-logs (CloudTrail trail(s) main) has lifecycle rules, but none is enabled',
    });
    expect(get(id, 'app')).toMatchObject({ status: 'n/a' });
    expect(get(id, 'eu-neighbour')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('the logging settings of eu-unknown in eu-west-1 were not collected'),
    });
  });

  it('treats every bucket as a possible trail destination when DescribeTrails failed', () => {
    const get = runWith(
      [bucket('maybe', bucketConfig('maybe', { Lifecycle: null }))],
      [gap('cloudtrail', 'DescribeTrails')],
    );
    expect(get(id, 'maybe')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('DescribeTrails failed'),
    });
  });
});

describe('s3_bucket_acl_prohibited', () => {
  const id = 's3_bucket_acl_prohibited';
  it('passes BucketOwnerEnforced, fails other ownership or none', () => {
    const get = run(
      bucket(
        'enforced',
        bucketConfig('enforced', {
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        }),
      ),
      bucket(
        'preferred',
        bucketConfig('preferred', {
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
        }),
      ),
      bucket('none', bucketConfig('none', { OwnershipControls: null })),
      bucket('unknown', bucketConfig('unknown')),
    );
    expect(get(id, 'enforced').status).toBe('pass');
    expect(get(id, 'preferred')).toMatchObject({
      status: 'fail',
      reason: 'Bucket preferred has ACLs enabled (Object Ownership BucketOwnerPreferred)',
    });
    expect(get(id, 'none').status).toBe('fail');
    expect(get(id, 'unknown')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('was not collected'),
    });
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
