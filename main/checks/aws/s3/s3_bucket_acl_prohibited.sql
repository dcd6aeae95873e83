/* ---
id: s3_bucket_acl_prohibited
title: S3 bucket has ACLs disabled (Object Ownership BucketOwnerEnforced)
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  With Object Ownership set to BucketOwnerEnforced, S3 ignores every bucket and object ACL and the bucket
  owner owns every object, so access is decided by policies alone, in one place that can be reviewed.
  Enabled ACLs are a second, easily overlooked access path (object ACLs are not visible at bucket level) and
  let objects uploaded by other accounts stay out of the owner's control.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Permissions > Object Ownership > Edit: choose "ACLs disabled (recommended)"
    and save. First move any access that ACLs grant (e.g. log delivery) into the bucket policy.
  cli: |-
    aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
  terraform: |-
    resource "aws_s3_bucket_ownership_controls" "this" {
      bucket = aws_s3_bucket.this.id
      rule {
        object_ownership = "BucketOwnerEnforced"
      }
    }
references:
  - title: "AWS Security Hub control S3.12: ACLs should not be used to manage user access to S3 general purpose buckets"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-12
  - title: "Amazon S3 User Guide: Controlling ownership of objects and disabling ACLs for your bucket"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.3]
--- */
WITH b AS (
  SELECT uid, name, config,
         json_type(config, '$.OwnershipControls') AS oc_type,
         json_extract(config, '$.OwnershipControls.Rules[0].ObjectOwnership') AS ownership
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'
)
SELECT uid AS resource_uid,
  CASE
    WHEN oc_type IS NULL THEN 'error'
    WHEN oc_type = 'null' THEN 'fail'
    WHEN ownership IS NULL THEN 'error'
    WHEN ownership = 'BucketOwnerEnforced' THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN oc_type IS NULL THEN 'Object Ownership of bucket ' || name || ' was not collected (GetBucketOwnershipControls failed)'
    WHEN oc_type = 'null' THEN 'Bucket ' || name || ' has no Object Ownership controls, so ACLs are enabled (ObjectWriter)'
    WHEN ownership IS NULL THEN 'Object Ownership of bucket ' || name || ' came back in an unexpected form (no ObjectOwnership rule)'
    WHEN ownership = 'BucketOwnerEnforced' THEN 'Bucket ' || name || ' has ACLs disabled (Object Ownership BucketOwnerEnforced)'
    ELSE 'Bucket ' || name || ' has ACLs enabled (Object Ownership ' || ownership || ')'
  END AS reason,
  json_object('OwnershipControls', json_extract(config, '$.OwnershipControls')) AS evidence
FROM b;
