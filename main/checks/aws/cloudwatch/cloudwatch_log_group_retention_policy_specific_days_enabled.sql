/* ---
id: cloudwatch_log_group_retention_policy_specific_days_enabled
title: CloudWatch Logs log group keeps its events for at least 365 days
severity: medium
provider: aws
service: cloudwatch
resource_type: AWS::Logs::LogGroup
rationale: >-
  Investigations routinely reach back months: breaches are found on average long after they start. A log
  group that expires its events after days or weeks destroys the evidence. 365 days is Security Hub's default
  threshold (CloudWatch.16) and meets PCI DSS's one-year retention; "never expire" also passes.
remediation:
  console: >-
    CloudWatch console > Log groups > the log group > Actions > Edit retention setting: 1 year (365 days) or
    more, save.
  cli: |-
    aws logs put-retention-policy --log-group-name <log-group-name> --retention-in-days 365
  terraform: |-
    resource "aws_cloudwatch_log_group" "this" {
      name              = "<log-group-name>"
      retention_in_days = 365
    }
references:
  - title: "AWS Security Hub control CloudWatch.16: CloudWatch log groups should be retained for a specified time period"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16
  - title: "Amazon CloudWatch Logs User Guide: Change log data retention in CloudWatch Logs"
    url: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
frameworks:
  pci-dss-4.0.1: [10.5.1]
  iso27001-2022: [A.8.15]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.retentionInDays') = 'null' THEN 'pass'
    WHEN json_type(config, '$.retentionInDays') = 'integer' AND json_extract(config, '$.retentionInDays') >= 365 THEN 'pass'
    WHEN json_type(config, '$.retentionInDays') = 'integer' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_type(config, '$.retentionInDays') = 'null' THEN 'Log group ' || name || ' never expires its events'
    WHEN json_type(config, '$.retentionInDays') = 'integer' AND json_extract(config, '$.retentionInDays') >= 365 THEN
      'Log group ' || name || ' keeps events for ' || json_extract(config, '$.retentionInDays') || ' days (at least 365)'
    WHEN json_type(config, '$.retentionInDays') = 'integer' THEN
      'Log group ' || name || ' keeps events for only ' || json_extract(config, '$.retentionInDays') || ' days (less than 365)'
    ELSE 'Retention of log group ' || name || ' was not reported in a readable form'
  END AS reason,
  json_object('retentionInDays', json_extract(config, '$.retentionInDays'), 'Region', region) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::Logs::LogGroup';
