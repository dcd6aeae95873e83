/* ---
id: s3_bucket_kms_encryption
title: S3 bucket encrypts new objects by default with AWS KMS (SSE-KMS or DSSE-KMS)
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  Every bucket now gets SSE-S3 (AES256) at least, with keys S3 manages and nobody can audit or restrict.
  Default encryption with a KMS key (aws:kms, or dual-layer aws:kms:dsse) adds a second permission check on
  every read (kms:Decrypt), a CloudTrail record of each key use and the option to disable or rotate the key,
  which is the evidence auditors ask for when data must be protected by managed keys.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Properties > Default encryption > Edit: choose "Server-side
    encryption with AWS Key Management Service keys (SSE-KMS)", pick a customer managed key, enable the
    bucket key, save. Existing objects keep their encryption until copied over.
  cli: |-
    aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}'
  terraform: |-
    resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
      bucket = aws_s3_bucket.this.id
      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = aws_kms_key.s3.arn
        }
        bucket_key_enabled = true
      }
    }
references:
  - title: "AWS Security Hub control S3.17: S3 general purpose buckets should be encrypted at rest with AWS KMS keys"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17
  - title: "Amazon S3 User Guide: Using server-side encryption with AWS KMS keys (SSE-KMS)"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
WITH b AS (
  SELECT uid, name, config,
         json_type(config, '$.Encryption') AS enc_type,
         json_extract(config, '$.Encryption.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm') AS algorithm,
         json_extract(config, '$.Encryption.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID') AS key_id
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'
)
SELECT uid AS resource_uid,
  CASE
    WHEN enc_type IS NULL THEN 'error'
    WHEN algorithm IN ('aws:kms', 'aws:kms:dsse') THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN enc_type IS NULL THEN 'Default encryption of bucket ' || name || ' was not collected (GetBucketEncryption failed)'
    WHEN algorithm IN ('aws:kms', 'aws:kms:dsse') THEN
      'Bucket ' || name || ' encrypts new objects by default with ' || algorithm ||
      coalesce(' using key ' || key_id, ' using the AWS managed key aws/s3')
    WHEN enc_type = 'null' THEN 'Bucket ' || name || ' has no default encryption configured, so not SSE-KMS'
    WHEN algorithm IS NULL THEN 'Bucket ' || name || ' has an encryption configuration without a default algorithm, so not SSE-KMS'
    ELSE 'Bucket ' || name || ' encrypts new objects by default with ' || algorithm || ' (S3-managed keys), not with AWS KMS'
  END AS reason,
  json_object('Encryption', json_extract(config, '$.Encryption')) AS evidence
FROM b;
