/* ---
id: cloudtrail_cloudwatch_logging_enabled
title: CloudTrail trail delivers to CloudWatch Logs and delivered within the last day
severity: low
provider: aws
service: cloudtrail
resource_type: AWS::CloudTrail::Trail
rationale: >-
  Sending the trail to CloudWatch Logs is what makes real-time metric filters and alarms on API activity
  possible (root use, policy changes, console sign-in without MFA). A configured but stale delivery means the
  alarms are silently blind.
remediation:
  console: >-
    CloudTrail console > Trails > the trail > CloudWatch Logs > Edit: enable, choose or create a log group and
    an IAM role CloudTrail can assume to write to it, save. Then confirm "Last log delivered" is recent.
  cli: |-
    aws cloudtrail update-trail --name <trail-name> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>
  terraform: |-
    resource "aws_cloudtrail" "this" {
      name                       = "<trail-name>"
      s3_bucket_name             = aws_s3_bucket.trail_logs.id
      cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
      cloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn
    }
references:
  - title: "AWS Security Hub control CloudTrail.5: CloudTrail trails should be integrated with Amazon CloudWatch Logs"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-5
  - title: "AWS CloudTrail User Guide: Sending events to CloudWatch Logs"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
frameworks:
  soc2-2017: [CC7.2]
  iso27001-2022: [A.8.15, A.8.16]
--- */
WITH t AS (
  SELECT uid, name, config,
         json_type(config, '$.CloudWatchLogsLogGroupArn') AS group_type,
         json_extract(config, '$.CloudWatchLogsLogGroupArn') AS group_arn,
         json_type(config, '$.Status') AS status_type,
         json_extract(config, '$.Status.LatestCloudWatchLogsDeliveryTime') AS delivered
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail'
)
SELECT uid AS resource_uid,
  CASE
    WHEN group_type = 'null' THEN 'fail'
    WHEN group_type IS NOT 'text' OR status_type IS NULL THEN 'error'
    WHEN delivered IS NULL OR julianday(@as_of) - julianday(delivered) > 1 THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN group_type = 'null' THEN 'Trail ' || name || ' is not integrated with CloudWatch Logs'
    WHEN group_type IS NOT 'text' THEN 'CloudWatch Logs setting of trail ' || name || ' was not collected (unexpected form of the DescribeTrails entry)'
    WHEN status_type IS NULL THEN 'Trail ' || name || ' sends to ' || group_arn || ' but its delivery status was not collected (GetTrailStatus failed)'
    WHEN delivered IS NULL THEN 'Trail ' || name || ' sends to ' || group_arn || ' but has never delivered to CloudWatch Logs'
    WHEN julianday(@as_of) - julianday(delivered) > 1 THEN 'Trail ' || name || ' last delivered to ' || group_arn || ' at ' || delivered ||
      ', more than a day before the snapshot'
    ELSE 'Trail ' || name || ' delivers to ' || group_arn || ' (last delivery ' || delivered || ')'
  END AS reason,
  json_object('CloudWatchLogsLogGroupArn', group_arn, 'LatestCloudWatchLogsDeliveryTime', delivered) AS evidence
FROM t;
