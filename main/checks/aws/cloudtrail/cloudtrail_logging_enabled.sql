/* ---
id: cloudtrail_logging_enabled
title: CloudTrail trail is logging
severity: high
provider: aws
service: cloudtrail
resource_type: AWS::CloudTrail::Trail
rationale: >-
  A trail whose logging is stopped records nothing: API activity in its scope leaves no audit trail, and a
  stopped trail is a classic sign of an attacker covering their tracks.
remediation:
  console: >-
    CloudTrail console > Trails > the trail > Start logging (or delete the trail if it is no longer wanted).
  cli: |-
    aws cloudtrail start-logging --name <trail-name>
  terraform: |-
    resource "aws_cloudtrail" "this" {
      name           = "<trail-name>"
      s3_bucket_name = aws_s3_bucket.trail_logs.id
      enable_logging = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.1: Ensure CloudTrail is enabled in all regions"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS CloudTrail API Reference: GetTrailStatus (IsLogging)"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1]
  iso27001-2022: [A.8.15]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Status.IsLogging') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Status.IsLogging')
    WHEN 'true' THEN 'Trail ' || name || ' is logging (last delivery ' || coalesce(json_extract(config, '$.Status.LatestDeliveryTime'), 'not reported') || ')'
    WHEN 'false' THEN 'Trail ' || name || ' is not logging' ||
      coalesce(': logging was stopped at ' || json_extract(config, '$.Status.StopLoggingTime'), '')
    ELSE 'Logging status of trail ' || name || ' was not collected (GetTrailStatus failed or did not report IsLogging)'
  END AS reason,
  json_object('IsLogging', json_extract(config, '$.Status.IsLogging'),
              'LatestDeliveryTime', json_extract(config, '$.Status.LatestDeliveryTime'),
              'StopLoggingTime', json_extract(config, '$.Status.StopLoggingTime'),
              'HomeRegion', json_extract(config, '$.HomeRegion')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail';
