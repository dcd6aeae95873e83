// Full collection of the demo estate through the real SDK clients: population, configs per shapes.ts, the
// gap convention, raw evidence and the registry guarantee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_TYPES } from '../../main/collect/aws/shapes';
import { AWS_API_CALLS, findApiCall } from '../../main/collect/registry';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import { startDemoEstate } from '../../main/demo/demo-target';
import { AWS_MODULES, collectAws } from '../../main/collect/aws/index';
import { CollectionBuffer } from '../../main/collect/types';
import { byType, resourceNamed, startHarness, type Harness } from '../fixtures/aws/harness';

type Cfg = Record<string, unknown>;

describe('collectAws over the demo estate', () => {
  let h: Harness;
  let result: Awaited<ReturnType<Harness['collect']>>;

  beforeAll(async () => {
    h = await startHarness();
    result = await h.collect();
  });
  afterAll(() => h.close());

  it('takes the identity from STS and every enabled region from DescribeRegions', () => {
    expect(result.identity).toEqual({
      account: '111122223333',
      arn: 'arn:aws:iam::111122223333:user/evidence-desk-auditor',
      userId: northwindHealth.caller.userId,
    });
    expect(result.regions).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(h.server.requests[0]).toEqual({
      service: 'sts',
      operation: 'GetCallerIdentity',
      region: 'us-east-1',
    });
  });

  it('collects the whole population of every resource type', () => {
    const count = (t: string) => byType(h.buffer, t).length;
    expect(count(AWS_TYPES.account)).toBe(1);
    expect(count(AWS_TYPES.s3Bucket)).toBe(northwindHealth.buckets.length);
    expect(count(AWS_TYPES.iamUser)).toBe(northwindHealth.users.length); // spans 3 ListUsers pages
    expect(count(AWS_TYPES.iamRoot)).toBe(1);
    expect(count(AWS_TYPES.iamPasswordPolicy)).toBe(1);
    expect(count(AWS_TYPES.iamPolicy)).toBe(northwindHealth.policies.length);
    expect(count(AWS_TYPES.ec2SecurityGroup)).toBe(northwindHealth.securityGroups.length);
    expect(count(AWS_TYPES.ec2Volume)).toBe(northwindHealth.volumes.length);
    expect(count(AWS_TYPES.ec2EbsDefaultEncryption)).toBe(3);
    // Two multi-region trails are seen from all three regions; each is recorded once.
    expect(count(AWS_TYPES.cloudTrailTrail)).toBe(3);
    const uids = h.buffer.resources.map((r) => r.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('records S3 settings with null for "not configured" and the region from the location constraint', () => {
    const marketing = resourceNamed(h.buffer, AWS_TYPES.s3Bucket, 'nwh-marketing-assets');
    expect(marketing.region).toBe('us-west-2');
    expect(marketing.config).toMatchObject({
      Region: 'us-west-2',
      PublicAccessBlock: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
      PolicyStatus: null,
      Encryption: null,
      Versioning: {},
      Logging: null,
    });
    const grants = (marketing.config.Acl as { Grants: { Grantee: { URI?: string }; Permission: string }[] })
      .Grants;
    expect(grants).toContainEqual({
      Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
      Permission: 'READ',
    });

    const records = resourceNamed(h.buffer, AWS_TYPES.s3Bucket, 'nwh-patient-records-prod');
    expect(records.config).toMatchObject({
      Region: 'us-east-1',
      PublicAccessBlock: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      PolicyStatus: { IsPublic: false },
      Encryption: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }],
      },
      Versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
      Logging: { TargetBucket: 'nwh-access-logs-111122223333', TargetPrefix: 'patient-records/' },
    });
    expect(resourceNamed(h.buffer, AWS_TYPES.s3Bucket, 'nwh-public-website').config).toMatchObject({
      PublicAccessBlock: null,
      PolicyStatus: { IsPublic: true },
    });
    // Legacy 'EU' location constraint means eu-west-1.
    expect(resourceNamed(h.buffer, AWS_TYPES.s3Bucket, 'nwh-claims-archive-eu').region).toBe('eu-west-1');
  });

  it('sends bucket follow-ups to the bucket region', () => {
    for (const b of northwindHealth.buckets) {
      const perBucket = h.server.requests.filter(
        (r) => r.service === 's3' && r.operation === 'GetBucketVersioning',
      );
      expect(perBucket.some((r) => r.region === b.region)).toBe(true);
    }
    expect(
      h.server.requests.filter((r) => r.service === 's3' && r.operation === 'GetBucketAcl'),
    ).toHaveLength(northwindHealth.buckets.length);
  });

  it('turns the deliberate AccessDenied into one gap, key absent, and keeps everything else', () => {
    expect(h.buffer.gaps).toHaveLength(1);
    expect(h.buffer.gaps[0]).toMatchObject({
      service: 's3',
      region: 'us-east-1',
      operation: 'GetBucketLogging',
      code: 'AccessDenied',
    });
    expect(h.buffer.gaps[0].message).toContain('s3:GetBucketLogging');
    const legacy = resourceNamed(h.buffer, AWS_TYPES.s3Bucket, 'nwh-legacy-exports');
    expect('Logging' in legacy.config).toBe(false);
    expect(legacy.config).toMatchObject({ Encryption: null, PublicAccessBlock: null });
  });

  it('builds IAM users from their follow-up calls and the credential report', () => {
    const carol = resourceNamed(h.buffer, AWS_TYPES.iamUser, 'carol.diaz');
    expect(carol.uid).toBe('arn:aws:iam::111122223333:user/carol.diaz');
    const cfg = carol.config as Cfg & {
      AccessKeys: { CreateDate: string; LastUsedDate: string }[];
      CredentialReport: Record<string, string>;
    };
    expect(cfg.MFADevices).toHaveLength(1);
    expect(cfg.AccessKeys).toHaveLength(1);
    const ageDays = (Date.now() - Date.parse(cfg.AccessKeys[0].CreateDate)) / 86_400_000;
    expect(Math.round(ageDays)).toBe(200);
    expect(cfg.CredentialReport).toMatchObject({
      user: 'carol.diaz',
      mfa_active: 'true',
      password_enabled: 'true',
      access_key_1_active: 'true',
    });
    expect(cfg.AttachedPolicies).toEqual([
      { PolicyName: 'NWH-CIDeploy', PolicyArn: 'arn:aws:iam::111122223333:policy/NWH-CIDeploy' },
    ]);

    const bob = resourceNamed(h.buffer, AWS_TYPES.iamUser, 'bob.martin').config;
    expect(bob).toMatchObject({
      MFADevices: [],
      AccessKeys: [],
      CredentialReport: { password_enabled: 'true', mfa_active: 'false' },
    });
    // Never-used key: LastUsedDate present and null (collected, never used).
    const reporting = resourceNamed(h.buffer, AWS_TYPES.iamUser, 'svc-reporting').config as {
      AccessKeys: { LastUsedDate: unknown }[];
    };
    expect(reporting.AccessKeys[0].LastUsedDate).toBeNull();
    expect(resourceNamed(h.buffer, AWS_TYPES.iamUser, 'svc-backup').uid).toBe(
      'arn:aws:iam::111122223333:user/service/svc-backup',
    );
  });

  it('takes the root user from the <root_account> row and the weak password policy as is', () => {
    const [root] = byType(h.buffer, AWS_TYPES.iamRoot);
    expect(root.uid).toBe('arn:aws:iam::111122223333:root');
    expect(root.config).toMatchObject({
      CredentialReport: { user: '<root_account>', mfa_active: 'false', access_key_1_active: 'true' },
    });
    const [pp] = byType(h.buffer, AWS_TYPES.iamPasswordPolicy);
    expect(pp.uid).toBe('arn:aws:iam::111122223333:account-password-policy');
    expect(pp.config).toEqual({
      PasswordPolicy: {
        MinimumPasswordLength: 8,
        RequireSymbols: false,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: false,
      },
    });
  });

  it('decodes customer-managed policy documents', () => {
    const admin = resourceNamed(h.buffer, AWS_TYPES.iamPolicy, 'NWH-AdminBreakGlass');
    expect(admin.config).toMatchObject({
      DefaultVersionId: 'v3',
      Document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
    });
    const deny = resourceNamed(h.buffer, AWS_TYPES.iamPolicy, 'NWH-DenyOutsideApprovedRegions').config as {
      Document: { Statement: Cfg[] };
    };
    expect(deny.Document.Statement[0].Condition).toEqual({
      StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2', 'eu-west-1'] },
    });
  });

  it('keeps security group rules, volumes and EBS defaults per region', () => {
    const bastion = resourceNamed(h.buffer, AWS_TYPES.ec2SecurityGroup, 'bastion-ssh');
    expect(bastion.uid).toBe('arn:aws:ec2:us-east-1:111122223333:security-group/sg-0e1a2b3c4d5e60003');
    expect(bastion.tags).toEqual({ Name: 'bastion', Environment: 'prod' });
    expect(bastion.config.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        UserIdGroupPairs: [],
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'temporary - remove after migration' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ]);
    const emr = resourceNamed(h.buffer, AWS_TYPES.ec2SecurityGroup, 'analytics-emr').config as {
      IpPermissions: Cfg[];
    };
    expect(emr.IpPermissions[0]).toMatchObject({ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] });
    expect(emr.IpPermissions[0].FromPort).toBeUndefined();

    const volumes = byType(h.buffer, AWS_TYPES.ec2Volume);
    expect(volumes.filter((v) => v.config.Encrypted === false)).toHaveLength(
      northwindHealth.volumes.filter((v) => !v.encrypted).length,
    );
    expect(volumes.filter((v) => v.region === 'us-west-2')).toHaveLength(5); // 2 DescribeVolumes pages
    const ebs = Object.fromEntries(
      byType(h.buffer, AWS_TYPES.ec2EbsDefaultEncryption).map((r) => [
        r.region,
        r.config.EbsEncryptionByDefault,
      ]),
    );
    expect(ebs).toEqual({ 'us-east-1': true, 'eu-west-1': true, 'us-west-2': false });
  });

  it('records each trail once in its home region with its status', () => {
    const trails = Object.fromEntries(byType(h.buffer, AWS_TYPES.cloudTrailTrail).map((t) => [t.name, t]));
    expect(trails['nwh-legacy-trail'].region).toBe('eu-west-1');
    expect(trails['nwh-org-audit'].config).toMatchObject({
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      Status: { IsLogging: true },
    });
    expect(trails['nwh-legacy-trail'].config).toMatchObject({
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: false,
    });
    expect(trails['nwh-dev-trail'].config).toMatchObject({
      IsMultiRegionTrail: false,
      Status: { IsLogging: false },
    });
    const statusCalls = h.server.requests.filter((r) => r.operation === 'GetTrailStatus');
    expect(statusCalls.map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
  });

  it('records every response as redacted plain JSON raw evidence', () => {
    expect(h.buffer.raws.length).toBeGreaterThan(100);
    const text = JSON.stringify(h.buffer.raws);
    expect(text).not.toContain('$metadata');
    expect(text).not.toContain('wJalrXUtnFEMI');
    for (const r of h.buffer.raws) expect(JSON.parse(JSON.stringify(r.response))).toEqual(r.response);
    const report = h.buffer.raws.find((r) => r.operation === 'GetCredentialReport');
    expect((report?.response as { Content: string }).Content).toMatch(/^user,arn,user_creation_time/);
    // "Not configured" answers are evidence too.
    expect(
      h.buffer.raws.some(
        (r) =>
          r.operation === 'GetBucketEncryption' &&
          JSON.stringify(r.response).includes('ServerSideEncryptionConfigurationNotFoundError'),
      ),
    ).toBe(true);
  });

  it('only ever calls operations in the registry, and the registry lists nothing unused', () => {
    const seen = new Set(h.server.requests.map((r) => `${r.service}:${r.operation}`));
    for (const key of seen) {
      const [service, operation] = key.split(':');
      expect(findApiCall(service, operation), key).toBeDefined();
    }
    expect([...seen].sort()).toEqual(AWS_API_CALLS.map((c) => `${c.service}:${c.operation}`).sort());
  });

  it('reports progress per unit up to the total', () => {
    const last = h.progress[h.progress.length - 1];
    expect(last.phase).toBe('collecting');
    expect(last.done).toBe(last.total);
    // IAM, S3, and EC2 + CloudTrail per region, then every group module: once (global) or per region.
    const modules = AWS_MODULES.reduce((n, m) => n + (m.scope === 'global' ? 1 : 3), 0);
    expect(last.total).toBe(2 + 3 * 2 + modules);
    expect(h.progress.some((p) => /S3 buckets: \d+ of 14/.test(p.message))).toBe(true);
  });
});

describe('collectAws options', () => {
  it('honours a region restriction, still recording every enabled region for the approved-regions check', async () => {
    const h = await startHarness({ target: { regions: ['eu-west-1'] } });
    try {
      const { regions } = await h.collect();
      expect(regions).toEqual(['eu-west-1']);
      // DescribeRegions is still asked (once, in the home region): enabled-but-unapproved regions are findings
      // whichever regions the analyst chose to collect.
      const describe = h.server.requests.filter((r) => r.operation === 'DescribeRegions');
      expect(describe).toHaveLength(1);
      expect(describe[0].region).toBe('us-east-1');
      expect(byType(h.buffer, AWS_TYPES.account)[0].config).toMatchObject({
        Regions: ['eu-west-1'],
        EnabledRegions: ['eu-west-1', 'us-east-1', 'us-west-2'],
      });
      const regional = h.buffer.resources.filter((r) => r.service === 'ec2');
      expect(new Set(regional.map((r) => r.region))).toEqual(new Set(['eu-west-1']));
      const regionalCalls = h.server.requests.filter(
        (r) => (r.service === 'ec2' && r.operation !== 'DescribeRegions') || r.operation === 'DescribeTrails',
      );
      expect(new Set(regionalCalls.map((r) => r.region))).toEqual(new Set(['eu-west-1']));
      // The us-east-1 multi-region trail is still seen (as a shadow trail) and recorded in its home region.
      expect(
        byType(h.buffer, AWS_TYPES.cloudTrailTrail)
          .map((t) => t.name)
          .sort(),
      ).toEqual(['nwh-legacy-trail', 'nwh-org-audit']);
      // S3 and IAM are global: not restricted.
      expect(byType(h.buffer, AWS_TYPES.s3Bucket)).toHaveLength(northwindHealth.buckets.length);
    } finally {
      await h.close();
    }
  });

  it('rejects a malformed region name before any call', async () => {
    const h = await startHarness({ target: { regions: ['mars-north-1a'] } });
    try {
      await expect(h.collect()).rejects.toThrow(/not an AWS region name/);
      expect(h.server.requests).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('startDemoEstate serves the demo account to the real collector', async () => {
    const demo = await startDemoEstate();
    try {
      expect(demo.target.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const buffer = new CollectionBuffer(new AbortController().signal);
      const { identity } = await collectAws(demo.target, buffer);
      expect(identity.account).toBe('111122223333');
      expect(byType(buffer, AWS_TYPES.s3Bucket)).toHaveLength(14);
      expect(buffer.gaps.map((g) => g.code)).toEqual(['AccessDenied']);
    } finally {
      await demo.close();
    }
  });
});
