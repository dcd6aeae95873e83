/* ---
id: s3_bucket_lifecycle_enabled
title: S3 log bucket has an enabled lifecycle rule
severity: low
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  Log buckets grow without end: without a lifecycle rule, logs are either kept forever (cost, and data kept
  longer than the retention policy allows) or deleted by hand, outside any reviewed rule. The check applies to
  log buckets, meaning buckets another bucket's server access logging writes to or a CloudTrail trail in the
  snapshot delivers to; it passes when at least one lifecycle rule is enabled (the rules are in the evidence,
  so the retention period can be compared with the policy). Other buckets are not applicable, except that a
  bucket in the same region as a bucket whose logging settings were not collected may be a log target: it is
  an error unless it has an enabled rule anyway. Likewise, if CloudTrail trails could not be listed, every
  bucket may be a trail destination.
remediation:
  console: >-
    S3 console > Buckets > the log bucket > Management > Create lifecycle rule: apply to all objects,
    transition to a colder storage class after the "immediately available" period and expire current and
    noncurrent versions after the retention period, save.
  cli: |-
    aws s3api put-bucket-lifecycle-configuration --bucket <log-bucket> --lifecycle-configuration '{"Rules":[{"ID":"log-retention","Status":"Enabled","Filter":{"Prefix":""},"Transitions":[{"Days":90,"StorageClass":"GLACIER"}],"Expiration":{"Days":400},"NoncurrentVersionExpiration":{"NoncurrentDays":30}}]}'
  terraform: |-
    resource "aws_s3_bucket_lifecycle_configuration" "logs" {
      bucket = aws_s3_bucket.logs.id
      rule {
        id     = "log-retention"
        status = "Enabled"
        filter {}
        transition {
          days          = 90
          storage_class = "GLACIER"
        }
        expiration {
          days = 400
        }
      }
    }
references:
  - title: "AWS Security Hub control S3.13: S3 general purpose buckets should have Lifecycle configurations"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-13
  - title: "Amazon S3 User Guide: Managing the lifecycle of objects"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
frameworks:
  iso27001-2022: [A.8.10]
--- */
WITH b AS (
  SELECT uid, name, region, config,
         json_type(config, '$.Lifecycle') AS lc_type,
         (SELECT group_concat(coalesce(json_extract(l.value, '$.ID'), '(no ID)'), ', ')
            FROM json_each(config, '$.Lifecycle') l
           WHERE json_extract(l.value, '$.Status') = 'Enabled') AS enabled_rules
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'
), access_targets AS (
  SELECT json_extract(config, '$.Logging.TargetBucket') AS target, group_concat(name, ', ') AS sources
  FROM b WHERE json_type(config, '$.Logging') = 'object'
  GROUP BY 1
), trail_targets AS (
  SELECT json_extract(config, '$.S3BucketName') AS target, group_concat(name, ', ') AS trails
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail' AND json_extract(config, '$.S3BucketName') IS NOT NULL
  GROUP BY 1
), unknown_logging AS (
  -- Server access logs go to a bucket in the same region, so an uncollected Logging only matters there.
  SELECT region, group_concat(name, ', ') AS names FROM b WHERE json_type(config, '$.Logging') IS NULL GROUP BY region
), trail_gaps AS (
  SELECT count(*) AS n FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND lower(service) = 'cloudtrail' AND operation = 'DescribeTrails'
), j AS (
  SELECT b.*, a.sources, t.trails, u.names AS unknown_sources, (SELECT n FROM trail_gaps) AS trail_gap_count,
         a.sources IS NOT NULL OR t.trails IS NOT NULL AS is_log_bucket
  FROM b
  LEFT JOIN access_targets a ON a.target = b.name
  LEFT JOIN trail_targets t ON t.target = b.name
  LEFT JOIN unknown_logging u ON u.region = b.region
)
SELECT uid AS resource_uid,
  CASE
    WHEN is_log_bucket AND lc_type IS NULL THEN 'error'
    WHEN is_log_bucket THEN CASE WHEN enabled_rules IS NOT NULL THEN 'pass' ELSE 'fail' END
    WHEN unknown_sources IS NULL AND trail_gap_count = 0 THEN 'n/a'
    WHEN enabled_rules IS NOT NULL THEN 'pass'
    ELSE 'error'
  END AS status,
  CASE
    WHEN is_log_bucket THEN
      'Log bucket ' || name || ' (' ||
      trim(coalesce('server access logs of ' || sources, '') ||
           CASE WHEN sources IS NOT NULL AND trails IS NOT NULL THEN '; ' ELSE '' END ||
           coalesce('CloudTrail trail(s) ' || trails, '')) || ') ' ||
      CASE WHEN lc_type IS NULL THEN 'has a lifecycle configuration that was not collected (GetBucketLifecycleConfiguration failed)'
           WHEN enabled_rules IS NOT NULL THEN 'has enabled lifecycle rule(s): ' || enabled_rules
           WHEN lc_type = 'null' THEN 'has no lifecycle configuration'
           ELSE 'has lifecycle rules, but none is enabled' END
    WHEN unknown_sources IS NULL AND trail_gap_count = 0 THEN
      'Bucket ' || name || ' receives no server access logs or CloudTrail logs, so a log lifecycle rule is not required'
    WHEN enabled_rules IS NOT NULL THEN
      'Bucket ' || name || ' has enabled lifecycle rule(s): ' || enabled_rules || ' (whether it is a log bucket is unconfirmed)'
    ELSE
      'Whether bucket ' || name || ' is a log bucket is unconfirmed: ' ||
      CASE WHEN unknown_sources IS NOT NULL THEN 'the logging settings of ' || unknown_sources || ' in ' || region || ' were not collected' ELSE '' END ||
      CASE WHEN unknown_sources IS NOT NULL AND trail_gap_count > 0 THEN ' and ' ELSE '' END ||
      CASE WHEN trail_gap_count > 0 THEN 'CloudTrail trails were not collected (DescribeTrails failed)' ELSE '' END ||
      CASE WHEN lc_type IS NULL THEN ', and its lifecycle configuration was not collected' ELSE ', and it has no enabled lifecycle rule' END
  END AS reason,
  json_object('Lifecycle', json_extract(config, '$.Lifecycle'), 'AccessLogSources', sources, 'CloudTrailTrails', trails) AS evidence
FROM j;
