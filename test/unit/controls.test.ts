import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { evaluateControls, gapServices, type ExceptionCover } from '../../main/evidence/controls';
import { getFramework, type Framework } from '../../main/frameworks/catalog';
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import {
  awsResource,
  FIXTURE_STARTED_AT,
  gap,
  makeSnapshot,
  type SnapshotFixture,
} from '../helpers/snapshot-fixture';

const ENC = 's3_bucket_default_encryption';
const bucketUid = (n: string) => `arn:aws:s3:::${n}`;
const bucket = (name: string, encryption: unknown) => {
  const config: Record<string, unknown> = { Name: name, Region: 'us-east-1' };
  if (encryption !== undefined) config.Encryption = encryption;
  return awsResource('AWS::S3::Bucket', bucketUid(name), config, { name });
};
const encrypted = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };

const framework: Framework = {
  id: 'soc2-2017',
  name: 'Test framework',
  version: 'test',
  vocabulary: {
    effective: 'Effective',
    'effective-with-exceptions': 'Effective with exceptions',
    deficient: 'Deficient',
    incomplete: 'Incomplete',
    manual: 'Manual',
    'not-applicable': 'Not applicable',
    'awaiting-evidence': 'Awaiting evidence',
  },
  controls: [
    {
      id: 'ENC',
      title: 'Encryption',
      description: 'Buckets are encrypted',
      family: 'Test',
      testable: 'automated',
      checks: [{ id: ENC, rationale: 'Shows buckets are encrypted at rest' }],
      manualEvidence: [],
    },
    {
      id: 'VOL',
      title: 'Volumes',
      description: 'Volumes are encrypted',
      family: 'Test',
      testable: 'automated',
      checks: [{ id: 'ec2_ebs_volume_encryption', rationale: 'Shows volumes are encrypted at rest' }],
      manualEvidence: [],
    },
    {
      id: 'KEYS',
      title: 'Keys',
      description: 'Keys are used',
      family: 'Test',
      testable: 'automated',
      checks: [{ id: 'iam_user_accesskey_unused', rationale: 'Shows unused access keys were removed' }],
      manualEvidence: [],
    },
    {
      id: 'POLICY',
      title: 'Policy',
      description: 'Policy exists',
      family: 'Test',
      testable: 'manual',
      checks: [],
      manualEvidence: [{ id: 'POLICY-R1', request: 'Signed security policy' }],
    },
  ],
};

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

const AS_OF = '2025-07-01T00:00:00.000Z';
function controls(
  resources: CollectedResource[],
  opts: { gaps?: CollectionGap[]; exceptions?: ExceptionCover[]; asOf?: string } = {},
) {
  fx = makeSnapshot({ resources, gaps: opts.gaps });
  const results = evaluateControls(
    fx.db,
    fx.snapshotId,
    framework,
    allChecks,
    opts.exceptions ?? [],
    opts.asOf ?? AS_OF,
  );
  return (id: string) => results.find((r) => r.controlId === id)!;
}
const exception = (resource: string, expiresAt: string, approved = true): ExceptionCover => ({
  checkId: ENC,
  resourceUid: bucketUid(resource),
  expiresAt,
  approved,
});

describe('evaluateControls', () => {
  it('is effective when every mapped finding passes', () => {
    const c = controls([bucket('a', encrypted), bucket('b', encrypted)])('ENC');
    expect(c.status).toBe('effective');
    expect(c.statusReason).toBe(`All 2 findings pass across 1 check (${ENC}).`);
    expect(c.counts).toEqual({ pass: 2, fail: 0, error: 0, na: 0, excepted: 0 });
    expect(c).toMatchObject({ framework: 'soc2-2017', title: 'Encryption', checkIds: [ENC] });
  });

  it('is deficient when a failure is not covered', () => {
    const c = controls([bucket('a', encrypted), bucket('plain', null)])('ENC');
    expect(c.status).toBe('deficient');
    expect(c.statusReason).toBe(`1 of 2 resources fail ${ENC}; no approved, unexpired exception covers it.`);
    expect(c.counts).toMatchObject({ pass: 1, fail: 1, excepted: 0 });
  });

  it('is effective with exceptions when every failure has an approved, unexpired exception', () => {
    const c = controls([bucket('a', encrypted), bucket('plain', null)], {
      exceptions: [exception('plain', '2025-12-31T00:00:00.000Z')],
    })('ENC');
    expect(c.status).toBe('effective-with-exceptions');
    expect(c.statusReason).toBe(
      '1 failing finding covered by approved exceptions (earliest expiry 2025-12-31); 1 finding passes.',
    );
    expect(c.counts).toMatchObject({ pass: 1, fail: 0, excepted: 1 });
  });

  it('lets exceptions expire by themselves: the failure counts again at expiry', () => {
    const resources = [bucket('plain', null)];
    const exceptions = [exception('plain', '2025-08-01T00:00:00.000Z')];
    expect(controls(resources, { exceptions, asOf: '2025-07-31T23:59:59.000Z' })('ENC').status).toBe(
      'effective-with-exceptions',
    );
    fx?.close();
    const after = controls(resources, { exceptions, asOf: '2025-08-01T00:00:00.000Z' })('ENC');
    expect(after.status).toBe('deficient');
    expect(after.statusReason).toContain('(1 exception expired)');
  });

  it('ignores unapproved exceptions and exceptions for other resources', () => {
    const c = controls([bucket('plain', null), bucket('other', null)], {
      exceptions: [
        exception('plain', '2030-01-01T00:00:00.000Z', false),
        exception('other', '2030-01-01T00:00:00.000Z'),
      ],
    })('ENC');
    expect(c.status).toBe('deficient');
    expect(c.statusReason).toBe(
      `1 of 2 resources fail ${ENC}; no approved, unexpired exception covers it; 1 other failure covered by exceptions.`,
    );
  });

  it('is incomplete when a finding is an error, and deficient still wins over incomplete', () => {
    const c = controls([bucket('a', encrypted), bucket('unknown', undefined)])('ENC');
    expect(c.status).toBe('incomplete');
    expect(c.statusReason).toBe(`No uncovered failures, but 1 finding of ${ENC} could not be evaluated.`);
    fx?.close();
    expect(controls([bucket('plain', null), bucket('unknown', undefined)])('ENC').status).toBe('deficient');
  });

  it('is incomplete when a collection gap touches a mapped check service, not when it touches another', () => {
    const get = controls([bucket('a', encrypted)], { gaps: [gap('s3', 'ListBuckets', 'eu-west-1')] });
    expect(get('ENC').status).toBe('incomplete');
    expect(get('ENC').statusReason).toBe(
      'No uncovered failures, but collection gaps affect its population: s3 ListBuckets in eu-west-1 (AccessDenied).',
    );
    fx?.close();
    const other = controls([bucket('a', encrypted)], { gaps: [gap('ec2', 'DescribeVolumes')] });
    expect(other('ENC').status).toBe('effective');
    expect(other('VOL').status).toBe('incomplete');
  });

  it('is not applicable when the mapped checks have no resources (or only n/a findings)', () => {
    const get = controls([
      bucket('a', encrypted),
      awsResource(
        'AWS::IAM::User',
        'arn:aws:iam::111122223333:user/api',
        { UserName: 'api', UserId: 'AID', Arn: 'x', AccessKeys: [] },
        { region: 'global' },
      ),
    ]);
    expect(get('VOL')).toMatchObject({
      status: 'not-applicable',
      statusReason: 'No resources in scope for ec2_ebs_volume_encryption in this snapshot.',
    });
    expect(get('KEYS')).toMatchObject({ status: 'not-applicable', counts: { na: 1, pass: 0 } });
  });

  it('is manual when no check is mapped, and carries the evidence requests', () => {
    const c = controls([bucket('a', encrypted)])('POLICY');
    expect(c.status).toBe('manual');
    expect(c.manualEvidence).toEqual(['Signed security policy']);
    expect(c.statusReason).toContain('attach evidence for 1 request(s)');
  });

  it('refuses a snapshot that was never evaluated and an exception with a bad expiry', () => {
    fx = makeSnapshot({ resources: [bucket('a', encrypted)], checks: [] });
    expect(() => evaluateControls(fx!.db, fx!.snapshotId, framework, allChecks)).toThrow(
      /has not been evaluated/,
    );
    fx.close();
    fx = makeSnapshot({ resources: [bucket('a', encrypted)] });
    expect(() =>
      evaluateControls(fx!.db, fx!.snapshotId, framework, allChecks, [exception('a', 'next year')]),
    ).toThrow(/invalid expiry "next year"/);
  });

  it('evaluates every control of a shipped framework', () => {
    fx = makeSnapshot({ resources: [bucket('plain', null)], startedAt: FIXTURE_STARTED_AT });
    const soc2 = getFramework('soc2-2017');
    const results = evaluateControls(fx.db, fx.snapshotId, soc2, allChecks);
    expect(results.map((r) => r.controlId)).toEqual(soc2.controls.map((c) => c.id));
    expect(results.find((r) => r.controlId === 'CC6.1')?.status).toBe('deficient');
    const manualOnly = soc2.controls.find((c) => c.checks.length === 0)!;
    expect(results.find((r) => r.controlId === manualOnly.id)?.status).toBe('manual');
  });
});

describe('gapServices', () => {
  it('matches AWS gaps by signing name and Azure gaps by ARM namespace as well', () => {
    expect(gapServices({ provider: 'aws', service: 'S3', resourceType: 'AWS::S3::Bucket' })).toEqual(['s3']);
    expect(
      gapServices({ provider: 'azure', service: 'entra', resourceType: 'Microsoft.Graph/organization' }),
    ).toEqual(['entra', 'microsoft.graph']);
    expect(gapServices({ provider: 'azure', service: 'storage', resourceType: 'any' })).toEqual(['storage']);
  });
});
