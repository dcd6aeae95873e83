/* ---
id: s3_bucket_no_mfa_delete
title: Versioned S3 bucket has MFA Delete enabled
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  With MFA Delete, permanently deleting an object version or changing the bucket's versioning state needs the
  root user's MFA code as well as permission, so stolen credentials alone cannot destroy the history that
  versioning keeps. It applies to buckets that have (or had) versioning enabled; a bucket that was never
  versioned is not applicable here and fails the versioning check instead.
remediation:
  console: >-
    Not available in the console: MFA Delete can only be enabled by the root user with the CLI or API, passing
    the serial number and current code of the root user's MFA device.
  cli: |-
    aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "<root-mfa-serial> <code>"
  terraform: |-
    resource "aws_s3_bucket_versioning" "this" {
      bucket = aws_s3_bucket.this.id
      mfa    = "<root-mfa-serial> <code>"
      versioning_configuration {
        status     = "Enabled"
        mfa_delete = "Enabled"
      }
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.1.2: Ensure MFA Delete is enabled on S3 buckets"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control S3.20: S3 general purpose buckets should have MFA delete enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-20
  - title: "Amazon S3 User Guide: Configuring MFA delete"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
frameworks:
  soc2-2017: [PI1.5]
  iso27001-2022: [A.5.33]
--- */
WITH b AS (
  SELECT uid, name, config,
         json_type(config, '$.Versioning') AS ver_type,
         json_extract(config, '$.Versioning.Status') AS ver_status,
         json_extract(config, '$.Versioning.MFADelete') AS mfa_delete
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'
)
SELECT uid AS resource_uid,
  CASE
    WHEN ver_type IS NULL THEN 'error'
    WHEN ver_status IS NULL OR ver_status NOT IN ('Enabled', 'Suspended') THEN 'n/a'
    WHEN mfa_delete = 'Enabled' THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN ver_type IS NULL THEN 'Versioning and MFA Delete status of bucket ' || name || ' was not collected (GetBucketVersioning failed)'
    WHEN ver_status IS NULL OR ver_status NOT IN ('Enabled', 'Suspended') THEN
      'Bucket ' || name || ' has never had versioning enabled, so MFA Delete does not apply'
    WHEN mfa_delete = 'Enabled' THEN 'Bucket ' || name || ' (versioning ' || ver_status || ') has MFA Delete enabled'
    ELSE 'Bucket ' || name || ' (versioning ' || ver_status || ') does not have MFA Delete enabled (MFADelete = ' ||
         coalesce(mfa_delete, 'never set') || ')'
  END AS reason,
  json_object('Versioning', json_extract(config, '$.Versioning')) AS evidence
FROM b;
