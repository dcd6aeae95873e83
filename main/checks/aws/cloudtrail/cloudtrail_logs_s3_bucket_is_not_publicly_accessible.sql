/* ---
id: cloudtrail_logs_s3_bucket_is_not_publicly_accessible
title: The S3 bucket a CloudTrail trail writes to is not publicly accessible
severity: critical
provider: aws
service: cloudtrail
resource_type: AWS::CloudTrail::Trail
rationale: >-
  The trail's bucket holds the account's whole API history: who did what, from where, with which resources. A
  public bucket hands that reconnaissance to anyone and lets them study (or, with write access, tamper with)
  the audit trail.
remediation:
  console: >-
    S3 console > the trail's bucket > Permissions: turn on all four Block Public Access settings, remove bucket
    policy statements for Principal "*" without a restricting condition, and remove ACL grants to AllUsers and
    AuthenticatedUsers.
  cli: |-
    aws s3api put-public-access-block --bucket <trail-bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  terraform: |-
    resource "aws_s3_bucket_public_access_block" "trail_logs" {
      bucket                  = aws_s3_bucket.trail_logs.id
      block_public_acls       = true
      ignore_public_acls      = true
      block_public_policy     = true
      restrict_public_buckets = true
    }
references:
  - title: "AWS Security Hub control CloudTrail.6: Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-6
  - title: "AWS CloudTrail User Guide: Amazon S3 bucket policy for CloudTrail"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [10.3.1, 10.3.2]
  iso27001-2022: [A.8.3, A.8.15]
--- */
WITH t AS (
  SELECT uid, name, json_extract(config, '$.S3BucketName') AS bucket_name
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail'
), b AS (
  SELECT t.uid, t.name, t.bucket_name, r.uid AS bucket_uid, r.config,
         json_type(r.config, '$.PolicyJudgement') AS judgement_type,
         json_type(r.config, '$.PolicyStatus') AS policy_status_type,
         json_type(r.config, '$.Acl') AS acl_type,
         json_type(r.config, '$.PublicAccessBlock') AS pab_type,
         -- Our own policy judgement when the S3 collector attached one, else S3's PolicyStatus.IsPublic.
         CASE WHEN json_type(r.config, '$.PolicyJudgement') = 'object'
              THEN coalesce(json_extract(r.config, '$.PolicyJudgement.Public'), 0) = 1
              ELSE coalesce(json_extract(r.config, '$.PolicyStatus.IsPublic'), 0) = 1 END AS policy_public,
         coalesce(json_extract(r.config, '$.PublicAccessBlock.RestrictPublicBuckets'), 0) = 1 AS restrict_public,
         coalesce(json_extract(r.config, '$.PublicAccessBlock.IgnorePublicAcls'), 0) = 1 AS ignore_acls,
         (SELECT group_concat(g.public_group || ' (' || g.permission || ')', ', ')
            FROM aws_s3_bucket_grants g
           WHERE g.snapshot_id = r.snapshot_id AND g.bucket_uid = r.uid AND g.public_group IS NOT NULL) AS public_grants
  FROM t
  LEFT JOIN resources r
    ON r.snapshot_id = @snapshot_id AND r.type = 'AWS::S3::Bucket' AND json_extract(r.config, '$.Name') = t.bucket_name
), judged AS (
  SELECT b.*,
         policy_public AND NOT restrict_public AS public_by_policy,
         public_grants IS NOT NULL AND NOT ignore_acls AS public_by_acl
  FROM b
)
SELECT uid AS resource_uid,
  CASE
    WHEN bucket_name IS NULL OR bucket_uid IS NULL THEN 'error'
    WHEN public_by_policy OR public_by_acl THEN 'fail'
    WHEN (judgement_type IS NULL AND policy_status_type IS NULL) OR acl_type IS NULL OR pab_type IS NULL THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN bucket_name IS NULL THEN 'The S3 bucket of trail ' || name || ' was not reported by DescribeTrails'
    WHEN bucket_uid IS NULL THEN 'Bucket ' || bucket_name || ' of trail ' || name ||
      ' was not collected in this account (it may belong to another account, e.g. a log archive), so its exposure is unknown'
    WHEN public_by_policy AND public_by_acl THEN 'Trail ' || name || ' writes to bucket ' || bucket_name ||
      ', which is public by its bucket policy and by ACL grants ' || public_grants
    WHEN public_by_policy THEN 'Trail ' || name || ' writes to bucket ' || bucket_name ||
      ', whose bucket policy is public (' || CASE WHEN judgement_type = 'object' THEN 'PolicyJudgement.Public' ELSE 'PolicyStatus.IsPublic' END ||
      ' = true) and RestrictPublicBuckets is off'
    WHEN public_by_acl THEN 'Trail ' || name || ' writes to bucket ' || bucket_name || ', whose ACL grants ' || public_grants ||
      ' and IgnorePublicAcls is off'
    WHEN judgement_type IS NULL AND policy_status_type IS NULL THEN 'Policy status of bucket ' || bucket_name || ' (trail ' || name || ') was not collected'
    WHEN acl_type IS NULL THEN 'ACL of bucket ' || bucket_name || ' (trail ' || name || ') was not collected'
    WHEN pab_type IS NULL THEN 'Block Public Access settings of bucket ' || bucket_name || ' (trail ' || name || ') were not collected'
    ELSE 'Trail ' || name || ' writes to bucket ' || bucket_name || ', which is not public'
  END AS reason,
  json_object('S3BucketName', bucket_name,
              'BucketCollected', bucket_uid IS NOT NULL,
              'PolicyJudgementPublic', json_extract(config, '$.PolicyJudgement.Public'),
              'PolicyStatus', json_extract(config, '$.PolicyStatus'),
              'PublicAclGrants', public_grants,
              'PublicAccessBlock', json_extract(config, '$.PublicAccessBlock')) AS evidence
FROM judged;
