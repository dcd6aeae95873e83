// CloudTrail checks. The multi-region check is account-level: the evidence is "some trail covers every region
// and is logging", so it is reported once on the AWS::Account resource. It must not fail just because the
// trails could not be listed, so CloudTrail collection gaps turn a would-be failure into 'error'.
import type { CheckDefinition } from '../types';

export const cloudTrailMultiRegionLogging: CheckDefinition = {
  id: 'cloudtrail_multi_region_enabled',
  provider: 'aws',
  service: 'cloudtrail',
  title: 'At least one multi-region CloudTrail trail is logging',
  severity: 'high',
  resourceType: 'AWS::Account',
  rationale:
    'A logging multi-region trail records management API activity in every region, including regions nobody ' +
    'uses (where attackers like to work). Without it there is no account-wide audit trail of who changed what.',
  remediation: {
    console:
      'CloudTrail console > Trails > Create trail (or edit an existing one): enable for all regions, choose an S3 ' +
      'bucket, enable log file validation and SSE-KMS; make sure Logging shows ON.',
    cli:
      'aws cloudtrail create-trail --name account-audit --s3-bucket-name <log-bucket> --is-multi-region-trail ' +
      '--enable-log-file-validation\n' +
      'aws cloudtrail start-logging --name account-audit',
    terraform:
      'resource "aws_cloudtrail" "account_audit" {\n' +
      '  name                          = "account-audit"\n' +
      '  s3_bucket_name                = aws_s3_bucket.trail_logs.id\n' +
      '  is_multi_region_trail         = true\n' +
      '  include_global_service_events = true\n' +
      '  enable_log_file_validation    = true\n' +
      '  enable_logging                = true\n' +
      '}',
  },
  sql: `
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
FROM acct, summary, gaps`,
};

export const cloudTrailLogFileValidation: CheckDefinition = {
  id: 'cloudtrail_log_file_validation_enabled',
  provider: 'aws',
  service: 'cloudtrail',
  title: 'CloudTrail trail has log file integrity validation enabled',
  severity: 'medium',
  resourceType: 'AWS::CloudTrail::Trail',
  rationale:
    'Log file validation writes signed digest files, so anyone can prove later that delivered log files were not ' +
    'modified or deleted; auditors rely on it for the integrity of the audit trail.',
  remediation: {
    console:
      'CloudTrail console > Trails > the trail > General details > Edit: tick "Log file validation", save.',
    cli: 'aws cloudtrail update-trail --name <trail-name> --enable-log-file-validation',
    terraform:
      'resource "aws_cloudtrail" "this" {\n' +
      '  name                       = "<trail-name>"\n' +
      '  s3_bucket_name             = aws_s3_bucket.trail_logs.id\n' +
      '  enable_log_file_validation = true\n' +
      '}',
  },
  sql: `
SELECT uid AS resource_uid,
  CASE json_type(config, '$.LogFileValidationEnabled') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.LogFileValidationEnabled')
    WHEN 'true' THEN 'Trail ' || name || ' has log file validation enabled'
    WHEN 'false' THEN 'Trail ' || name || ' has log file validation disabled, so tampering with its log files cannot be detected'
    ELSE 'Log file validation setting of trail ' || name || ' was not reported'
  END AS reason,
  json_object('LogFileValidationEnabled', json_extract(config, '$.LogFileValidationEnabled'),
              'HomeRegion', json_extract(config, '$.HomeRegion'), 'S3BucketName', json_extract(config, '$.S3BucketName')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail'`,
};

export const cloudTrailChecks: readonly CheckDefinition[] = [
  cloudTrailMultiRegionLogging,
  cloudTrailLogFileValidation,
];
