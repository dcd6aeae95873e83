/* ---
id: s3_bucket_public_access
title: S3 bucket is not publicly accessible
severity: critical
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  A bucket readable or writable by anyone on the internet is the most common cause of cloud data exposure. A
  bucket is public when S3 evaluates its bucket policy as public (and RestrictPublicBuckets does not
  neutralise it) or its ACL grants access to the AllUsers or AuthenticatedUsers groups (and IgnorePublicAcls
  is off). Account-level Block Public Access is not taken into account.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Permissions: remove bucket-policy statements with Principal "*" (or
    restrict them with conditions), edit the ACL to remove grants to "Everyone" and "Authenticated users
    group", then edit "Block public access (bucket settings)" and turn on all four settings.
  cli: |-
    aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
    aws s3api put-bucket-acl --bucket <bucket> --acl private
  terraform: |-
    resource "aws_s3_bucket_public_access_block" "this" {
      bucket                  = aws_s3_bucket.this.id
      block_public_acls       = true
      ignore_public_acls      = true
      block_public_policy     = true
      restrict_public_buckets = true
    }
references:
  - title: 'Amazon S3 User Guide: Blocking public access to your Amazon S3 storage (the meaning of "public")'
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  - title: "Amazon S3 User Guide: Access control list (ACL) overview"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.3]
--- */
WITH b AS (
  SELECT r.uid, r.name, r.config,
         json_type(r.config, '$.PolicyStatus') AS policy_status_type,
         json_type(r.config, '$.Acl') AS acl_type,
         coalesce(json_extract(r.config, '$.PolicyStatus.IsPublic'), 0) = 1 AS policy_public,
         coalesce(json_extract(r.config, '$.PublicAccessBlock.RestrictPublicBuckets'), 0) = 1 AS restrict_public,
         coalesce(json_extract(r.config, '$.PublicAccessBlock.IgnorePublicAcls'), 0) = 1 AS ignore_acls,
         (SELECT group_concat(g.public_group || ' (' || g.permission || ')', ', ')
            FROM aws_s3_bucket_grants g
           WHERE g.snapshot_id = r.snapshot_id AND g.bucket_uid = r.uid AND g.public_group IS NOT NULL) AS public_grants
  FROM resources r
  WHERE r.snapshot_id = @snapshot_id AND r.type = 'AWS::S3::Bucket'
), judged AS (
  SELECT b.*,
         policy_public AND NOT restrict_public AS public_by_policy,
         public_grants IS NOT NULL AND NOT ignore_acls AS public_by_acl
  FROM b
)
SELECT uid AS resource_uid,
  CASE
    WHEN public_by_policy OR public_by_acl THEN 'fail'
    WHEN policy_status_type IS NULL OR acl_type IS NULL THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN public_by_policy AND public_by_acl THEN
      'Bucket ' || name || ' is public: S3 evaluates its bucket policy as public and its ACL grants ' || public_grants
    WHEN public_by_policy THEN
      'Bucket ' || name || ' is public: S3 evaluates its bucket policy as public (PolicyStatus.IsPublic = true) and RestrictPublicBuckets is off'
    WHEN public_by_acl THEN
      'Bucket ' || name || ' is public: its ACL grants ' || public_grants || ' and IgnorePublicAcls is off'
    WHEN policy_status_type IS NULL AND acl_type IS NULL THEN
      'Could not determine whether bucket ' || name || ' is public: neither its policy status nor its ACL was collected'
    WHEN policy_status_type IS NULL THEN
      'Could not determine whether bucket ' || name || ' is public: its policy status (GetBucketPolicyStatus) was not collected'
    WHEN acl_type IS NULL THEN
      'Could not determine whether bucket ' || name || ' is public: its ACL (GetBucketAcl) was not collected'
    ELSE
      'Bucket ' || name || ' is not public: ' ||
      CASE WHEN policy_status_type = 'null' THEN 'it has no bucket policy'
           WHEN policy_public THEN 'its public bucket policy is neutralised by RestrictPublicBuckets'
           ELSE 'its bucket policy is not public' END ||
      CASE WHEN public_grants IS NOT NULL THEN ' and its public ACL grants (' || public_grants || ') are ignored by IgnorePublicAcls'
           ELSE ' and its ACL grants nothing to AllUsers or AuthenticatedUsers' END
  END AS reason,
  json_object(
    'PolicyStatus', json_extract(config, '$.PolicyStatus'),
    'PublicAclGrants', public_grants,
    'PublicAccessBlock', json_extract(config, '$.PublicAccessBlock')
  ) AS evidence
FROM judged;
