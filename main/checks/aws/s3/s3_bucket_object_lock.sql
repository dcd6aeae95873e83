/* ---
id: s3_bucket_object_lock
title: S3 bucket that must keep records unalterable has Object Lock enabled
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  S3 Object Lock stores objects write-once-read-many: a locked object version cannot be overwritten or
  deleted until its retention ends, even by an administrator (compliance mode), which protects records and
  audit evidence from tampering and ransomware. Not every bucket needs it, so the check applies to the buckets
  the organisation has marked as needing it, with the tag evidence-desk:retention = required; other buckets
  are not applicable. Object Lock can only be turned on for a bucket with versioning, and once on it cannot be
  turned off. When a bucket's tags were not collected, whether it needs Object Lock is unknown and the bucket
  passes only if Object Lock is on anyway.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Properties > Object Lock > Edit: enable, choose a default retention
    mode (Compliance for records that nobody may shorten) and period, save. Versioning must be enabled first.
  cli: |-
    aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":365}}}'
  terraform: |-
    resource "aws_s3_bucket_object_lock_configuration" "this" {
      bucket = aws_s3_bucket.this.id
      rule {
        default_retention {
          mode = "COMPLIANCE"
          days = 365
        }
      }
    }
references:
  - title: "AWS Security Hub control S3.15: S3 general purpose buckets should have Object Lock enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-15
  - title: "Amazon S3 User Guide: Locking objects with Object Lock"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
frameworks:
  soc2-2017: [PI1.5]
  iso27001-2022: [A.5.33]
--- */
WITH b AS (
  SELECT uid, name, config,
         json_type(config, '$.TagSet') AS tags_type,
         json_type(config, '$.ObjectLock') AS lock_type,
         json_extract(config, '$.ObjectLock.ObjectLockEnabled') = 'Enabled' AS lock_on,
         json_extract(config, '$.ObjectLock.Rule.DefaultRetention.Mode') AS mode,
         coalesce(json_extract(config, '$.ObjectLock.Rule.DefaultRetention.Days') || ' days',
                  json_extract(config, '$.ObjectLock.Rule.DefaultRetention.Years') || ' years') AS period,
         EXISTS (SELECT 1 FROM json_each(config, '$.TagSet') t
                 WHERE json_extract(t.value, '$.Key') = 'evidence-desk:retention'
                   AND lower(json_extract(t.value, '$.Value')) = 'required') AS required
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'
)
SELECT uid AS resource_uid,
  CASE
    WHEN lock_on THEN 'pass'
    WHEN tags_type IS NULL THEN 'error'
    WHEN NOT required THEN 'n/a'
    WHEN lock_type IS NULL THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN lock_on THEN 'Bucket ' || name || ' has Object Lock enabled' ||
                      coalesce(' with default retention ' || mode || ' ' || period, ' (no default retention)')
    WHEN tags_type IS NULL THEN
      'Whether bucket ' || name || ' needs Object Lock is unknown: its tags were not collected (GetBucketTagging failed)' ||
      CASE WHEN lock_type IS NULL THEN ', nor its Object Lock configuration' ELSE ', and Object Lock is off' END
    WHEN NOT required THEN 'Bucket ' || name || ' is not tagged evidence-desk:retention = required, so Object Lock is not required'
    WHEN lock_type IS NULL THEN
      'Object Lock configuration of bucket ' || name || ' (tagged evidence-desk:retention = required) was not collected (GetObjectLockConfiguration failed)'
    ELSE 'Bucket ' || name || ' is tagged evidence-desk:retention = required but does not have Object Lock enabled'
  END AS reason,
  json_object('ObjectLock', json_extract(config, '$.ObjectLock'), 'RetentionRequired', CASE WHEN tags_type IS NOT NULL THEN json(CASE WHEN required THEN 'true' ELSE 'false' END) END) AS evidence
FROM b;
