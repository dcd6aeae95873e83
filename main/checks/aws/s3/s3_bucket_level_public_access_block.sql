/* ---
id: s3_bucket_level_public_access_block
title: S3 bucket has all four Block Public Access settings enabled
severity: high
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  Block Public Access is the guard rail that keeps a future policy or ACL change from making the bucket
  public. All four settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) are
  needed for the bucket to be protected against both ACL and policy mistakes.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Permissions > Block public access (bucket settings) > Edit: tick
    "Block all public access" and save. Check first that no legitimate public use (e.g. a website) depends on
    it.
  cli: |-
    aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  terraform: |-
    resource "aws_s3_bucket_public_access_block" "this" {
      bucket                  = aws_s3_bucket.this.id
      block_public_acls       = true
      ignore_public_acls      = true
      block_public_policy     = true
      restrict_public_buckets = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.1.4: Ensure that S3 Buckets are configured with 'Block public access (bucket settings)'"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control S3.8: S3 general purpose buckets should block public access"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8
  - title: "Amazon S3 User Guide: Blocking public access to your Amazon S3 storage"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.3]
--- */
WITH b AS (
  SELECT uid, name, config,
         json_type(config, '$.PublicAccessBlock') AS pab_type,
         rtrim(
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.BlockPublicAcls'), 0) = 1 THEN '' ELSE 'BlockPublicAcls, ' END ||
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.IgnorePublicAcls'), 0) = 1 THEN '' ELSE 'IgnorePublicAcls, ' END ||
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.BlockPublicPolicy'), 0) = 1 THEN '' ELSE 'BlockPublicPolicy, ' END ||
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.RestrictPublicBuckets'), 0) = 1 THEN '' ELSE 'RestrictPublicBuckets, ' END,
           ', ') AS missing
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'
)
SELECT uid AS resource_uid,
  CASE WHEN pab_type IS NULL THEN 'error' WHEN pab_type = 'null' OR missing <> '' THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN pab_type IS NULL THEN
      'Block Public Access settings of bucket ' || name || ' were not collected (GetPublicAccessBlock failed)'
    WHEN pab_type = 'null' THEN 'Bucket ' || name || ' has no Block Public Access configuration'
    WHEN missing <> '' THEN 'Bucket ' || name || ' does not enable Block Public Access setting(s): ' || missing
    ELSE 'Bucket ' || name || ' enables all four Block Public Access settings'
  END AS reason,
  json_object('PublicAccessBlock', json_extract(config, '$.PublicAccessBlock'), 'NotEnabled', nullif(missing, '')) AS evidence
FROM b;
