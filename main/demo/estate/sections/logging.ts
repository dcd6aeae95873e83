// The logging group's part of a replayable account (Estate.logging): the facts its replay responders render
// (AWS Config, GuardDuty, Security Hub, CloudWatch Logs, CloudWatch alarms). Trail facts (event selectors,
// CloudWatch Logs delivery) live on Estate.trails. A region missing from a per-region map has the service off.
export type LoggingEstate = {
  /** AWS Config per region. */
  config: Record<
    string,
    {
      recorder: {
        name: string;
        allSupported: boolean;
        includeGlobalResourceTypes: boolean;
        recording: boolean;
        lastStatus: 'Pending' | 'Success' | 'Failure';
      } | null;
      deliveryChannel: { name: string; s3Bucket: string } | null;
    }
  >;
  /** GuardDuty detector per region. */
  guardDuty: Record<string, { detectorId: string; status: 'ENABLED' | 'DISABLED' }>;
  /** Security Hub subscription per region. */
  securityHub: Record<string, { subscribedDaysAgo: number }>;
  logGroups: { region: string; name: string; createdDaysAgo: number; retentionInDays?: number; kmsKeyId?: string }[];
  metricFilters: {
    region: string;
    logGroup: string;
    name: string;
    pattern: string;
    metricName: string;
    namespace: string;
  }[];
  alarms: {
    region: string;
    name: string;
    metricName: string;
    namespace: string;
    /** SNS topic ARNs notified; [] = an alarm nobody hears. */
    actions: string[];
  }[];
};
