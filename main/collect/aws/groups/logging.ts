// The logging group's collectors, as units collectAws schedules (see main/collect/aws/module.ts). CloudTrail
// itself is a core collector (main/collect/aws/cloudtrail.ts, scheduled in index.ts).
import { collectAlarmsRegion, collectLogGroupsRegion } from '../logging-cloudwatch';
import { collectConfigRegion } from '../logging-config';
import { collectGuardDutyRegion } from '../logging-guardduty';
import { collectSecurityHubRegion } from '../logging-securityhub';
import type { AwsModule } from '../module';

export const LOGGING_MODULES: readonly AwsModule[] = [
  {
    service: 'config',
    scope: 'regional',
    label: 'AWS Config recorders',
    collect: ({ ctx, region, account }) => collectConfigRegion(ctx, region, account),
  },
  {
    service: 'guardduty',
    scope: 'regional',
    label: 'GuardDuty detectors',
    collect: ({ ctx, region, account }) => collectGuardDutyRegion(ctx, region, account),
  },
  {
    service: 'securityhub',
    scope: 'regional',
    label: 'Security Hub subscription',
    collect: ({ ctx, region, account }) => collectSecurityHubRegion(ctx, region, account),
  },
  {
    service: 'logs',
    scope: 'regional',
    label: 'CloudWatch Logs log groups and metric filters',
    collect: ({ ctx, region }) => collectLogGroupsRegion(ctx, region),
  },
  {
    service: 'monitoring',
    scope: 'regional',
    label: 'CloudWatch alarms',
    collect: ({ ctx, region }) => collectAlarmsRegion(ctx, region),
  },
];
