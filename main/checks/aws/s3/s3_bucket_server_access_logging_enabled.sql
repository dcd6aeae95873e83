/* ---
id: s3_bucket_server_access_logging_enabled
title: S3 bucket has server access logging enabled
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  Server access logs record every request made to the bucket (who, what, when, from where), which is needed to
  investigate access to stored data and to show that access is monitored.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Properties > Server access logging > Edit: Enable, choose a separate
    log bucket and prefix, save.
  cli: |-
    aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}'
  terraform: |-
    resource "aws_s3_bucket_logging" "this" {
      bucket        = aws_s3_bucket.this.id
      target_bucket = aws_s3_bucket.logs.id
      target_prefix = "${aws_s3_bucket.this.id}/"
    }
references:
  - title: "AWS Security Hub control S3.9: S3 general purpose buckets should have server access logging enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9
  - title: "Amazon S3 User Guide: Logging requests with server access logging"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1, 10.2.1.1]
  iso27001-2022: [A.8.15]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Logging') WHEN 'object' THEN 'pass' WHEN 'null' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Logging')
    WHEN 'object' THEN 'Bucket ' || name || ' logs access requests to bucket ' ||
                       coalesce(json_extract(config, '$.Logging.TargetBucket'), '(unnamed)') ||
                       coalesce(' under prefix ' || nullif(json_extract(config, '$.Logging.TargetPrefix'), ''), '')
    WHEN 'null' THEN 'Bucket ' || name || ' has server access logging turned off'
    ELSE 'Server access logging status of bucket ' || name || ' was not collected (GetBucketLogging failed)'
  END AS reason,
  json_object('Logging', json_extract(config, '$.Logging')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket';
