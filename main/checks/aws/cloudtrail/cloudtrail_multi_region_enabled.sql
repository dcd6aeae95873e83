/* ---
id: cloudtrail_multi_region_enabled
title: At least one multi-region CloudTrail trail is logging
severity: high
provider: aws
service: cloudtrail
resource_type: AWS::Account
rationale: >-
  A logging multi-region trail records management API activity in every region, including regions nobody uses
  (where attackers like to work). Without it there is no account-wide audit trail of who changed what.
remediation:
  console: >-
    CloudTrail console > Trails > Create trail (or edit an existing one): enable for all regions, choose an S3
    bucket, enable log file validation and SSE-KMS; make sure Logging shows ON.
  cli: |-
    aws cloudtrail create-trail --name account-audit --s3-bucket-name <log-bucket> --is-multi-region-trail --enable-log-file-validation
    aws cloudtrail start-logging --name account-audit
  terraform: |-
    resource "aws_cloudtrail" "account_audit" {
      name                          = "account-audit"
      s3_bucket_name                = aws_s3_bucket.trail_logs.id
      is_multi_region_trail         = true
      include_global_service_events = true
      enable_log_file_validation    = true
      enable_logging                = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.1: Ensure CloudTrail is enabled in all regions"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control CloudTrail.1: CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1
  - title: "AWS CloudTrail User Guide: Receiving CloudTrail log files from multiple Regions"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1, 10.2.1.2]
  iso27001-2022: [A.8.15, A.8.16]
--- */
WITH acct AS (
  SELECT uid, json_extract(config, '$.AccountId') AS account_id
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Account'
), trails AS (
  SELECT * FROM aws_cloudtrail_trails WHERE snapshot_id = @snapshot_id
), summary AS (
  SELECT count(*) AS total,
         count(CASE WHEN is_multi_region AND is_logging THEN 1 END) AS good,
         group_concat(CASE WHEN is_multi_region AND is_logging THEN name END, ', ') AS good_names,
         count(CASE WHEN is_multi_region AND NOT status_collected THEN 1 END) AS unknown,
         group_concat(CASE WHEN is_multi_region AND NOT status_collected THEN name END, ', ') AS unknown_names,
         group_concat(CASE WHEN is_multi_region AND status_collected AND NOT is_logging THEN name END, ', ') AS stopped_names,
         json_group_array(json_object('Name', name, 'HomeRegion', home_region, 'IsMultiRegionTrail', is_multi_region,
                                      'IsLogging', CASE WHEN status_collected THEN is_logging END)) AS trails_json
  FROM trails
), gaps AS (
  SELECT count(*) AS n, group_concat(DISTINCT operation) AS operations
  FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND lower(service) = 'cloudtrail'
)
SELECT acct.uid AS resource_uid,
  CASE WHEN summary.good > 0 THEN 'pass' WHEN summary.unknown > 0 OR gaps.n > 0 THEN 'error' ELSE 'fail' END AS status,
  CASE
    WHEN summary.good > 0 THEN 'Multi-region trail(s) logging in account ' || acct.account_id || ': ' || summary.good_names
    WHEN summary.unknown > 0 THEN 'Logging status of multi-region trail(s) ' || summary.unknown_names || ' was not collected (GetTrailStatus failed)'
    WHEN gaps.n > 0 THEN 'CloudTrail could not be fully collected (' || gaps.n || ' error(s) in ' || gaps.operations ||
                         '), so the absence of a logging multi-region trail is unconfirmed'
    WHEN summary.total = 0 THEN 'No CloudTrail trail exists in account ' || acct.account_id
    WHEN summary.stopped_names IS NOT NULL THEN 'No multi-region trail is logging in account ' || acct.account_id ||
                                                 ': logging is stopped on ' || summary.stopped_names
    ELSE 'No multi-region trail exists in account ' || acct.account_id || ' (' || summary.total || ' single-region trail(s) only)'
  END AS reason,
  json_object('Trails', json(summary.trails_json), 'CloudTrailCollectionErrors', gaps.n) AS evidence
FROM acct, summary, gaps;
