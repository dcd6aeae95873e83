// CloudWatch Logs and CloudWatch alarms (per region). Log groups (DescribeLogGroups, all pages) each carry
// the region's metric filters on them (DescribeMetricFilters, all pages, once per region rather than once per
// group); metric alarms (DescribeAlarms, all pages) are resources of their own. The CIS monitoring checks
// join trail -> log group -> metric filter -> alarm.
import type { LogGroup, MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { settled } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { allPages } from './logging-paginate';
import { LOGGING_TYPES, type LogGroupConfig } from './logging-shapes';
import { awsSdk } from './sdk-loader';

export async function collectLogGroupsRegion(ctx: CallContext, region: string): Promise<void> {
  const { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } =
    await awsSdk.cloudWatchLogs();
  const client = ctx.clients.client('logs', region, (c) => new CloudWatchLogsClient(c));
  const [groups, filters] = await settled(
    allPages<{ logGroups?: LogGroup[] }, LogGroup>(
      ctx,
      { service: 'logs', region, operation: 'DescribeLogGroups' },
      'nextToken',
      (params, abortSignal) => client.send(new DescribeLogGroupsCommand(params), { abortSignal }),
      (page) => page.logGroups,
    ),
    allPages<{ metricFilters?: MetricFilter[] }, MetricFilter>(
      ctx,
      { service: 'logs', region, operation: 'DescribeMetricFilters' },
      'nextToken',
      (params, abortSignal) => client.send(new DescribeMetricFiltersCommand(params), { abortSignal }),
      (page) => page.metricFilters,
    ),
  );
  for (const g of groups ?? []) {
    if (!g.logGroupName) continue;
    const arn = g.logGroupArn ?? g.arn?.replace(/:\*$/, '');
    if (!arn) continue;
    const config = redactObject(g) as unknown as LogGroupConfig;
    // DescribeLogGroups omits retentionInDays for "never expire": null records that it was read.
    config.retentionInDays = g.retentionInDays ?? null;
    if (filters)
      config.MetricFilters = (
        redactObject({ MetricFilters: filters.filter((f) => f.logGroupName === g.logGroupName) }) as Pick<
          LogGroupConfig,
          'MetricFilters'
        >
      ).MetricFilters;
    ctx.sink.resource({
      uid: arn,
      provider: 'aws',
      service: 'logs',
      type: LOGGING_TYPES.logGroup,
      region,
      name: g.logGroupName,
      tags: {},
      config: config as unknown as Record<string, unknown>,
    });
  }
}

export async function collectAlarmsRegion(ctx: CallContext, region: string): Promise<void> {
  const { CloudWatchClient, DescribeAlarmsCommand } = await awsSdk.cloudWatch();
  const client = ctx.clients.client('monitoring', region, (c) => new CloudWatchClient(c));
  const alarms = await allPages<{ MetricAlarms?: MetricAlarm[] }, MetricAlarm>(
    ctx,
    { service: 'monitoring', region, operation: 'DescribeAlarms' },
    'NextToken',
    (params, abortSignal) => client.send(new DescribeAlarmsCommand(params), { abortSignal }),
    (page) => page.MetricAlarms,
  );
  // A failed page leaves no alarms of this region and a gap: the checks read the gap as "not collected".
  for (const a of alarms ?? []) {
    if (!a.AlarmArn || !a.AlarmName) continue;
    ctx.sink.resource({
      uid: a.AlarmArn,
      provider: 'aws',
      service: 'cloudwatch',
      type: LOGGING_TYPES.metricAlarm,
      region,
      name: a.AlarmName,
      tags: {},
      config: redactObject(a) as unknown as Record<string, unknown>,
    });
  }
}
