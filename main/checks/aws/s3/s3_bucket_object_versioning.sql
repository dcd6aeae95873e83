/* ---
id: s3_bucket_object_versioning
title: S3 bucket has object versioning enabled
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  Versioning keeps prior versions of overwritten or deleted objects, so data lost to error, ransomware or a
  malicious insider can be recovered; it also preserves the integrity of logs stored in the bucket.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Properties > Bucket Versioning > Edit: select Enable, save.
  cli: |-
    aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled
  terraform: |-
    resource "aws_s3_bucket_versioning" "this" {
      bucket = aws_s3_bucket.this.id
      versioning_configuration {
        status = "Enabled"
      }
    }
references:
  - title: "AWS Security Hub control S3.14: S3 general purpose buckets should have versioning enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14
  - title: "Amazon S3 User Guide: Retaining multiple versions of objects with S3 Versioning"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.13]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.Versioning') IS NULL THEN 'error'
    WHEN json_extract(config, '$.Versioning.Status') = 'Enabled' THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN json_type(config, '$.Versioning') IS NULL THEN 'Versioning status of bucket ' || name || ' was not collected (GetBucketVersioning failed)'
    WHEN json_extract(config, '$.Versioning.Status') = 'Enabled' THEN 'Bucket ' || name || ' has versioning enabled'
    WHEN json_extract(config, '$.Versioning.Status') = 'Suspended' THEN 'Bucket ' || name || ' has versioning suspended'
    ELSE 'Bucket ' || name || ' has never had versioning enabled'
  END AS reason,
  json_object('Versioning', json_extract(config, '$.Versioning')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket';
