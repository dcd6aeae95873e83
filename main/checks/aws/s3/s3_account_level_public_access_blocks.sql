/* ---
id: s3_account_level_public_access_blocks
title: S3 Block Public Access is enabled at account level (all four settings)
severity: high
provider: aws
service: s3
resource_type: AWS::S3::AccountPublicAccessBlock
rationale: >-
  Account-level Block Public Access applies to every bucket in the account, existing and future, whatever
  each bucket's own settings say. With all four settings on (BlockPublicAcls, IgnorePublicAcls,
  BlockPublicPolicy, RestrictPublicBuckets) no bucket policy or ACL can make data in the account public, so
  one setting protects against a mistake on any single bucket.
remediation:
  console: >-
    S3 console > Block Public Access settings for this account > Edit: tick "Block all public access" and
    save. Check first that no bucket needs to stay public (e.g. a static website; serve it through CloudFront
    with origin access control instead).
  cli: |-
    aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  terraform: |-
    resource "aws_s3_account_public_access_block" "this" {
      block_public_acls       = true
      ignore_public_acls      = true
      block_public_policy     = true
      restrict_public_buckets = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.1.4: Ensure that S3 Buckets are configured with 'Block public access (bucket settings)'"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control S3.1: S3 general purpose buckets should have block public access settings enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1
  - title: "Amazon S3 User Guide: Configuring block public access settings for your account"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.3]
--- */
WITH a AS (
  SELECT uid, name, config,
         json_type(config, '$.PublicAccessBlock') AS pab_type,
         rtrim(
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.BlockPublicAcls'), 0) = 1 THEN '' ELSE 'BlockPublicAcls, ' END ||
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.IgnorePublicAcls'), 0) = 1 THEN '' ELSE 'IgnorePublicAcls, ' END ||
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.BlockPublicPolicy'), 0) = 1 THEN '' ELSE 'BlockPublicPolicy, ' END ||
           CASE WHEN coalesce(json_extract(config, '$.PublicAccessBlock.RestrictPublicBuckets'), 0) = 1 THEN '' ELSE 'RestrictPublicBuckets, ' END,
           ', ') AS missing
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::AccountPublicAccessBlock'
)
SELECT uid AS resource_uid,
  CASE WHEN pab_type IS NULL THEN 'error' WHEN pab_type = 'null' OR missing <> '' THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN pab_type IS NULL THEN
      'Account-level Block Public Access of account ' || name || ' was not collected (S3 Control GetPublicAccessBlock failed)'
    WHEN pab_type = 'null' THEN 'Account ' || name || ' has no account-level Block Public Access configuration (all four settings off)'
    WHEN missing <> '' THEN 'Account ' || name || ' does not enable account-level Block Public Access setting(s): ' || missing
    ELSE 'Account ' || name || ' enables all four account-level Block Public Access settings'
  END AS reason,
  json_object('PublicAccessBlock', json_extract(config, '$.PublicAccessBlock'), 'NotEnabled', nullif(missing, '')) AS evidence
FROM a;
