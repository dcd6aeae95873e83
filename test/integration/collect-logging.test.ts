// The logging group through the REAL SDK clients against the replay server: CloudTrail selectors and CloudWatch
// Logs delivery, AWS Config, GuardDuty, Security Hub, CloudWatch Logs (paginated) and alarms (paginated), the
// gap convention (a denied GuardDuty region is an error for that region only; Security Hub "not subscribed" is
// a fact, not a gap), and the logging checks over the collected demo estate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { LOGGING_TYPES } from '../../main/collect/aws/logging-shapes';
import { AWS_TYPES } from '../../main/collect/aws/shapes';
import { LOGGING_ESTATE } from '../../main/demo/estate/data/logging';
import { byType, resourceNamed, startHarness, type Harness } from '../fixtures/aws/harness';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const LOGGING_SERVICES = new Set(['cloudtrail', 'config', 'guardduty', 'securityhub', 'cloudwatch']);
const loggingChecks = allChecks.filter((c) => LOGGING_SERVICES.has(c.service));
const ACCOUNT = '111122223333';
const estate = LOGGING_ESTATE[ACCOUNT];

describe('logging collection over the demo estate', () => {
  let h: Harness;
  let fx: SnapshotFixture;
  const status = (checkId: string, uid: string) =>
    fx.findings(checkId).find((f) => f.resourceUid === uid)?.status;
  const statuses = (checkId: string) =>
    Object.fromEntries(fx.findings(checkId).map((f) => [f.resourceUid, f.status]));

  beforeAll(async () => {
    h = await startHarness();
    // The replay server's dates are relative to the request time: the snapshot starts now, as a real one would.
    const startedAt = new Date().toISOString();
    await h.collect();
    fx = makeSnapshot({
      resources: h.buffer.resources,
      gaps: h.buffer.gaps,
      checks: loggingChecks,
      startedAt,
    });
  });
  afterAll(async () => {
    fx?.close();
    await h?.close();
  });

  it('adds event selectors, KMS and CloudWatch Logs delivery to each trail', () => {
    const org = resourceNamed(h.buffer, AWS_TYPES.cloudTrailTrail, 'nwh-org-audit').config;
    expect(org.CloudWatchLogsLogGroupArn).toBe(
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:nwh-cloudtrail:*`,
    );
    expect(org.Selectors).toMatchObject({
      EventSelectors: null,
      AdvancedEventSelectors: expect.arrayContaining([
        expect.objectContaining({
          FieldSelectors: expect.arrayContaining([{ Field: 'resources.type', Equals: ['AWS::S3::Object'] }]),
        }),
      ]),
    });
    expect(typeof (org.Status as Record<string, unknown>).LatestCloudWatchLogsDeliveryTime).toBe('string');
    const legacy = resourceNamed(h.buffer, AWS_TYPES.cloudTrailTrail, 'nwh-legacy-trail').config;
    expect(legacy).toMatchObject({
      KmsKeyId: null,
      CloudWatchLogsLogGroupArn: null,
      Selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] },
    });
    // Selectors are asked of the trail's home region, once per trail.
    const selectorCalls = h.server.requests.filter((r) => r.operation === 'GetEventSelectors');
    expect(selectorCalls.map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
  });

  it('collects one Config, GuardDuty and Security Hub resource per region', () => {
    for (const type of [
      LOGGING_TYPES.configRecording,
      LOGGING_TYPES.guardDutyRegion,
      LOGGING_TYPES.securityHub,
    ]) {
      expect(
        byType(h.buffer, type)
          .map((r) => r.region)
          .sort(),
      ).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    }
    const hubs = Object.fromEntries(
      byType(h.buffer, LOGGING_TYPES.securityHub).map((r) => [r.region, r.config.Hub]),
    );
    expect(hubs['us-east-1']).toMatchObject({
      HubArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`,
    });
    // "Not subscribed" is an answer: Hub null, raw evidence kept, no gap.
    expect(hubs['eu-west-1']).toBeNull();
    expect(
      h.buffer.raws.some(
        (r) => r.operation === 'DescribeHub' && JSON.stringify(r.response).includes('InvalidAccessException'),
      ),
    ).toBe(true);
    expect(
      h.buffer.gaps.filter((g) =>
        ['config', 'guardduty', 'securityhub', 'logs', 'monitoring'].includes(g.service),
      ),
    ).toEqual([]);
    const usw2 = byType(h.buffer, LOGGING_TYPES.guardDutyRegion).find((r) => r.region === 'us-west-2')!;
    expect(usw2.config).toMatchObject({ Detectors: [{ Status: 'DISABLED' }] });
  });

  it('follows every page of log groups, metric filters and alarms', () => {
    const groups = byType(h.buffer, LOGGING_TYPES.logGroup);
    expect(groups.map((g) => g.name).sort()).toEqual(estate.logGroups.map((g) => g.name).sort());
    const trailGroup = resourceNamed(h.buffer, LOGGING_TYPES.logGroup, 'nwh-cloudtrail');
    expect((trailGroup.config.MetricFilters as unknown[]).length).toBe(estate.metricFilters.length);
    expect(
      resourceNamed(h.buffer, LOGGING_TYPES.logGroup, '/nwh/app/audit').config.retentionInDays,
    ).toBeNull();
    expect(byType(h.buffer, LOGGING_TYPES.metricAlarm)).toHaveLength(estate.alarms.length);
    const pages = (op: string) =>
      h.server.requests.filter((r) => r.operation === op && r.region === 'us-east-1').length;
    expect(pages('DescribeLogGroups')).toBe(2); // 3 groups, 2 per page
    expect(pages('DescribeMetricFilters')).toBe(3); // 7 filters, 3 per page
    expect(pages('DescribeAlarms')).toBe(3); // 6 alarms, 2 per page
  });

  it('judges the demo the way the estate comments predict', () => {
    const trail = (n: string, region: string) => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${n}`;
    const org = trail('nwh-org-audit', 'us-east-1');
    const legacy = trail('nwh-legacy-trail', 'eu-west-1');
    const dev = trail('nwh-dev-trail', 'us-west-2');
    expect(statuses('cloudtrail_logging_enabled')).toEqual({
      [org]: 'pass',
      [legacy]: 'pass',
      [dev]: 'fail',
    });
    expect(statuses('cloudtrail_kms_encryption_enabled')).toEqual({
      [org]: 'pass',
      [legacy]: 'fail',
      [dev]: 'fail',
    });
    expect(statuses('cloudtrail_cloudwatch_logging_enabled')).toEqual({
      [org]: 'pass',
      [legacy]: 'fail',
      [dev]: 'fail',
    });
    expect(statuses('cloudtrail_logs_s3_bucket_is_not_publicly_accessible')).toEqual({
      [org]: 'pass',
      [legacy]: 'pass',
      [dev]: 'fail',
    });
    expect(statuses('cloudtrail_logs_s3_bucket_access_logging_enabled')).toEqual({
      [org]: 'pass',
      [legacy]: 'pass',
      [dev]: 'fail',
    });
    const acct = `aws-account:${ACCOUNT}`;
    expect(status('cloudtrail_multi_region_enabled_logging_management_events', acct)).toBe('pass');
    expect(status('cloudtrail_s3_dataevents_write_enabled', acct)).toBe('pass');
    expect(status('cloudtrail_s3_dataevents_read_enabled', acct)).toBe('fail');

    const regional = (type: string) => (region: string) =>
      type === 'config'
        ? `arn:aws:config:${region}:${ACCOUNT}:recording`
        : type === 'guardduty'
          ? `arn:aws:guardduty:${region}:${ACCOUNT}:detectors`
          : `arn:aws:securityhub:${region}:${ACCOUNT}:hub/default`;
    for (const [check, type, expected] of [
      [
        'config_recorder_all_regions_enabled',
        'config',
        { 'us-east-1': 'pass', 'eu-west-1': 'pass', 'us-west-2': 'fail' },
      ],
      [
        'guardduty_is_enabled',
        'guardduty',
        { 'us-east-1': 'pass', 'eu-west-1': 'pass', 'us-west-2': 'fail' },
      ],
      [
        'securityhub_enabled',
        'securityhub',
        { 'us-east-1': 'pass', 'eu-west-1': 'fail', 'us-west-2': 'fail' },
      ],
    ] as const) {
      for (const [region, want] of Object.entries(expected)) {
        expect(status(check, regional(type)(region)), `${check} ${region}`).toBe(want);
      }
    }
    const retention = Object.fromEntries(
      fx
        .findings('cloudwatch_log_group_retention_policy_specific_days_enabled')
        .map((f) => [f.resourceUid.split(':log-group:')[1], f.status]),
    );
    expect(retention).toEqual({
      'nwh-cloudtrail': 'pass',
      '/nwh/app/audit': 'pass',
      '/nwh/eu/claims-api': 'pass',
      '/aws/lambda/nwh-claims-intake': 'fail',
      '/nwh/dev/cloudtrail': 'fail',
    });
    const cis = (id: string) => fx.findings(id)[0];
    for (const id of [
      'cloudwatch_log_metric_filter_root_usage',
      'cloudwatch_log_metric_filter_unauthorized_api_calls',
      'cloudwatch_log_metric_filter_policy_changes',
      'cloudwatch_changes_to_vpcs_alarm_configured',
    ]) {
      expect(cis(id), id).toMatchObject({
        status: 'pass',
        reason: expect.stringContaining('nwh-org-audit -> log group nwh-cloudtrail'),
      });
    }
    expect(
      cis('cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled'),
    ).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('cis-cloudTrailChanges-alarm'),
    });
    expect(cis('cloudwatch_log_metric_filter_sign_in_without_mfa')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('no alarm watches its metric'),
    });
    expect(cis('cloudwatch_log_metric_filter_security_group_changes')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('No metric filter on log group nwh-cloudtrail matches'),
    });
    expect(cis('cloudwatch_changes_to_network_acls_alarm_configured').status).toBe('fail');
  });
});

describe('logging collection with faults', () => {
  it('turns a GuardDuty AccessDenied in one region into a gap and an error for that region only', async () => {
    const h = await startHarness({
      faults: [
        { service: 'guardduty', operation: 'ListDetectors', region: 'eu-west-1', kind: 'access-denied' },
      ],
    });
    try {
      await h.collect();
      const gaps = h.buffer.gaps.filter((g) => g.service === 'guardduty');
      expect(gaps).toEqual([
        expect.objectContaining({
          region: 'eu-west-1',
          operation: 'ListDetectors',
          code: 'AccessDeniedException',
        }),
      ]);
      expect(gaps[0].message).toContain('guardduty:ListDetectors');
      const eu = byType(h.buffer, LOGGING_TYPES.guardDutyRegion).find((r) => r.region === 'eu-west-1')!;
      expect('DetectorIds' in eu.config).toBe(false);
      const fx = makeSnapshot({
        resources: h.buffer.resources,
        gaps: h.buffer.gaps,
        checks: allChecks.filter((c) => c.id === 'guardduty_is_enabled'),
      });
      try {
        const byRegion = Object.fromEntries(
          fx.findings('guardduty_is_enabled').map((f) => [f.resourceUid.split(':')[3], f]),
        );
        expect(byRegion['eu-west-1']).toMatchObject({
          status: 'error',
          reason: 'GuardDuty detectors in eu-west-1 were not collected (ListDetectors failed)',
        });
        expect(byRegion['us-east-1'].status).toBe('pass');
        expect(byRegion['us-west-2'].status).toBe('fail');
      } finally {
        fx.close();
      }
    } finally {
      await h.close();
    }
  });

  it('makes the CIS checks an error, not a failure, when the alarms of the log group region are denied', async () => {
    const h = await startHarness({
      faults: [
        { service: 'monitoring', operation: 'DescribeAlarms', region: 'us-east-1', kind: 'access-denied' },
      ],
    });
    try {
      await h.collect();
      expect(h.buffer.gaps.filter((g) => g.service === 'monitoring')).toEqual([
        expect.objectContaining({ region: 'us-east-1', operation: 'DescribeAlarms' }),
      ]);
      const fx = makeSnapshot({
        resources: h.buffer.resources,
        gaps: h.buffer.gaps,
        checks: allChecks.filter((c) => c.id === 'cloudwatch_log_metric_filter_root_usage'),
      });
      try {
        expect(fx.findings('cloudwatch_log_metric_filter_root_usage')[0]).toMatchObject({
          status: 'error',
          reason: expect.stringMatching(/alarms of its region were not collected/),
        });
      } finally {
        fx.close();
      }
    } finally {
      await h.close();
    }
  });
});
