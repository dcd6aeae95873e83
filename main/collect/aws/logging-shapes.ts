// The logging group's resource types and configs (CloudTrail follow-ups, AWS Config, GuardDuty, Security Hub,
// CloudWatch Logs and alarms): the contract between the collectors in main/collect/aws/logging-*.ts and
// cloudtrail.ts and the checks in main/checks/aws/{cloudtrail,config,guardduty,securityhub,cloudwatch}/.
//
// The gap convention of shapes.ts holds: a follow-up call that FAILED leaves its key ABSENT (and a
// collection_errors row exists); "collected, nothing configured" is JSON null. Per-region facts (is GuardDuty
// on here?) are one resource per collected region, so a call denied in one region is an error for that
// region, not a silent pass. Field names inside SDK objects are the SDK's own (AWS Config and CloudWatch Logs
// use lowerCamel, GuardDuty's output PascalCase).

export const LOGGING_TYPES = {
  /** uid: arn:aws:config:<region>:<account>:recording. One per collected region. */
  configRecording: 'AWS::Config::RegionRecording',
  /** uid: arn:aws:guardduty:<region>:<account>:detectors. One per collected region. */
  guardDutyRegion: 'AWS::GuardDuty::RegionDetectors',
  /** uid: arn:aws:securityhub:<region>:<account>:hub/default. One per collected region, subscribed or not. */
  securityHub: 'AWS::SecurityHub::Hub',
  /** uid: the log group ARN without the trailing ":*". */
  logGroup: 'AWS::Logs::LogGroup',
  /** uid: the alarm ARN. Metric alarms only. */
  metricAlarm: 'AWS::CloudWatch::Alarm',
} as const;

/**
 * What cloudtrail.ts adds to AWS::CloudTrail::Trail (shapes.ts CloudTrailTrailConfig): KmsKeyId and
 * CloudWatchLogsLogGroupArn are null when DescribeTrails said "none"; Selectors is GetEventSelectors' answer.
 */
export type CloudTrailTrailLoggingConfig = {
  /** null = not encrypted with SSE-KMS. */
  KmsKeyId?: string | null;
  /** null = not delivered to CloudWatch Logs. Format arn:aws:logs:<region>:<account>:log-group:<name>:* */
  CloudWatchLogsLogGroupArn?: string | null;
  /** GetTrailStatus also carries LatestCloudWatchLogsDeliveryTime (ISO). */
  Status?: { IsLogging?: boolean; LatestDeliveryTime?: string; LatestCloudWatchLogsDeliveryTime?: string };
  /** GetEventSelectors: one of the two lists is set (a trail uses classic or advanced selectors); the other null. */
  Selectors?: {
    EventSelectors:
      | {
          ReadWriteType?: 'ReadOnly' | 'WriteOnly' | 'All';
          IncludeManagementEvents?: boolean;
          DataResources?: { Type?: string; Values?: string[] }[];
        }[]
      | null;
    AdvancedEventSelectors:
      | {
          Name?: string;
          FieldSelectors: { Field: string; Equals?: string[]; NotEquals?: string[]; StartsWith?: string[] }[];
        }[]
      | null;
  };
};

/** config of AWS::Config::RegionRecording: each key absent when its call failed. */
export type ConfigRecordingConfig = {
  Region: string;
  /** DescribeConfigurationRecorders .ConfigurationRecorders ([] = none). */
  ConfigurationRecorders?: {
    name?: string;
    roleARN?: string;
    recordingGroup?: {
      allSupported?: boolean;
      includeGlobalResourceTypes?: boolean;
      resourceTypes?: string[];
    };
  }[];
  /** DescribeConfigurationRecorderStatus .ConfigurationRecordersStatus. */
  ConfigurationRecordersStatus?: {
    name?: string;
    recording?: boolean;
    lastStatus?: 'Pending' | 'Success' | 'Failure';
    lastStatusChangeTime?: string;
  }[];
  /** DescribeDeliveryChannels .DeliveryChannels. */
  DeliveryChannels?: { name?: string; s3BucketName?: string; snsTopicARN?: string }[];
};

/** config of AWS::GuardDuty::RegionDetectors. */
export type GuardDutyRegionConfig = {
  Region: string;
  /** ListDetectors .DetectorIds (all pages); absent = ListDetectors failed. */
  DetectorIds?: string[];
  /** One per detector id: GetDetector's output plus DetectorId; only DetectorId when GetDetector failed. */
  Detectors?: { DetectorId: string; Status?: 'ENABLED' | 'DISABLED'; FindingPublishingFrequency?: string }[];
};

/** config of AWS::SecurityHub::Hub. */
export type SecurityHubConfig = {
  Region: string;
  /** DescribeHub output; null = "not subscribed" (InvalidAccessException); absent = the call failed. */
  Hub?: { HubArn?: string; SubscribedAt?: string; AutoEnableControls?: boolean } | null;
};

/** config of AWS::Logs::LogGroup: the DescribeLogGroups entry plus the region's metric filters on it. */
export type LogGroupConfig = {
  logGroupName: string;
  logGroupArn?: string;
  arn?: string;
  /** null = never expire (DescribeLogGroups omits it). */
  retentionInDays: number | null;
  kmsKeyId?: string;
  /** DescribeMetricFilters entries whose logGroupName is this group; absent = DescribeMetricFilters failed. */
  MetricFilters?: {
    filterName?: string;
    filterPattern?: string;
    metricTransformations?: { metricName?: string; metricNamespace?: string }[];
  }[];
};

/** config of AWS::CloudWatch::Alarm: the DescribeAlarms .MetricAlarms entry. */
export type MetricAlarmConfig = {
  AlarmName: string;
  AlarmArn: string;
  MetricName?: string;
  Namespace?: string;
  ActionsEnabled?: boolean;
  AlarmActions?: string[];
  StateValue?: string;
};
