/* ---
id: cloudtrail_log_file_validation_enabled
title: CloudTrail trail has log file integrity validation enabled
severity: medium
provider: aws
service: cloudtrail
resource_type: AWS::CloudTrail::Trail
rationale: >-
  Log file validation writes signed digest files, so anyone can prove later that delivered log files were not
  modified or deleted; auditors rely on it for the integrity of the audit trail.
remediation:
  console: >-
    CloudTrail console > Trails > the trail > General details > Edit: tick "Log file validation", save.
  cli: |-
    aws cloudtrail update-trail --name <trail-name> --enable-log-file-validation
  terraform: |-
    resource "aws_cloudtrail" "this" {
      name                       = "<trail-name>"
      s3_bucket_name             = aws_s3_bucket.trail_logs.id
      enable_log_file_validation = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.2: Ensure CloudTrail log file validation is enabled"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control CloudTrail.4: CloudTrail log file validation should be enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4
  - title: "AWS CloudTrail User Guide: Validating CloudTrail log file integrity"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
frameworks:
  pci-dss-4.0.1: [10.3.4]
  iso27001-2022: [A.8.15]
--- */
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
WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail';
