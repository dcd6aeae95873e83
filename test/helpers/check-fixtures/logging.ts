// Pass, fail and data-missing fixtures for the logging group's checks (merged into CHECK_FIXTURES).
import type { CollectedResource, CollectionGap } from '../../../main/collect/types';
import { CIS_PATTERNS } from '../../../main/demo/estate/data/logging';
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { awsResource, FIXTURE_STARTED_AT, gap } from '../snapshot-fixture';

const ACCOUNT = '111122223333';
const ACCOUNT_UID = `aws-account:${ACCOUNT}`;
const hoursBefore = (h: number) => new Date(Date.parse(FIXTURE_STARTED_AT) - h * 3_600_000).toISOString();
const account = awsResource(
  'AWS::Account',
  ACCOUNT_UID,
  { AccountId: ACCOUNT },
  { region: 'global', service: 'account' },
);
const accountCase = (resources: CollectedResource[], gaps: CollectionGap[] = []): CheckCase => ({
  resources: [account, ...resources],
  gaps,
  uid: ACCOUNT_UID,
});

// CloudTrail: one trail; each case overrides or removes what its check decides on.
const TRAIL_UID = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trail-logs`;
const MANAGEMENT = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] };
const goodTrail: Record<string, unknown> = {
  Name: 'main',
  TrailARN: TRAIL_UID,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  S3BucketName: 'trail-bucket',
  KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1`,
  CloudWatchLogsLogGroupArn: `${LOG_GROUP_ARN}:*`,
  Status: {
    IsLogging: true,
    LatestDeliveryTime: hoursBefore(1),
    LatestCloudWatchLogsDeliveryTime: hoursBefore(1),
  },
  Selectors: {
    EventSelectors: [
      MANAGEMENT,
      {
        ReadWriteType: 'All',
        IncludeManagementEvents: false,
        DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
      },
    ],
    AdvancedEventSelectors: null,
  },
};
const trail = (config: Record<string, unknown>) =>
  awsResource('AWS::CloudTrail::Trail', TRAIL_UID, config, { name: 'main' });
const without = (config: Record<string, unknown>, key: string) => {
  const copy = { ...config };
  delete copy[key];
  return copy;
};
const trailCase = (config: Record<string, unknown>, extra: CollectedResource[] = []): CheckCase => ({
  resources: [trail(config), ...extra],
  uid: TRAIL_UID,
});
const perTrail = (key: string, failing: unknown): CheckFixtures => ({
  pass: trailCase(goodTrail),
  fail: trailCase({ ...goodTrail, [key]: failing }),
  error: trailCase(without(goodTrail, key)),
});

const goodBucket: Record<string, unknown> = {
  Name: 'trail-bucket',
  PublicAccessBlock: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
  PolicyStatus: { IsPublic: false },
  Acl: { Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] },
  Logging: { TargetBucket: 'access-logs', TargetPrefix: 'trail-bucket/' },
};
const bucket = (config: Record<string, unknown>) =>
  awsResource('AWS::S3::Bucket', 'arn:aws:s3:::trail-bucket', config, { name: 'trail-bucket' });

const accountTrailCase = (config: Record<string, unknown>, gaps: CollectionGap[] = []) =>
  accountCase([trail(config)], gaps);
const selectors = (EventSelectors: unknown, AdvancedEventSelectors: unknown = null) => ({
  ...goodTrail,
  Selectors: { EventSelectors, AdvancedEventSelectors },
});

// Per-region resources.
const CONFIG_UID = `arn:aws:config:us-east-1:${ACCOUNT}:recording`;
const goodConfig = {
  Region: 'us-east-1',
  ConfigurationRecorders: [
    { name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
  ],
  ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }],
  DeliveryChannels: [{ name: 'default', s3BucketName: 'config-bucket' }],
};
const configCase = (config: Record<string, unknown>): CheckCase => ({
  resources: [awsResource('AWS::Config::RegionRecording', CONFIG_UID, config, { service: 'config' })],
  uid: CONFIG_UID,
});
const GD_UID = `arn:aws:guardduty:us-east-1:${ACCOUNT}:detectors`;
const gdCase = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::GuardDuty::RegionDetectors',
      GD_UID,
      { Region: 'us-east-1', ...config },
      { service: 'guardduty' },
    ),
  ],
  uid: GD_UID,
});
const HUB_UID = `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`;
const hubCase = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::SecurityHub::Hub',
      HUB_UID,
      { Region: 'us-east-1', ...config },
      { service: 'securityhub' },
    ),
  ],
  uid: HUB_UID,
});
const LG_UID = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app`;
const lgCase = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::Logs::LogGroup',
      LG_UID,
      { logGroupName: 'app', ...config },
      { name: 'app', service: 'logs' },
    ),
  ],
  uid: LG_UID,
});

// CIS monitoring: trail -> log group with a filter -> alarm with an action.
const cisFilter = (pattern: string) => ({
  filterName: 'cis',
  filterPattern: pattern,
  metricTransformations: [{ metricName: 'cis-metric', metricNamespace: 'CISBenchmark' }],
});
const trailGroup = (filters?: unknown[]) =>
  awsResource(
    'AWS::Logs::LogGroup',
    LOG_GROUP_ARN,
    { logGroupName: 'trail-logs', retentionInDays: 365, ...(filters ? { MetricFilters: filters } : {}) },
    { name: 'trail-logs', service: 'logs' },
  );
const cisAlarm = awsResource(
  'AWS::CloudWatch::Alarm',
  `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:cis`,
  {
    AlarmName: 'cis',
    MetricName: 'cis-metric',
    Namespace: 'CISBenchmark',
    ActionsEnabled: true,
    AlarmActions: ['arn:aws:sns:us-east-1:111122223333:alerts'],
  },
  { name: 'cis', service: 'cloudwatch' },
);
const cis = (pattern: string): CheckFixtures => ({
  pass: accountCase([trail(goodTrail), trailGroup([cisFilter(pattern)]), cisAlarm]),
  // The filter is there but nothing alarms on its metric.
  fail: accountCase([trail(goodTrail), trailGroup([cisFilter(pattern)])]),
  // DescribeMetricFilters failed: the log group has no MetricFilters key.
  error: accountCase([trail(goodTrail), trailGroup(), cisAlarm], [gap('logs', 'DescribeMetricFilters')]),
});

export const LOGGING_FIXTURES: Record<string, CheckFixtures> = {
  cloudtrail_logging_enabled: {
    pass: trailCase(goodTrail),
    fail: trailCase({ ...goodTrail, Status: { IsLogging: false } }),
    error: trailCase(without(goodTrail, 'Status')),
  },
  cloudtrail_kms_encryption_enabled: perTrail('KmsKeyId', null),
  cloudtrail_cloudwatch_logging_enabled: {
    pass: trailCase(goodTrail),
    // Configured, but the last delivery is two days old.
    fail: trailCase({
      ...goodTrail,
      Status: { IsLogging: true, LatestCloudWatchLogsDeliveryTime: hoursBefore(48) },
    }),
    error: trailCase(without(goodTrail, 'Status')),
  },
  cloudtrail_logs_s3_bucket_is_not_publicly_accessible: {
    pass: trailCase(goodTrail, [bucket(goodBucket)]),
    fail: trailCase(goodTrail, [
      bucket({ ...goodBucket, PublicAccessBlock: null, PolicyStatus: { IsPublic: true } }),
    ]),
    // The bucket is not in the snapshot (another account's log archive).
    error: trailCase(goodTrail),
  },
  cloudtrail_logs_s3_bucket_access_logging_enabled: {
    pass: trailCase(goodTrail, [bucket(goodBucket)]),
    fail: trailCase(goodTrail, [bucket({ ...goodBucket, Logging: null })]),
    error: trailCase(goodTrail, [bucket(without(goodBucket, 'Logging'))]),
  },
  cloudtrail_multi_region_enabled_logging_management_events: {
    pass: accountTrailCase(goodTrail),
    fail: accountTrailCase(selectors([{ ...MANAGEMENT, ReadWriteType: 'WriteOnly' }])),
    error: accountTrailCase(without(goodTrail, 'Selectors'), [gap('cloudtrail', 'GetEventSelectors')]),
  },
  cloudtrail_s3_dataevents_read_enabled: {
    pass: accountTrailCase(goodTrail),
    fail: accountTrailCase(selectors([MANAGEMENT])),
    error: accountTrailCase(without(goodTrail, 'Selectors'), [gap('cloudtrail', 'GetEventSelectors')]),
  },
  cloudtrail_s3_dataevents_write_enabled: {
    pass: accountTrailCase(goodTrail),
    fail: accountTrailCase(
      selectors([
        MANAGEMENT,
        {
          ReadWriteType: 'ReadOnly',
          IncludeManagementEvents: false,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
        },
      ]),
    ),
    error: accountTrailCase(without(goodTrail, 'Selectors'), [gap('cloudtrail', 'GetEventSelectors')]),
  },
  config_recorder_all_regions_enabled: {
    pass: configCase(goodConfig),
    fail: configCase({
      ...goodConfig,
      ConfigurationRecordersStatus: [{ name: 'default', recording: false, lastStatus: 'SUCCESS' }],
    }),
    error: configCase(without(goodConfig, 'ConfigurationRecordersStatus')),
  },
  guardduty_is_enabled: {
    pass: gdCase({ DetectorIds: ['d1'], Detectors: [{ DetectorId: 'd1', Status: 'ENABLED' }] }),
    fail: gdCase({ DetectorIds: [], Detectors: [] }),
    error: gdCase({}),
  },
  securityhub_enabled: {
    pass: hubCase({ Hub: { HubArn: HUB_UID } }),
    fail: hubCase({ Hub: null }),
    error: hubCase({}),
  },
  cloudwatch_log_group_retention_policy_specific_days_enabled: {
    pass: lgCase({ retentionInDays: 400 }),
    fail: lgCase({ retentionInDays: 30 }),
    error: lgCase({}),
  },
  cloudwatch_log_metric_filter_unauthorized_api_calls: cis(CIS_PATTERNS.unauthorizedApiCalls),
  cloudwatch_log_metric_filter_sign_in_without_mfa: cis(CIS_PATTERNS.signInWithoutMfa),
  cloudwatch_log_metric_filter_root_usage: cis(CIS_PATTERNS.rootUsage),
  cloudwatch_log_metric_filter_policy_changes: cis(CIS_PATTERNS.policyChanges),
  cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled: cis(
    CIS_PATTERNS.cloudTrailChanges,
  ),
  cloudwatch_log_metric_filter_security_group_changes: cis(CIS_PATTERNS.securityGroupChanges),
  cloudwatch_changes_to_network_acls_alarm_configured: cis(CIS_PATTERNS.networkAclChanges),
  cloudwatch_changes_to_vpcs_alarm_configured: cis(CIS_PATTERNS.vpcChanges),
};
