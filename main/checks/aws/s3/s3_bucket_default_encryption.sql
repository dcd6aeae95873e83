/* ---
id: s3_bucket_default_encryption
title: S3 bucket has default server-side encryption configured
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  Default encryption makes every new object encrypted at rest without relying on each uploader to ask for it,
  which auditors expect as evidence that stored data is protected.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Properties > Default encryption > Edit: choose SSE-KMS (or SSE-S3),
    enable the bucket key, save.
  cli: |-
    aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'
  terraform: |-
    resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
      bucket = aws_s3_bucket.this.id
      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm = "aws:kms"
        }
        bucket_key_enabled = true
      }
    }
references:
  - title: "Amazon S3 User Guide: Setting default server-side encryption behavior for Amazon S3 buckets"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Encryption')
    WHEN 'object' THEN CASE WHEN json_extract(config, '$.Encryption.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm') IS NOT NULL
                            THEN 'pass' ELSE 'fail' END
    WHEN 'null' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE json_type(config, '$.Encryption')
    WHEN 'object' THEN CASE WHEN json_extract(config, '$.Encryption.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm') IS NOT NULL
                            THEN 'Bucket ' || name || ' encrypts new objects by default with ' ||
                                 json_extract(config, '$.Encryption.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm')
                            ELSE 'Bucket ' || name || ' has an encryption configuration without a default algorithm' END
    WHEN 'null' THEN 'Bucket ' || name || ' has no default encryption configured'
    ELSE 'Default encryption of bucket ' || name || ' was not collected (GetBucketEncryption failed)'
  END AS reason,
  json_object('Encryption', json_extract(config, '$.Encryption')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket';
