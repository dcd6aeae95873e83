/* ---
id: cloudtrail_logs_s3_bucket_access_logging_enabled
title: The S3 bucket a CloudTrail trail writes to has server access logging enabled
severity: medium
provider: aws
service: cloudtrail
resource_type: AWS::CloudTrail::Trail
rationale: >-
  Server access logs on the trail's bucket record who read, copied or deleted the audit logs themselves, which
  CloudTrail management events do not show. Without them, tampering with the audit trail leaves no trace.
remediation:
  console: >-
    S3 console > the trail's bucket > Properties > Server access logging > Edit: enable, choose a separate
    target bucket and prefix, save.
  cli: |-
    aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<trail-bucket>/"}}'
  terraform: |-
    resource "aws_s3_bucket_logging" "trail_logs" {
      bucket        = aws_s3_bucket.trail_logs.id
      target_bucket = aws_s3_bucket.access_logs.id
      target_prefix = "cloudtrail/"
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.4: Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control CloudTrail.7: Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-7
  - title: "Amazon S3 User Guide: Logging requests with server access logging"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1.3]
  iso27001-2022: [A.8.15]
--- */
WITH t AS (
  SELECT uid, name, json_extract(config, '$.S3BucketName') AS bucket_name
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail'
), b AS (
  SELECT t.*, r.uid AS bucket_uid, json_type(r.config, '$.Logging') AS logging_type,
         json_extract(r.config, '$.Logging.TargetBucket') AS target_bucket
  FROM t
  LEFT JOIN resources r
    ON r.snapshot_id = @snapshot_id AND r.type = 'AWS::S3::Bucket' AND json_extract(r.config, '$.Name') = t.bucket_name
)
SELECT uid AS resource_uid,
  CASE
    WHEN bucket_uid IS NULL THEN 'error'
    WHEN logging_type = 'object' THEN 'pass'
    WHEN logging_type = 'null' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN bucket_name IS NULL THEN 'The S3 bucket of trail ' || name || ' was not reported by DescribeTrails'
    WHEN bucket_uid IS NULL THEN 'Bucket ' || bucket_name || ' of trail ' || name ||
      ' was not collected in this account (it may belong to another account, e.g. a log archive), so its access logging is unknown'
    WHEN logging_type = 'object' THEN 'Bucket ' || bucket_name || ' of trail ' || name || ' logs access to ' || coalesce(target_bucket, 'a target bucket')
    WHEN logging_type = 'null' THEN 'Bucket ' || bucket_name || ' of trail ' || name || ' has server access logging disabled'
    ELSE 'Access logging of bucket ' || bucket_name || ' (trail ' || name || ') was not collected (GetBucketLogging failed)'
  END AS reason,
  json_object('S3BucketName', bucket_name, 'BucketCollected', bucket_uid IS NOT NULL, 'LoggingTargetBucket', target_bucket) AS evidence
FROM b;
