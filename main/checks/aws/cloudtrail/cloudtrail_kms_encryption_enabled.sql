/* ---
id: cloudtrail_kms_encryption_enabled
title: CloudTrail trail encrypts its log files with SSE-KMS
severity: medium
provider: aws
service: cloudtrail
resource_type: AWS::CloudTrail::Trail
rationale: >-
  With SSE-KMS, reading the trail's log files needs both S3 read access and kms:Decrypt on a customer managed
  key, so a bucket permission mistake alone does not expose the account's audit history, and every decrypt is
  itself logged.
remediation:
  console: >-
    CloudTrail console > Trails > the trail > General details > Edit: Log file SSE-KMS encryption enabled,
    choose or create a customer managed KMS key whose policy lets CloudTrail encrypt, save.
  cli: |-
    aws cloudtrail update-trail --name <trail-name> --kms-key-id <kms-key-arn>
  terraform: |-
    resource "aws_cloudtrail" "this" {
      name           = "<trail-name>"
      s3_bucket_name = aws_s3_bucket.trail_logs.id
      kms_key_id     = aws_kms_key.cloudtrail.arn
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.5: Ensure CloudTrail logs are encrypted at rest using KMS CMKs"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control CloudTrail.2: CloudTrail should have encryption at-rest enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2
  - title: "AWS CloudTrail User Guide: Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [10.3.1]
  iso27001-2022: [A.8.15, A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.KmsKeyId') WHEN 'text' THEN 'pass' WHEN 'null' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.KmsKeyId')
    WHEN 'text' THEN 'Trail ' || name || ' encrypts its log files with KMS key ' || json_extract(config, '$.KmsKeyId')
    WHEN 'null' THEN 'Trail ' || name || ' does not use SSE-KMS: its log files in ' ||
      coalesce(json_extract(config, '$.S3BucketName'), 'its bucket') || ' are protected only by S3 access control'
    ELSE 'KMS encryption setting of trail ' || name || ' was not collected (unexpected form of the DescribeTrails entry)'
  END AS reason,
  json_object('KmsKeyId', json_extract(config, '$.KmsKeyId'), 'S3BucketName', json_extract(config, '$.S3BucketName')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail';
