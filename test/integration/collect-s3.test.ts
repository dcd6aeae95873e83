// S3 through the REAL S3 and S3 Control clients against the replay server: bucket policies (document, our
// judgement, NoSuchBucketPolicy), tags, Object Lock, lifecycle, ownership, account-level Block Public Access,
// an AccessDenied on GetBucketPolicy (gap + error), and the s3 checks' statuses over the collected demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_TYPES, accountPublicAccessBlockUid } from '../../main/collect/aws/s3-shapes';
import { AWS_TYPES } from '../../main/collect/aws/shapes';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import type { Estate } from '../../main/demo/estate/types';
import { byType, resourceNamed, startHarness, type Harness } from '../fixtures/aws/harness';
import { checksOf, makeSnapshot } from '../helpers/snapshot-fixture';

const s3Checks = checksOf('s3');

function statuses(h: Harness, checkId: string): Record<string, string> {
  const fx = makeSnapshot({ resources: h.buffer.resources, gaps: h.buffer.gaps, checks: s3Checks });
  try {
    const out: Record<string, string> = {};
    for (const f of fx.findings(checkId)) out[f.resourceUid.replace(/^arn:aws:s3:::/, '')] = f.status;
    return out;
  } finally {
    fx.close();
  }
}

describe('S3 over the demo estate (management account)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.collect();
  });
  afterAll(() => h.close());

  const bucket = (name: string) => resourceNamed(h.buffer, AWS_TYPES.s3Bucket, name);

  it('attaches the policy document and our judgement; NoSuchBucketPolicy is null, not a gap', () => {
    const website = bucket('nwh-public-website').config;
    expect(website.Policy).toMatchObject({ Statement: [{ Sid: 'PublicRead', Principal: '*' }] });
    expect(website.PolicyJudgement).toMatchObject({
      Public: true,
      PublicStatements: [{ sid: 'PublicRead' }],
    });

    const oac = bucket('nwh-ml-training-data').config;
    expect(oac.PolicyJudgement).toMatchObject({
      Public: false,
      RestrictedStatements: [
        { sid: 'CloudFrontOACRead', reason: 'Principal "*" restricted by aws:SourceArn' },
      ],
    });

    // S3's status without IsPublic (as an emulator answers) next to a public document.
    const uploads = bucket('nwh-dev-uploads').config;
    expect(uploads.PolicyStatus).toEqual({});
    expect(uploads.PolicyJudgement).toMatchObject({ Public: true });

    const marketing = bucket('nwh-marketing-assets').config;
    expect(marketing.Policy).toBeNull();
    expect('PolicyJudgement' in marketing).toBe(false);
    expect(h.buffer.gaps.filter((g) => g.operation === 'GetBucketPolicy')).toEqual([]);
  });

  it('collects tags, Object Lock, lifecycle rules and ownership, null where not configured', () => {
    const trailLogs = bucket('nwh-cloudtrail-logs-111122223333');
    expect(trailLogs.tags).toEqual({ 'evidence-desk:retention': 'required' });
    expect(trailLogs.config).toMatchObject({
      TagSet: [{ Key: 'evidence-desk:retention', Value: 'required' }],
      ObjectLock: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
      },
      Lifecycle: [
        {
          ID: 'archive-trail-logs',
          Status: 'Enabled',
          Expiration: { Days: 2555 },
          Transitions: [{ Days: 90, StorageClass: 'GLACIER' }],
        },
      ],
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(bucket('nwh-legacy-exports').config).toMatchObject({
      TagSet: [],
      ObjectLock: null,
      Lifecycle: null,
      OwnershipControls: null,
    });
  });

  it('records account-level Block Public Access through S3 Control (not configured here: null)', () => {
    const [pab] = byType(h.buffer, S3_TYPES.accountPublicAccessBlock);
    expect(pab).toMatchObject({
      uid: accountPublicAccessBlockUid('111122223333'),
      region: 'global',
      config: { AccountId: '111122223333', PublicAccessBlock: null },
    });
    expect(h.server.requests.filter((r) => r.service === 's3-control')).toEqual([
      expect.objectContaining({ service: 's3-control', operation: 'GetPublicAccessBlock' }),
    ]);
  });

  it("answers the s3 checks as the estate's comments predict", () => {
    expect(statuses(h, 's3_bucket_public_access')).toMatchObject({
      'nwh-public-website': 'fail',
      'nwh-partner-sftp-drop': 'fail',
      'nwh-dev-uploads': 'fail', // our judgement; S3's IsPublic missing
      'nwh-marketing-assets': 'fail',
      'nwh-legacy-exports': 'fail',
      'nwh-ml-training-data': 'pass', // wildcard restricted by aws:SourceArn
      'nwh-patient-records-prod': 'pass',
    });
    expect(statuses(h, 's3_account_level_public_access_blocks')).toEqual({
      'account-public-access-block/111122223333': 'fail',
    });
    expect(statuses(h, 's3_bucket_secure_transport_policy')).toMatchObject({
      'nwh-patient-records-prod': 'pass',
      'nwh-cloudtrail-logs-111122223333': 'pass',
      'nwh-public-website': 'fail',
      'nwh-marketing-assets': 'fail',
    });
    expect(statuses(h, 's3_bucket_kms_encryption')).toMatchObject({
      'nwh-patient-records-prod': 'pass',
      'nwh-access-logs-111122223333': 'fail',
      'nwh-marketing-assets': 'fail',
    });
    expect(statuses(h, 's3_bucket_object_lock')).toMatchObject({
      'nwh-cloudtrail-logs-111122223333': 'pass',
      'nwh-claims-archive-eu': 'pass',
      'nwh-backups-eu': 'fail',
      'nwh-data-lake-raw': 'n/a',
    });
    expect(statuses(h, 's3_bucket_no_mfa_delete')).toMatchObject({
      'nwh-backups-eu': 'pass',
      'nwh-patient-records-prod': 'fail',
      'nwh-marketing-assets': 'n/a',
    });
    expect(statuses(h, 's3_bucket_lifecycle_enabled')).toMatchObject({
      'nwh-access-logs-111122223333': 'pass',
      'nwh-cloudtrail-logs-111122223333': 'pass',
      'nwh-data-lake-raw': 'n/a',
      // GetBucketLogging of nwh-legacy-exports (us-east-1) is denied: it may log to this bucket.
      'nwh-public-website': 'error',
    });
    expect(Object.values(statuses(h, 's3_bucket_lifecycle_enabled'))).toContain('fail');
    expect(statuses(h, 's3_bucket_acl_prohibited')).toMatchObject({
      'nwh-patient-records-prod': 'pass',
      'nwh-access-logs-111122223333': 'fail',
      'nwh-legacy-exports': 'fail',
    });
  });
});

describe('S3 faults and a member-style account', () => {
  it('turns AccessDenied on GetBucketPolicy into a gap naming it, Policy absent, and the checks into error', async () => {
    // One bucket without a policy status either, so neither judgement can be made.
    const estate: Estate = {
      ...northwindHealth,
      buckets: northwindHealth.buckets.filter((b) => b.name === 'nwh-terraform-state'),
      denied: [
        { service: 's3', operation: 'GetBucketPolicy', resource: 'nwh-terraform-state' },
        { service: 's3', operation: 'GetBucketPolicyStatus', resource: 'nwh-terraform-state' },
      ],
    };
    const h = await startHarness({ estate });
    try {
      await h.collect();
      const policyGap = h.buffer.gaps.find((g) => g.operation === 'GetBucketPolicy');
      expect(policyGap).toMatchObject({ service: 's3', region: 'us-east-1', code: 'AccessDenied' });
      expect(policyGap?.message).toContain('s3:GetBucketPolicy');
      const cfg = resourceNamed(h.buffer, AWS_TYPES.s3Bucket, 'nwh-terraform-state').config;
      expect('Policy' in cfg).toBe(false);
      expect('PolicyJudgement' in cfg).toBe(false);
      const fx = makeSnapshot({ resources: h.buffer.resources, gaps: h.buffer.gaps, checks: s3Checks });
      try {
        const finding = (id: string) =>
          fx.findings(id).find((f) => f.resourceUid.endsWith('nwh-terraform-state'));
        expect(finding('s3_bucket_secure_transport_policy')).toMatchObject({
          status: 'error',
          reason: 'Bucket policy of nwh-terraform-state was not collected (GetBucketPolicy failed)',
        });
        expect(finding('s3_bucket_public_access')).toMatchObject({
          status: 'error',
          reason: expect.stringContaining('its bucket policy (GetBucketPolicy) was not collected'),
        });
      } finally {
        fx.close();
      }
    } finally {
      await h.close();
    }
  });

  it('reads all four account-level settings on, and denial of S3 Control is an error for the account', async () => {
    const on = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    const estate: Estate = {
      ...northwindHealth,
      buckets: northwindHealth.buckets.filter((b) => b.name === 'nwh-public-website'),
      s3Extras: { accountPublicAccessBlock: on },
    };
    let h = await startHarness({ estate });
    try {
      await h.collect();
      expect(byType(h.buffer, S3_TYPES.accountPublicAccessBlock)[0].config).toEqual({
        AccountId: '111122223333',
        PublicAccessBlock: on,
      });
      // Account-level RestrictPublicBuckets neutralises the website's public policy.
      expect(statuses(h, 's3_bucket_public_access')).toEqual({ 'nwh-public-website': 'pass' });
      expect(statuses(h, 's3_account_level_public_access_blocks')).toEqual({
        'account-public-access-block/111122223333': 'pass',
      });
    } finally {
      await h.close();
    }

    h = await startHarness({
      estate,
      faults: [{ service: 's3-control', operation: 'GetPublicAccessBlock', kind: 'access-denied' }],
    });
    try {
      await h.collect();
      expect(h.buffer.gaps).toContainEqual(
        expect.objectContaining({
          service: 's3-control',
          operation: 'GetPublicAccessBlock',
          code: 'AccessDenied',
        }),
      );
      expect(byType(h.buffer, S3_TYPES.accountPublicAccessBlock)[0].config).toEqual({
        AccountId: '111122223333',
      });
      expect(statuses(h, 's3_account_level_public_access_blocks')).toEqual({
        'account-public-access-block/111122223333': 'error',
      });
      // Without the account-level settings the public policy cannot be shown neutralised: still public.
      expect(statuses(h, 's3_bucket_public_access')).toEqual({ 'nwh-public-website': 'fail' });
    } finally {
      await h.close();
    }
  });
});
