// Migration 0010: the views three families of checks share. The rows here are what an auditor sees in the
// sqlite3 shell, and what the checks decide on, so every "not collected" state must stay visible as its own
// value rather than fold into a pass-shaped row.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { loadMigrations, migrate, schemaVersion } from '../../main/store/migrate';
import { azureResource } from '../helpers/check-fixtures/azure';
import { awsResource, gap, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const ACCOUNT = '111122223333';
const VIEWS = ['aws_cis_metric_alarm_chain', 'aws_nacl_entries', 'azure_nsg_inbound_rules'];

let fx: SnapshotFixture | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

const viewNames = (db: Database.Database) =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name`).all() as { name: string }[]
  ).map((r) => r.name);

describe('migration 0010-check-chain-views', () => {
  it('adds the three views at user_version 10, and not before', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 9);
    for (const v of VIEWS) expect(viewNames(db)).not.toContain(v);
    migrate(db, loadMigrations(), 10);
    expect(schemaVersion(db)).toBe(10);
    expect(viewNames(db)).toEqual(expect.arrayContaining(VIEWS));
    db.close();
  });

  it('follows trail -> log group -> metric filter -> alarm and keeps every break in the chain visible', () => {
    const lgArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;
    const trail = (name: string, config: Record<string, unknown>) =>
      awsResource('AWS::CloudTrail::Trail', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`, {
        Name: name,
        IsMultiRegionTrail: true,
        ...config,
      });
    const alarm = (name: string, config: Record<string, unknown>, region = 'us-east-1') =>
      awsResource(
        'AWS::CloudWatch::Alarm',
        `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`,
        { AlarmName: name, Namespace: 'CIS', ...config },
        { name, region, service: 'cloudwatch' },
      );
    fx = makeSnapshot({
      checks: [],
      resources: [
        trail('a-main', { Status: { IsLogging: true }, CloudWatchLogsLogGroupArn: `${lgArn('main')}:*` }),
        trail('b-status-unknown', { CloudWatchLogsLogGroupArn: `${lgArn('main')}:*` }),
        trail('c-stopped', { Status: { IsLogging: false }, CloudWatchLogsLogGroupArn: `${lgArn('main')}:*` }),
        trail('d-group-missing', { Status: { IsLogging: true }, CloudWatchLogsLogGroupArn: lgArn('gone') }),
        trail('e-filters-unread', {
          Status: { IsLogging: true },
          CloudWatchLogsLogGroupArn: lgArn('unread'),
        }),
        trail('f-eu', { Status: { IsLogging: true }, CloudWatchLogsLogGroupArn: lgArn('eu') }),
        trail('g-single-region', { IsMultiRegionTrail: false, Status: { IsLogging: true } }),
        awsResource(
          'AWS::Logs::LogGroup',
          lgArn('main'),
          {
            MetricFilters: [
              {
                filterName: 'root',
                filterPattern: '{ ($.eventName = "A") && ($.x != "B") }',
                metricTransformations: [
                  { metricName: 'm1', metricNamespace: 'CIS' },
                  { metricName: 'm2', metricNamespace: 'CIS' },
                ],
              },
              { filterName: 'no-metric', filterPattern: '{ $.a = 1 }' },
            ],
          },
          { name: 'main', service: 'logs' },
        ),
        awsResource('AWS::Logs::LogGroup', lgArn('unread'), {}, { name: 'unread', service: 'logs' }),
        awsResource(
          'AWS::Logs::LogGroup',
          lgArn('eu'),
          {
            MetricFilters: [
              {
                filterName: 'eu-f',
                filterPattern: 'x',
                metricTransformations: [{ metricName: 'm1', metricNamespace: 'CIS' }],
              },
            ],
          },
          { name: 'eu', service: 'logs', region: 'eu-west-1' },
        ),
        // m1: one silent alarm and one that notifies (the first by name with an action wins); m2: silent only.
        alarm('z-notifies', { MetricName: 'm1', AlarmActions: ['arn:sns'], ActionsEnabled: true }),
        alarm('a-silent', { MetricName: 'm1', AlarmActions: [] }),
        alarm('m2-disabled', { MetricName: 'm2', AlarmActions: ['arn:sns'], ActionsEnabled: false }),
        // Same metric, other region: never counts for the us-east-1 group.
        alarm('other-region', { MetricName: 'm2', AlarmActions: ['arn:sns'] }, 'eu-west-2'),
      ],
      gaps: [gap('monitoring', 'DescribeAlarms', 'eu-west-1')],
    });
    const rows = fx.db
      .prepare(
        `SELECT trail_name, trail_is_logging, log_group_arn, log_group_name, filters_collected, filter_name,
                metric_name, pattern_terms, alarm, any_alarm, alarms_collected
         FROM aws_cis_metric_alarm_chain WHERE snapshot_id = ?
         ORDER BY trail_uid, filter_index, transformation_index`,
      )
      .all(fx.snapshotId);
    const none = { log_group_name: null, filters_collected: null, filter_name: null, metric_name: null };
    const noAlarm = { pattern_terms: null, alarm: null, any_alarm: null, alarms_collected: null };
    expect(rows).toEqual([
      {
        trail_name: 'a-main',
        trail_is_logging: 1,
        log_group_arn: lgArn('main'),
        log_group_name: 'main',
        filters_collected: 1,
        filter_name: 'root',
        metric_name: 'm1',
        pattern_terms: '|$.eventName=A|&|$.x!=B|',
        alarm: 'z-notifies',
        any_alarm: 'a-silent',
        alarms_collected: 1,
      },
      {
        trail_name: 'a-main',
        trail_is_logging: 1,
        log_group_arn: lgArn('main'),
        log_group_name: 'main',
        filters_collected: 1,
        filter_name: 'root',
        metric_name: 'm2',
        pattern_terms: '|$.eventName=A|&|$.x!=B|',
        alarm: null,
        any_alarm: 'm2-disabled',
        alarms_collected: 1,
      },
      // A filter that publishes no metric is listed, with nothing to alarm on.
      {
        trail_name: 'a-main',
        trail_is_logging: 1,
        log_group_arn: lgArn('main'),
        log_group_name: 'main',
        filters_collected: 1,
        filter_name: 'no-metric',
        metric_name: null,
        pattern_terms: '|$.a=1|',
        alarm: null,
        any_alarm: null,
        alarms_collected: null,
      },
      // GetTrailStatus not collected: logging unknown (NULL), and the chain is not followed.
      {
        trail_name: 'b-status-unknown',
        trail_is_logging: null,
        log_group_arn: lgArn('main'),
        ...none,
        ...noAlarm,
      },
      { trail_name: 'c-stopped', trail_is_logging: 0, log_group_arn: lgArn('main'), ...none, ...noAlarm },
      // The named log group was not collected: no group name, so the check can say which ARN is missing.
      {
        trail_name: 'd-group-missing',
        trail_is_logging: 1,
        log_group_arn: lgArn('gone'),
        ...none,
        ...noAlarm,
      },
      // DescribeMetricFilters failed: filters_collected 0, not an empty list.
      {
        trail_name: 'e-filters-unread',
        trail_is_logging: 1,
        log_group_arn: lgArn('unread'),
        ...none,
        log_group_name: 'unread',
        filters_collected: 0,
        ...noAlarm,
      },
      // DescribeAlarms failed in the group's region: no alarm, and alarms_collected 0 says why.
      {
        trail_name: 'f-eu',
        trail_is_logging: 1,
        log_group_arn: lgArn('eu'),
        log_group_name: 'eu',
        filters_collected: 1,
        filter_name: 'eu-f',
        metric_name: 'm1',
        pattern_terms: '|x|',
        alarm: null,
        any_alarm: null,
        alarms_collected: 0,
      },
    ]);
  });

  it('lists network ACL entries with direction, internet source, port range and readability', () => {
    const acl = (id: string, config: Record<string, unknown>) =>
      awsResource('AWS::EC2::NetworkAcl', `arn:aws:ec2:us-east-1:${ACCOUNT}:network-acl/${id}`, {
        NetworkAclId: id,
        VpcId: 'vpc-1',
        ...config,
      });
    fx = makeSnapshot({
      checks: [],
      resources: [
        acl('acl-1', {
          Entries: [
            {
              RuleNumber: 100,
              RuleAction: 'allow',
              Egress: false,
              Protocol: '6',
              CidrBlock: '0.0.0.0/0',
              PortRange: { From: 22, To: 22 },
            },
            { RuleNumber: 90, RuleAction: 'DENY', Egress: false, Protocol: '-1', Ipv6CidrBlock: '::/0' },
            { RuleNumber: 100, RuleAction: 'allow', Egress: true, Protocol: '-1', CidrBlock: '0.0.0.0/0' },
            {
              RuleNumber: 110,
              RuleAction: 'allow',
              Egress: false,
              Protocol: '6',
              CidrBlock: '10.0.0.0/8',
              PortRange: { From: 1, To: 9 },
            },
            // No action and no direction: cannot be placed in the evaluation order.
            { RuleNumber: 120, Protocol: '6', CidrBlock: '0.0.0.0/0' },
          ],
        }),
        // Entries not collected / not a list: no rows here; the checks read Entries' type from resources.
        acl('acl-2', {}),
        acl('acl-3', { Entries: 'unexpected' }),
      ],
    });
    const rows = fx.db
      .prepare(
        `SELECT network_acl_id, egress, rule_number, rule_action, protocol, internet_source, from_port, to_port, readable
         FROM aws_nacl_entries WHERE snapshot_id = ? ORDER BY acl_uid, entry_index`,
      )
      .all(fx.snapshotId);
    const row = (
      egress: number | null,
      rn: number,
      action: string | null,
      protocol: string,
      src: string | null,
      from: number,
      to: number,
      readable: number,
    ) => ({
      network_acl_id: 'acl-1',
      egress,
      rule_number: rn,
      rule_action: action,
      protocol,
      internet_source: src,
      from_port: from,
      to_port: to,
      readable,
    });
    expect(rows).toEqual([
      row(0, 100, 'allow', '6', '0.0.0.0/0', 22, 22, 1),
      row(0, 90, 'deny', '-1', '::/0', 0, 65535, 1),
      row(1, 100, 'allow', '-1', '0.0.0.0/0', 0, 65535, 1),
      row(0, 110, 'allow', '6', null, 1, 9, 1),
      row(null, 120, null, '6', '0.0.0.0/0', 0, 65535, 0),
    ]);
  });

  it('lists every inbound NSG rule, custom and default, with its sources and port ranges flattened', () => {
    const nsgId = (name: string) =>
      `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/${name}`;
    const rule = (name: string, properties: Record<string, unknown>) => ({ name, properties });
    const denyAll = rule('DenyAllInBound', {
      priority: 65500,
      access: 'Deny',
      direction: 'Inbound',
      protocol: '*',
      sourceAddressPrefix: '*',
      destinationPortRange: '*',
    });
    fx = makeSnapshot({
      checks: [],
      provider: 'azure',
      resources: [
        azureResource('Microsoft.Network/networkSecurityGroups', nsgId('web'), {
          properties: {
            securityRules: [
              rule('ssh', {
                priority: 100,
                access: 'Allow',
                direction: 'Inbound',
                protocol: 'Tcp',
                sourceAddressPrefixes: [' 10.0.0.0/8 ', 'Internet'],
                destinationPortRanges: ['22', '8000-8080'],
              }),
              rule('office', {
                priority: 200,
                access: 'Allow',
                direction: 'Inbound',
                protocol: 'Udp',
                sourceAddressPrefix: '192.0.2.0/24',
                destinationPortRange: '53',
              }),
              rule('out', {
                priority: 100,
                access: 'Allow',
                direction: 'Outbound',
                protocol: '*',
                sourceAddressPrefix: '*',
              }),
            ],
            defaultSecurityRules: [denyAll],
          },
        }),
        // Custom rules not collected: only the defaults are listed, and resources still says what is absent.
        azureResource('Microsoft.Network/networkSecurityGroups', nsgId('partial'), {
          properties: { defaultSecurityRules: [denyAll] },
        }),
      ],
    });
    const rows = fx.db
      .prepare(
        `SELECT nsg_name, rule_set, rule_name, priority, access, protocol, source_prefixes, from_internet, source,
                port_ranges
         FROM azure_nsg_inbound_rules WHERE snapshot_id = ? ORDER BY nsg_uid, rule_set, rule_index`,
      )
      .all(fx.snapshotId);
    const deny = (nsg: string) => ({
      nsg_name: nsg,
      rule_set: 'default',
      rule_name: 'DenyAllInBound',
      priority: 65500,
      access: 'deny',
      protocol: '*',
      source_prefixes: '["*"]',
      from_internet: 1,
      source: '*',
      port_ranges: '[{"range":"*","from":0,"to":65535}]',
    });
    expect(rows).toEqual([
      deny('partial'),
      {
        nsg_name: 'web',
        rule_set: 'custom',
        rule_name: 'ssh',
        priority: 100,
        access: 'allow',
        protocol: 'tcp',
        source_prefixes: '["10.0.0.0/8","internet"]',
        from_internet: 1,
        source: '[" 10.0.0.0/8 ","Internet"]',
        port_ranges: '[{"range":"22","from":22,"to":22},{"range":"8000-8080","from":8000,"to":8080}]',
      },
      {
        nsg_name: 'web',
        rule_set: 'custom',
        rule_name: 'office',
        priority: 200,
        access: 'allow',
        protocol: 'udp',
        source_prefixes: '["192.0.2.0/24"]',
        from_internet: 0,
        source: '192.0.2.0/24',
        port_ranges: '[{"range":"53","from":53,"to":53}]',
      },
      deny('web'),
    ]);
  });

  it('names a nameless NSG rule, so the checks built on it never give a NULL reason', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/odd';
    fx = makeSnapshot({
      checks: allChecks.filter((c) => c.id === 'network_ssh_internet_access_restricted'),
      provider: 'azure',
      resources: [
        azureResource('Microsoft.Network/networkSecurityGroups', id, {
          properties: {
            securityRules: [
              {
                properties: {
                  priority: 100,
                  access: 'Allow',
                  direction: 'Inbound',
                  protocol: 'Tcp',
                  sourceAddressPrefix: 'Internet',
                  destinationPortRange: '22',
                },
              },
            ],
            defaultSecurityRules: [],
          },
        }),
      ],
    });
    const [f] = fx.findings();
    expect(f).toMatchObject({ status: 'fail' });
    expect(f!.reason).toContain('(unnamed custom rule 0)');
  });

  it('is what the checks of the three families read, so their shared chain lives in one place', () => {
    const uses = (view: string) =>
      allChecks
        .filter((c) => c.origin === 'builtin' && new RegExp(`\\b${view}\\b`).test(c.sql))
        .map((c) => c.id);
    expect(uses('aws_cis_metric_alarm_chain')).toHaveLength(8);
    expect(uses('aws_nacl_entries').sort()).toEqual([
      'ec2_networkacl_allow_ingress_tcp_port_22',
      'ec2_networkacl_allow_ingress_tcp_port_3389',
    ]);
    expect(uses('azure_nsg_inbound_rules').sort()).toEqual([
      'network_http_internet_access_restricted',
      'network_rdp_internet_access_restricted',
      'network_ssh_internet_access_restricted',
      'network_udp_internet_access_restricted',
    ]);
  });
});
