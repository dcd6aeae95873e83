// The demo organisation's logging facts, per account id (see main/demo/estate/sections/logging.ts for the shape).
// What the checks should say about the management account 111122223333 (Northwind Health):
// - config_recorder_all_regions_enabled: pass us-east-1, eu-west-1; fail us-west-2 (no recorder, no channel).
// - guardduty_is_enabled: pass us-east-1, eu-west-1; fail us-west-2 (detector suspended).
// - securityhub_enabled: pass us-east-1; fail eu-west-1, us-west-2 (not subscribed).
// - cloudwatch_log_group_retention_policy_specific_days_enabled: pass nwh-cloudtrail (365), /nwh/app/audit
//   (never expires), /nwh/eu/claims-api (400); fail /aws/lambda/nwh-claims-intake (14), /nwh/dev/cloudtrail (7).
// - CIS metric filters on nwh-cloudtrail (the log group of the logging multi-region trail nwh-org-audit):
//   pass root usage (extra whitespace), unauthorized API calls (CIS v3 form), policy changes (names
//   reordered), VPC changes; fail CloudTrail configuration changes (alarm has no action), sign-in without
//   MFA (filter but no alarm), security group changes (filter misses two events), network ACL changes (none).
import type { LoggingEstate } from '../sections/logging';

const MGMT = '111122223333';
const MEMBER = '444455556666';
const NS = 'CISBenchmark';
const topic = (account: string) => `arn:aws:sns:us-east-1:${account}:security-alerts`;

/** The CIS AWS Foundations Benchmark v3.0.0 section 4 filter patterns, as the benchmark prints them. */
export const CIS_PATTERNS = {
  unauthorizedApiCalls:
    '{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
  signInWithoutMfa: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  rootUsage: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  policyChanges:
    '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  cloudTrailChanges:
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  securityGroupChanges:
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  networkAclChanges:
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  vpcChanges:
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
} as const;

const ON = (name: string, bucket: string) => ({
  recorder: { name, allSupported: true, includeGlobalResourceTypes: true, recording: true, lastStatus: 'Success' as const },
  deliveryChannel: { name, s3Bucket: bucket },
});

type Filter = LoggingEstate['metricFilters'][number];
const filter = (region: string, logGroup: string, key: keyof typeof CIS_PATTERNS, pattern?: string): Filter => ({
  region,
  logGroup,
  name: `cis-${key}`,
  pattern: pattern ?? CIS_PATTERNS[key],
  metricName: `cis-${key}`,
  namespace: NS,
});
const alarm = (region: string, key: keyof typeof CIS_PATTERNS, actions: string[]) => ({
  region,
  name: `cis-${key}-alarm`,
  metricName: `cis-${key}`,
  namespace: NS,
  actions,
});

export const LOGGING_ESTATE: Record<string, LoggingEstate> = {
  [MGMT]: {
    config: {
      'us-east-1': ON('default', 'nwh-cloudtrail-logs-111122223333'),
      'eu-west-1': ON('default', 'nwh-cloudtrail-logs-111122223333'),
      'us-west-2': { recorder: null, deliveryChannel: null },
    },
    guardDuty: {
      'us-east-1': { detectorId: '12abc34d567e8fa901bc2d34e56789f0', status: 'ENABLED' },
      'eu-west-1': { detectorId: '98fed76c543b2a109fe8d76c54321b0a', status: 'ENABLED' },
      'us-west-2': { detectorId: '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d', status: 'DISABLED' },
    },
    securityHub: { 'us-east-1': { subscribedDaysAgo: 500 } },
    logGroups: [
      { region: 'us-east-1', name: 'nwh-cloudtrail', createdDaysAgo: 1400, retentionInDays: 365 },
      { region: 'us-east-1', name: '/nwh/app/audit', createdDaysAgo: 900 },
      { region: 'us-east-1', name: '/aws/lambda/nwh-claims-intake', createdDaysAgo: 300, retentionInDays: 14 },
      { region: 'eu-west-1', name: '/nwh/eu/claims-api', createdDaysAgo: 600, retentionInDays: 400 },
      { region: 'us-west-2', name: '/nwh/dev/cloudtrail', createdDaysAgo: 200, retentionInDays: 7 },
    ],
    metricFilters: [
      filter('us-east-1', 'nwh-cloudtrail', 'rootUsage', '{  $.userIdentity.type = "Root"  &&\n  $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent"  }'),
      filter('us-east-1', 'nwh-cloudtrail', 'unauthorizedApiCalls'),
      // The CIS event names in another order.
      filter('us-east-1', 'nwh-cloudtrail', 'policyChanges', `{ ${CIS_PATTERNS.policyChanges.slice(1, -1).split('||').reverse().join(' || ')} }`),
      filter('us-east-1', 'nwh-cloudtrail', 'cloudTrailChanges'),
      filter('us-east-1', 'nwh-cloudtrail', 'signInWithoutMfa'),
      // Misses CreateSecurityGroup and DeleteSecurityGroup.
      filter('us-east-1', 'nwh-cloudtrail', 'securityGroupChanges', '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) }'),
      filter('us-east-1', 'nwh-cloudtrail', 'vpcChanges'),
    ],
    alarms: [
      alarm('us-east-1', 'rootUsage', [topic(MGMT)]),
      alarm('us-east-1', 'unauthorizedApiCalls', [topic(MGMT)]),
      alarm('us-east-1', 'policyChanges', [topic(MGMT)]),
      alarm('us-east-1', 'cloudTrailChanges', []),
      alarm('us-east-1', 'securityGroupChanges', [topic(MGMT)]),
      alarm('us-east-1', 'vpcChanges', [topic(MGMT)]),
      { region: 'eu-west-1', name: 'nwh-claims-api-5xx', metricName: '5XXError', namespace: 'AWS/ApiGateway', actions: [topic(MGMT)] },
    ],
  },
  // The member account: everything on, every CIS filter with an alarm, retention set.
  [MEMBER]: {
    config: {
      'us-east-1': ON('default', 'nwh-cloudtrail-logs-111122223333'),
      'eu-west-1': ON('default', 'nwh-cloudtrail-logs-111122223333'),
      'us-west-2': ON('default', 'nwh-cloudtrail-logs-111122223333'),
    },
    guardDuty: {
      'us-east-1': { detectorId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', status: 'ENABLED' },
      'eu-west-1': { detectorId: '1b2c3d4e5f60718293a4b5c6d7e8f90a', status: 'ENABLED' },
      'us-west-2': { detectorId: '2c3d4e5f60718293a4b5c6d7e8f90a1b', status: 'ENABLED' },
    },
    securityHub: { 'us-east-1': { subscribedDaysAgo: 200 }, 'eu-west-1': { subscribedDaysAgo: 200 }, 'us-west-2': { subscribedDaysAgo: 200 } },
    logGroups: [
      { region: 'us-east-1', name: 'nwd-cloudtrail', createdDaysAgo: 400, retentionInDays: 400 },
      { region: 'us-east-1', name: '/aws/lambda/nwd-sandbox', createdDaysAgo: 30, retentionInDays: 30 },
    ],
    metricFilters: (Object.keys(CIS_PATTERNS) as (keyof typeof CIS_PATTERNS)[]).map((k) => filter('us-east-1', 'nwd-cloudtrail', k)),
    alarms: (Object.keys(CIS_PATTERNS) as (keyof typeof CIS_PATTERNS)[]).map((k) => alarm('us-east-1', k, [topic(MEMBER)])),
  },
};
