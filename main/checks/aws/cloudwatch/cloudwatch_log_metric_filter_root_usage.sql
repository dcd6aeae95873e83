/* ---
id: cloudwatch_log_metric_filter_root_usage
title: A CloudWatch metric filter and alarm exist for use of the root user
severity: medium
provider: aws
service: cloudwatch
resource_type: AWS::Account
rationale: >-
  The root user bypasses every IAM policy and should almost never be used; each use should reach a person within minutes. CIS asks for a metric filter on the CloudTrail log group of a logging multi-region trail and an
  alarm with an action on its metric. The filter pattern is compared with the CIS pattern after removing
  whitespace, quotes, parentheses and braces; the CIS event names may appear in any order, and extra terms
  are allowed.
remediation:
  console: >-
    CloudWatch console > Log groups > the CloudTrail log group (of a multi-region, logging trail) > Metric
    filters > Create metric filter with the CIS pattern below; then Create alarm on its metric (threshold >= 1,
    period 5 minutes) notifying an SNS topic that someone is subscribed to. CIS pattern:
    { $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }
  cli: |-
    aws logs put-metric-filter --log-group-name <cloudtrail-log-group> --filter-name cloudwatch_log_metric_filter_root_usage --metric-transformations metricName=cloudwatch_log_metric_filter_root_usage,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'
    aws cloudwatch put-metric-alarm --alarm-name cloudwatch_log_metric_filter_root_usage --metric-name cloudwatch_log_metric_filter_root_usage --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>
  terraform: |-
    resource "aws_cloudwatch_log_metric_filter" "this" {
      name           = "cloudwatch_log_metric_filter_root_usage"
      log_group_name = aws_cloudwatch_log_group.cloudtrail.name
      pattern        = "<the CIS pattern above>"
      metric_transformation {
        name      = "cloudwatch_log_metric_filter_root_usage"
        namespace = "CISBenchmark"
        value     = "1"
      }
    }
    resource "aws_cloudwatch_metric_alarm" "this" {
      alarm_name          = "cloudwatch_log_metric_filter_root_usage"
      metric_name         = "cloudwatch_log_metric_filter_root_usage"
      namespace           = "CISBenchmark"
      statistic           = "Sum"
      period              = 300
      threshold           = 1
      comparison_operator = "GreaterThanOrEqualToThreshold"
      evaluation_periods  = 1
      alarm_actions       = [aws_sns_topic.security_alerts.arn]
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 4.3: Ensure usage of 'root' account is monitored"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control CloudWatch.1: A log metric filter and alarm should exist for usage of the root user"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1
  - title: "Amazon CloudWatch User Guide: Creating CloudWatch alarms for CloudTrail events"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.4.1.1]
  iso27001-2022: [A.8.16]
--- */
WITH spec AS (
  -- The CIS pattern's terms, normalised; allow_and: the CIS pattern itself joins terms with &&.
  SELECT json('["$.userIdentity.type=Root", "$.userIdentity.invokedByNOTEXISTS", "$.eventType!=AwsServiceEvent"]') AS terms, 1 AS allow_and,
         '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }' AS cis_pattern
), acct AS (
  SELECT uid, json_extract(config, '$.AccountId') AS account_id
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Account'
), chain AS (
  -- Multi-region trail -> log group -> metric filter -> alarm (main/store/migrations/0010-check-chain-views.sql).
  SELECT * FROM aws_cis_metric_alarm_chain WHERE snapshot_id = @snapshot_id
), cand AS (
  -- Logging multi-region trails delivering to CloudWatch Logs: the only ones whose chain goes on.
  SELECT * FROM chain WHERE trail_is_logging = 1 AND log_group_arn IS NOT NULL
), matching AS (
  -- Metric filters whose normalised pattern holds every CIS term.
  SELECT cand.* FROM cand, spec
  WHERE cand.transformation_index IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM json_each(spec.terms) t WHERE instr(cand.pattern_terms, '|' || t.value || '|') = 0)
    AND (spec.allow_and OR instr(cand.pattern_terms, '&') = 0)
), summary AS (
  SELECT
    (SELECT 'trail ' || trail_name || ' -> log group ' || log_group_name || ' -> metric filter ' || filter_name ||
            ' (' || metric_namespace || '/' || metric_name || ') -> alarm ' || alarm
       FROM matching WHERE alarm IS NOT NULL LIMIT 1) AS pass_chain,
    (SELECT count(DISTINCT trail_uid) FROM cand) AS n_cand,
    (SELECT group_concat(trail_name, ', ') FROM chain WHERE trail_is_logging IS NULL) AS unknown_trails,
    (SELECT group_concat(log_group_arn, ', ') FROM cand WHERE log_group_uid IS NULL) AS missing_groups,
    (SELECT group_concat(log_group_name, ', ') FROM cand WHERE log_group_uid IS NOT NULL AND NOT filters_collected) AS unread_filters,
    (SELECT group_concat(filter_name || ' on ' || log_group_name, ', ') FROM matching
      WHERE any_alarm IS NULL AND NOT alarms_collected) AS unknown_alarms,
    (SELECT group_concat(filter_name || ' on ' || log_group_name || ' (' || metric_namespace || '/' || metric_name || ')', ', ')
       FROM matching WHERE any_alarm IS NULL) AS no_alarm,
    (SELECT group_concat(any_alarm, ', ') FROM matching WHERE any_alarm IS NOT NULL AND alarm IS NULL) AS silent_alarms,
    (SELECT group_concat(DISTINCT log_group_name) FROM cand WHERE log_group_uid IS NOT NULL) AS group_names,
    (SELECT count(*) FROM collection_errors WHERE snapshot_id = @snapshot_id AND lower(service) = 'cloudtrail') AS trail_gaps
)
SELECT acct.uid AS resource_uid,
  CASE
    WHEN s.pass_chain IS NOT NULL THEN 'pass'
    WHEN s.unknown_trails IS NOT NULL OR s.missing_groups IS NOT NULL OR s.unread_filters IS NOT NULL
         OR s.unknown_alarms IS NOT NULL OR s.trail_gaps > 0 THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN s.pass_chain IS NOT NULL THEN 'Use of the root user raise an alarm in account ' || acct.account_id || ': ' || s.pass_chain
    WHEN s.unknown_trails IS NOT NULL THEN 'Logging status of multi-region trail(s) ' || s.unknown_trails || ' was not collected, so monitoring of use of the root user is unconfirmed'
    WHEN s.missing_groups IS NOT NULL THEN 'Log group ' || s.missing_groups || ' of a logging multi-region trail was not collected (DescribeLogGroups failed or it is in another account), so monitoring of use of the root user is unconfirmed'
    WHEN s.unread_filters IS NOT NULL THEN 'Metric filters of log group ' || s.unread_filters || ' were not collected (DescribeMetricFilters failed), so monitoring of use of the root user is unconfirmed'
    WHEN s.unknown_alarms IS NOT NULL THEN 'Metric filter ' || s.unknown_alarms || ' matches, but the alarms of its region were not collected (DescribeAlarms failed), so whether it raises an alarm is unknown'
    WHEN s.trail_gaps > 0 THEN 'CloudTrail could not be fully collected, so the absence of monitoring of use of the root user is unconfirmed'
    WHEN s.n_cand = 0 THEN 'No logging multi-region trail in account ' || acct.account_id || ' delivers to CloudWatch Logs, so use of the root user cannot raise an alarm'
    WHEN s.silent_alarms IS NOT NULL THEN 'Alarm ' || s.silent_alarms || ' on the use of the root user metric filter has no enabled action, so nobody is notified'
    WHEN s.no_alarm IS NOT NULL THEN 'Metric filter ' || s.no_alarm || ' matches use of the root user but no alarm watches its metric'
    ELSE 'No metric filter on log group ' || coalesce(s.group_names, '(none)') || ' matches the CIS pattern for use of the root user'
  END AS reason,
  json_object('CisPattern', spec.cis_pattern, 'Chain', s.pass_chain, 'LogGroups', s.group_names,
              'FiltersWithoutAlarm', s.no_alarm, 'AlarmsWithoutAction', s.silent_alarms) AS evidence
FROM acct, summary s, spec;
