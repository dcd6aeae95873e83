// Failure behaviour through the real SDK clients: retries recover throttling, every other failure becomes a
// gap and collection goes on, cancellation stops promptly, and only an identity failure stops the snapshot.
import { describe, expect, it } from 'vitest';
import { AWS_TYPES } from '../../main/collect/aws/shapes';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import type { Fault } from '../../main/demo/replay/server';
import { byType, resourceNamed, startHarness } from '../fixtures/aws/harness';

// One region keeps these runs short; the behaviour under test is per call.
const ONE_REGION = { regions: ['us-west-2'] };

async function collectWith(faults: Fault[], target: Record<string, unknown> = {}) {
  const h = await startHarness({ faults, target: { ...ONE_REGION, ...target } });
  try {
    const result = await h.collect();
    return { h, result };
  } finally {
    await h.close();
  }
}

describe('throttling', () => {
  it('is recovered by the SDK retry: more than one request, the resource present, no gap', async () => {
    const { h } = await collectWith([
      {
        service: 'ec2',
        operation: 'DescribeSecurityGroups',
        region: 'us-west-2',
        kind: 'throttle',
        times: 2,
      },
      { service: 's3', operation: 'GetBucketVersioning', kind: 'throttle', times: 1 },
      { service: 'iam', operation: 'ListUsers', kind: 'throttle', times: 1 },
      { service: 'cloudtrail', operation: 'DescribeTrails', kind: 'throttle', times: 1 },
    ]);
    const count = (op: string) => h.server.requests.filter((r) => r.operation === op).length;
    expect(count('DescribeSecurityGroups')).toBe(2 + 1); // 2 throttled + 1 page (3 SGs in us-west-2)
    expect(count('ListUsers')).toBe(1 + 3); // 1 throttled + 3 pages
    expect(count('DescribeTrails')).toBe(2);
    expect(byType(h.buffer, AWS_TYPES.ec2SecurityGroup)).toHaveLength(3);
    expect(byType(h.buffer, AWS_TYPES.iamUser)).toHaveLength(northwindHealth.users.length);
    expect(byType(h.buffer, AWS_TYPES.s3Bucket).every((b) => 'Versioning' in b.config)).toBe(true);
    expect(h.buffer.gaps.map((g) => g.operation)).toEqual(['GetBucketLogging']); // only the estate's own denial
  });

  it('becomes a Throttling gap when retries are exhausted, and the rest is still collected', async () => {
    const { h } = await collectWith([{ service: 'ec2', operation: 'DescribeVolumes', kind: 'throttle' }], {
      maxAttempts: 2,
    });
    expect(h.server.requests.filter((r) => r.operation === 'DescribeVolumes')).toHaveLength(2);
    expect(h.buffer.gaps).toContainEqual(
      expect.objectContaining({
        service: 'ec2',
        region: 'us-west-2',
        operation: 'DescribeVolumes',
        code: 'RequestLimitExceeded',
      }),
    );
    expect(h.buffer.gaps.find((g) => g.operation === 'DescribeVolumes')?.message).toMatch(
      /throttled ec2:DescribeVolumes on all 2 attempts/,
    );
    expect(byType(h.buffer, AWS_TYPES.ec2Volume)).toHaveLength(0);
    expect(byType(h.buffer, AWS_TYPES.ec2SecurityGroup)).toHaveLength(3);
  });
});

describe('access denied', () => {
  it('on one API is a gap row; the snapshot goes on with everything else', async () => {
    const { h } = await collectWith([
      { service: 'iam', operation: 'ListMFADevices', kind: 'access-denied' },
      { service: 'ec2', operation: 'GetEbsEncryptionByDefault', kind: 'access-denied' },
      { service: 'cloudtrail', operation: 'GetTrailStatus', kind: 'access-denied' },
    ]);
    const mfaGaps = h.buffer.gaps.filter((g) => g.operation === 'ListMFADevices');
    expect(mfaGaps).toHaveLength(northwindHealth.users.length);
    expect(mfaGaps[0]).toMatchObject({ service: 'iam', region: 'global', code: 'AccessDenied' });
    expect(mfaGaps[0].message).toMatch(/not allowed to call iam:ListMFADevices/);
    expect(h.buffer.gaps).toContainEqual(
      expect.objectContaining({ operation: 'GetEbsEncryptionByDefault', code: 'UnauthorizedOperation' }),
    );
    expect(h.buffer.gaps).toContainEqual(
      expect.objectContaining({ operation: 'GetTrailStatus', code: 'AccessDeniedException' }),
    );

    // Key absent where the call failed, everything else collected.
    const alice = resourceNamed(h.buffer, AWS_TYPES.iamUser, 'alice.nguyen').config;
    expect('MFADevices' in alice).toBe(false);
    expect(alice.AccessKeys).toHaveLength(1);
    const [ebs] = byType(h.buffer, AWS_TYPES.ec2EbsDefaultEncryption);
    expect(ebs.config).toEqual({ Region: 'us-west-2' });
    const trail = byType(h.buffer, AWS_TYPES.cloudTrailTrail)[0];
    expect('Status' in trail.config).toBe(false);
    expect(byType(h.buffer, AWS_TYPES.s3Bucket)).toHaveLength(northwindHealth.buckets.length);
  });

  it('on DescribeRegions falls back to the home region and records the gap', async () => {
    const h = await startHarness({
      faults: [{ service: 'ec2', operation: 'DescribeRegions', kind: 'access-denied' }],
    });
    try {
      const { regions } = await h.collect();
      expect(regions).toEqual(['us-east-1']);
      expect(h.buffer.gaps).toContainEqual(
        expect.objectContaining({ operation: 'DescribeRegions', code: 'UnauthorizedOperation' }),
      );
      expect(byType(h.buffer, AWS_TYPES.account)[0].config).toMatchObject({ Regions: ['us-east-1'] });
    } finally {
      await h.close();
    }
  });
});

describe('timeouts and malformed responses', () => {
  it('a hung call becomes a TimeoutError gap within the configured timeout', async () => {
    const started = Date.now();
    const { h } = await collectWith(
      [{ service: 'ec2', operation: 'GetEbsEncryptionByDefault', kind: 'timeout' }],
      { requestTimeoutMs: 300, maxAttempts: 2 },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(h.server.requests.filter((r) => r.operation === 'GetEbsEncryptionByDefault')).toHaveLength(2);
    const gap = h.buffer.gaps.find((g) => g.operation === 'GetEbsEncryptionByDefault');
    expect(gap).toMatchObject({ service: 'ec2', region: 'us-west-2', code: 'TimeoutError' });
    expect(gap?.message).toMatch(/did not answer in time/);
    expect(byType(h.buffer, AWS_TYPES.ec2Volume)).toHaveLength(5);
  });

  it.each([
    ['XML (S3)', { service: 's3', operation: 'GetBucketAcl', kind: 'malformed' } as Fault, 'GetBucketAcl'],
    [
      'XML (IAM query)',
      { service: 'iam', operation: 'GetAccountPasswordPolicy', kind: 'malformed' } as Fault,
      'GetAccountPasswordPolicy',
    ],
    [
      'XML (EC2)',
      { service: 'ec2', operation: 'DescribeVolumes', kind: 'malformed' } as Fault,
      'DescribeVolumes',
    ],
    [
      'JSON (CloudTrail)',
      { service: 'cloudtrail', operation: 'DescribeTrails', kind: 'malformed' } as Fault,
      'DescribeTrails',
    ],
  ])('a malformed %s body becomes a MalformedResponse gap', async (_label, fault, operation) => {
    const { h } = await collectWith([fault]);
    const gaps = h.buffer.gaps.filter((g) => g.operation === operation);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps[0].code).toBe('MalformedResponse');
    expect(gaps[0].message).toMatch(/could not be read/);
    // Everything else still arrives.
    expect(byType(h.buffer, AWS_TYPES.iamUser)).toHaveLength(northwindHealth.users.length);
  });
});

describe('cancellation', () => {
  it('stops promptly with an AbortError and makes no further calls', async () => {
    const h = await startHarness({ target: ONE_REGION });
    try {
      let aborted = false;
      const original = h.buffer.raw.bind(h.buffer);
      h.buffer.raw = (r) => {
        original(r);
        if (h.buffer.raws.length === 20 && !aborted) {
          aborted = true;
          h.controller.abort();
        }
      };
      const started = Date.now();
      await expect(h.collect()).rejects.toMatchObject({ name: 'AbortError' });
      expect(Date.now() - started).toBeLessThan(5_000);
      // Requests already on the wire when the analyst cancelled may still land; after that, silence.
      await new Promise((r) => setTimeout(r, 100));
      const atAbort = h.server.requests.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(h.server.requests.length).toBe(atAbort);
      // Far fewer calls than a full collection (which makes well over 100).
      expect(atAbort).toBeLessThan(40);
      expect(h.buffer.gaps.filter((g) => g.code === 'AbortError')).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('an already-aborted signal makes no call at all', async () => {
    const h = await startHarness();
    try {
      h.controller.abort();
      await expect(h.collect()).rejects.toMatchObject({ name: 'AbortError' });
      expect(h.server.requests).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('identity', () => {
  it('invalid credentials stop the snapshot with a clear error', async () => {
    const h = await startHarness({
      target: {
        credentials: { accessKeyId: 'AKIAWRONGKEYEXAMPLE1', secretAccessKey: 'not-the-secret' },
        maxAttempts: 1,
      },
    });
    try {
      const err = await h.collect().then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/rejected the credentials \(invalid or expired\)/);
      expect(err?.message).toContain('InvalidClientTokenId');
      expect(err?.message).not.toContain('not-the-secret');
      expect(h.server.requests.map((r) => r.operation)).toEqual(['GetCallerIdentity']);
      expect(h.buffer.resources).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('an STS failure of any other kind also stops it, saying why', async () => {
    const h = await startHarness({
      faults: [{ service: 'sts', operation: 'GetCallerIdentity', kind: 'access-denied' }],
    });
    try {
      await expect(h.collect()).rejects.toThrow(/Could not confirm which AWS identity.*AccessDenied/);
      expect(h.server.requests).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
