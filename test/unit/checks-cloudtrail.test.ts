import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import { checksOf, awsResource, gap, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const cloudTrailChecks = checksOf('cloudtrail');

const ACCOUNT_UID = 'aws-account:111122223333';
const account = awsResource(
  'AWS::Account',
  ACCOUNT_UID,
  {
    AccountId: '111122223333',
    Regions: ['us-east-1', 'eu-west-1'],
    CallerArn: 'arn:aws:iam::111122223333:user/tester',
  },
  { region: 'global', service: 'account', name: '111122223333' },
);
const trailUid = (n: string) => `arn:aws:cloudtrail:us-east-1:111122223333:trail/${n}`;
const trail = (name: string, config: Record<string, unknown>) =>
  awsResource(
    'AWS::CloudTrail::Trail',
    trailUid(name),
    { Name: name, TrailARN: trailUid(name), HomeRegion: 'us-east-1', ...config },
    { name },
  );

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function multiRegion(resources: CollectedResource[], gaps: CollectionGap[] = []) {
  fx = makeSnapshot({ resources: [account, ...resources], gaps, checks: cloudTrailChecks });
  const findings = fx.findings('cloudtrail_multi_region_enabled');
  expect(findings).toHaveLength(1);
  expect(findings[0].resourceUid).toBe(ACCOUNT_UID);
  return findings[0];
}

describe('cloudtrail_multi_region_enabled (account level)', () => {
  it('passes when a multi-region trail is logging', () => {
    const f = multiRegion([
      trail('regional', { IsMultiRegionTrail: false, Status: { IsLogging: true } }),
      trail('org-audit', { IsMultiRegionTrail: true, Status: { IsLogging: true } }),
    ]);
    expect(f).toMatchObject({
      status: 'pass',
      reason: 'Multi-region trail(s) logging in account 111122223333: org-audit',
    });
  });
  it('fails when there is no trail at all', () => {
    expect(multiRegion([])).toMatchObject({
      status: 'fail',
      reason: 'No CloudTrail trail exists in account 111122223333',
    });
  });
  it('fails when the multi-region trail is stopped or only regional trails exist', () => {
    expect(
      multiRegion([trail('stopped', { IsMultiRegionTrail: true, Status: { IsLogging: false } })]),
    ).toMatchObject({
      status: 'fail',
      reason: 'No multi-region trail is logging in account 111122223333: logging is stopped on stopped',
    });
    fx?.close();
    expect(
      multiRegion([trail('regional', { IsMultiRegionTrail: false, Status: { IsLogging: true } })]),
    ).toMatchObject({
      status: 'fail',
      reason: 'No multi-region trail exists in account 111122223333 (1 single-region trail(s) only)',
    });
  });
  it('is an error, not a failure, when trail status or the trail list could not be collected', () => {
    expect(multiRegion([trail('mystery', { IsMultiRegionTrail: true })])).toMatchObject({
      status: 'error',
      reason: 'Logging status of multi-region trail(s) mystery was not collected (GetTrailStatus failed)',
    });
    fx?.close();
    const f = multiRegion([], [gap('cloudtrail', 'DescribeTrails', 'eu-west-1')]);
    expect(f.status).toBe('error');
    expect(f.reason).toContain('CloudTrail could not be fully collected (1 error(s) in DescribeTrails)');
  });
});

describe('cloudtrail_log_file_validation_enabled', () => {
  it('passes enabled, fails disabled, errors when not reported', () => {
    fx = makeSnapshot({
      resources: [
        trail('good', { LogFileValidationEnabled: true }),
        trail('bad', { LogFileValidationEnabled: false }),
        trail('odd', {}),
      ],
      checks: cloudTrailChecks,
    });
    const get = (n: string) =>
      fx!.findings('cloudtrail_log_file_validation_enabled').find((x) => x.resourceUid === trailUid(n))!;
    expect(get('good')).toMatchObject({
      status: 'pass',
      reason: 'Trail good has log file validation enabled',
    });
    expect(get('bad')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('Trail bad has log file validation disabled'),
    });
    expect(get('odd').status).toBe('error');
  });
});
