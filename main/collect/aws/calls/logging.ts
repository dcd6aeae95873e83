// The logging group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const LOGGING_CALLS: readonly ApiCall[] = [
  {
    service: 'cloudtrail',
    operation: 'GetEventSelectors',
    action: 'cloudtrail:GetEventSelectors',
    why: 'Reads which management and S3 data events each trail records (management and object-level logging checks).',
  },
  {
    service: 'config',
    operation: 'DescribeConfigurationRecorders',
    action: 'config:DescribeConfigurationRecorders',
    why: 'Reads the AWS Config recorder of each region and whether it records all supported resource types.',
  },
  {
    service: 'config',
    operation: 'DescribeConfigurationRecorderStatus',
    action: 'config:DescribeConfigurationRecorderStatus',
    why: 'Reads whether each AWS Config recorder is recording and whether its last delivery succeeded.',
  },
  {
    service: 'config',
    operation: 'DescribeDeliveryChannels',
    action: 'config:DescribeDeliveryChannels',
    why: 'Reads where AWS Config delivers its configuration history (a recorder without a channel keeps nothing).',
  },
  {
    service: 'guardduty',
    operation: 'ListDetectors',
    action: 'guardduty:ListDetectors',
    why: 'Lists the GuardDuty detector of each region (threat detection enabled check).',
  },
  {
    service: 'guardduty',
    operation: 'GetDetector',
    action: 'guardduty:GetDetector',
    why: 'Reads whether each GuardDuty detector is enabled or suspended.',
  },
  {
    service: 'securityhub',
    operation: 'DescribeHub',
    action: 'securityhub:DescribeHub',
    why: 'Reads whether the account is subscribed to Security Hub in each region.',
  },
  {
    service: 'logs',
    operation: 'DescribeLogGroups',
    action: 'logs:DescribeLogGroups',
    why: 'Lists CloudWatch Logs log groups and their retention (log retention check, CloudTrail log group).',
  },
  {
    service: 'logs',
    operation: 'DescribeMetricFilters',
    action: 'logs:DescribeMetricFilters',
    why: 'Reads the metric filters on log groups (CIS monitoring checks: alerts on root use, policy changes...).',
  },
  {
    service: 'monitoring',
    operation: 'DescribeAlarms',
    action: 'cloudwatch:DescribeAlarms',
    why: 'Lists CloudWatch alarms, to confirm each CIS metric filter raises an alarm with an action.',
  },
];
