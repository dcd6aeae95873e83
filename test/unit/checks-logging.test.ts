// Finer cases of the logging checks: CIS metric filter pattern normalisation, the trail -> log group -> filter
// -> alarm chain, advanced event selectors, trail buckets in another account, per-region gaps.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import { allChecks } from '../../main/checks/catalog';
import { CIS_PATTERNS } from '../../main/demo/estate/data/logging';
import { awsResource, gap, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const ACCOUNT = '111122223333';
const ACCOUNT_UID = `aws-account:${ACCOUNT}`;
const account = awsResource(
  'AWS::Account',
  ACCOUNT_UID,
  { AccountId: ACCOUNT },
  { region: 'global', service: 'account' },
);
const TRAIL_UID = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trail-logs`;
const trail = (config: Record<string, unknown> = {}) =>
  awsResource(
    'AWS::CloudTrail::Trail',
    TRAIL_UID,
    {
      Name: 'main',
      IsMultiRegionTrail: true,
      S3BucketName: 'trail-bucket',
      CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
      Status: { IsLogging: true },
      ...config,
    },
    { name: 'main' },
  );
const group = (patterns: string[]) =>
  awsResource(
    'AWS::Logs::LogGroup',
    GROUP_ARN,
    {
      logGroupName: 'trail-logs',
      retentionInDays: null,
      MetricFilters: patterns.map((p, i) => ({
        filterName: `f${i}`,
        filterPattern: p,
        metricTransformations: [{ metricName: `m${i}`, metricNamespace: 'CIS' }],
      })),
    },
    { name: 'trail-logs', service: 'logs' },
  );
const alarm = (metric: string, actions: string[] = ['arn:aws:sns:us-east-1:111122223333:t']) =>
  awsResource(
    'AWS::CloudWatch::Alarm',
    `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${metric}`,
    { AlarmName: metric, MetricName: metric, Namespace: 'CIS', AlarmActions: actions },
    { name: metric, service: 'cloudwatch' },
  );

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function judge(
  checkId: string,
  resources: CollectedResource[],
  gaps: CollectionGap[] = [],
  uid = ACCOUNT_UID,
) {
  fx?.close();
  fx = makeSnapshot({ resources, gaps, checks: allChecks.filter((c) => c.id === checkId) });
  const f = fx.findings(checkId).find((x) => x.resourceUid === uid);
  expect(f, `${checkId} judged ${uid}`).toBeDefined();
  return f!;
}
const cisStatus = (checkId: string, pattern: string, extra: CollectedResource[] = [alarm('m0')]) =>
  judge(checkId, [account, trail(), group([pattern]), ...extra]).status;

describe('CIS metric filter checks: pattern matching', () => {
  const NACL = 'cloudwatch_changes_to_network_acls_alarm_configured';
  it('accepts the CIS pattern with other whitespace, quoting and order', () => {
    expect(cisStatus(NACL, CIS_PATTERNS.networkAclChanges)).toBe('pass');
    const reordered = `{${CIS_PATTERNS.networkAclChanges.slice(1, -1).split('||').reverse().join('||')}}`;
    expect(cisStatus(NACL, reordered)).toBe('pass');
    expect(
      cisStatus(NACL, CIS_PATTERNS.networkAclChanges.replace(/= (\w+)/g, '= "$1"').replace(/ /g, '\n  ')),
    ).toBe('pass');
  });
  it('does not let a longer event name stand in for a shorter one', () => {
    // CreateNetworkAclEntry must not count as CreateNetworkAcl.
    const missing = CIS_PATTERNS.networkAclChanges.replace('($.eventName = CreateNetworkAcl) || ', '');
    expect(missing).not.toBe(CIS_PATTERNS.networkAclChanges);
    expect(cisStatus(NACL, missing)).toBe('fail');
  });
  it('rejects an OR list joined with && (it would never match a single event)', () => {
    expect(cisStatus(NACL, CIS_PATTERNS.networkAclChanges.replace(/\|\|/g, '&&'))).toBe('fail');
  });
  it('requires every AND term of the root usage pattern', () => {
    const ROOT = 'cloudwatch_log_metric_filter_root_usage';
    expect(cisStatus(ROOT, CIS_PATTERNS.rootUsage)).toBe('pass');
    expect(cisStatus(ROOT, '{ $.userIdentity.type = "Root" }')).toBe('fail');
  });
});

describe('CIS metric filter checks: the trail -> log group -> filter -> alarm chain', () => {
  const VPC = 'cloudwatch_changes_to_vpcs_alarm_configured';
  it('fails without an alarm, or with an alarm nobody hears', () => {
    expect(judge(VPC, [account, trail(), group([CIS_PATTERNS.vpcChanges])])).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('no alarm watches its metric'),
    });
    expect(judge(VPC, [account, trail(), group([CIS_PATTERNS.vpcChanges]), alarm('m0', [])])).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('has no enabled action'),
    });
  });
  it('ignores filters on the log group of a trail that is stopped or single-region', () => {
    const parts = [group([CIS_PATTERNS.vpcChanges]), alarm('m0')];
    expect(judge(VPC, [account, trail({ Status: { IsLogging: false } }), ...parts])).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('No logging multi-region trail'),
    });
    expect(judge(VPC, [account, trail({ IsMultiRegionTrail: false }), ...parts]).status).toBe('fail');
  });
  it('is an error when the trail status, the log group or its alarms were not collected', () => {
    expect(
      judge(VPC, [account, trail({ Status: undefined }), group([CIS_PATTERNS.vpcChanges]), alarm('m0')])
        .status,
    ).toBe('error');
    expect(judge(VPC, [account, trail()], [gap('logs', 'DescribeLogGroups')])).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('was not collected'),
    });
    expect(
      judge(
        VPC,
        [account, trail(), group([CIS_PATTERNS.vpcChanges])],
        [gap('monitoring', 'DescribeAlarms', 'us-east-1')],
      ),
    ).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('alarms of its region were not collected'),
    });
  });
});

describe('CloudTrail selector and bucket checks', () => {
  const selectors = (AdvancedEventSelectors: unknown) =>
    trail({ Selectors: { EventSelectors: null, AdvancedEventSelectors } });
  const s3Data = (extra: unknown[] = []) => ({
    Name: 's3',
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      ...extra,
    ],
  });
  it('reads advanced selectors: readOnly decides read vs write, an ARN filter narrows below "all buckets"', () => {
    const writeOnly = [selectors([s3Data([{ Field: 'readOnly', Equals: ['false'] }])])];
    expect(judge('cloudtrail_s3_dataevents_write_enabled', [account, ...writeOnly]).status).toBe('pass');
    expect(judge('cloudtrail_s3_dataevents_read_enabled', [account, ...writeOnly]).status).toBe('fail');
    const both = [selectors([s3Data()])];
    expect(judge('cloudtrail_s3_dataevents_read_enabled', [account, ...both]).status).toBe('pass');
    const oneBucket = [selectors([s3Data([{ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::one/'] }])])];
    expect(judge('cloudtrail_s3_dataevents_write_enabled', [account, ...oneBucket]).status).toBe('fail');
  });
  it('accepts advanced management selectors only without a readOnly restriction', () => {
    const mgmt = (extra: unknown[]) =>
      selectors([
        { Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...extra] },
      ]);
    const id = 'cloudtrail_multi_region_enabled_logging_management_events';
    expect(judge(id, [account, mgmt([])]).status).toBe('pass');
    expect(judge(id, [account, mgmt([{ Field: 'readOnly', Equals: ['false'] }])]).status).toBe('fail');
  });
  it('is an error, not a pass, when the trail writes to a bucket of another account', () => {
    expect(
      judge('cloudtrail_logs_s3_bucket_is_not_publicly_accessible', [trail()], [], TRAIL_UID),
    ).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('not collected in this account'),
    });
  });
  it('prefers our own PolicyJudgement over S3 PolicyStatus when the bucket carries one', () => {
    const bucket = awsResource(
      'AWS::S3::Bucket',
      'arn:aws:s3:::trail-bucket',
      {
        Name: 'trail-bucket',
        PublicAccessBlock: null,
        PolicyStatus: { IsPublic: false },
        PolicyJudgement: { Public: true },
        Acl: { Grants: [] },
      },
      { name: 'trail-bucket' },
    );
    expect(
      judge('cloudtrail_logs_s3_bucket_is_not_publicly_accessible', [trail(), bucket], [], TRAIL_UID),
    ).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('PolicyJudgement.Public'),
    });
  });
});

describe('per-region service checks', () => {
  it('GuardDuty: a detector whose status was not collected is an error for its region', () => {
    const uid = `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detectors`;
    const res = awsResource(
      'AWS::GuardDuty::RegionDetectors',
      uid,
      { Region: 'eu-west-1', DetectorIds: ['d1'], Detectors: [{ DetectorId: 'd1' }] },
      { region: 'eu-west-1', service: 'guardduty' },
    );
    expect(
      judge('guardduty_is_enabled', [res], [gap('guardduty', 'GetDetector', 'eu-west-1')], uid),
    ).toMatchObject({
      status: 'error',
      reason: 'Status of GuardDuty detector d1 in eu-west-1 was not collected (GetDetector failed)',
    });
  });
  it('Config: a recorder not recording all resource types fails and says so', () => {
    const uid = `arn:aws:config:us-west-2:${ACCOUNT}:recording`;
    const res = awsResource(
      'AWS::Config::RegionRecording',
      uid,
      {
        Region: 'us-west-2',
        ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: false } }],
        ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }],
        DeliveryChannels: [],
      },
      { region: 'us-west-2', service: 'config' },
    );
    expect(judge('config_recorder_all_regions_enabled', [res], [], uid)).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/does not record all supported resource types;.*no delivery channel/),
    });
  });
});
