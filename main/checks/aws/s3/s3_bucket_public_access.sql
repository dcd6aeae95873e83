/* ---
id: s3_bucket_public_access
title: S3 bucket is not publicly accessible
severity: critical
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  A bucket readable or writable by anyone on the internet is the most common cause of cloud data exposure. A
  bucket is public through its policy when an Allow statement admits any principal without a restricting
  condition, or through its ACL when it grants the AllUsers or AuthenticatedUsers groups. The policy is judged
  twice: by Evidence Desk's own reading of the collected document and by S3's GetBucketPolicyStatus; either
  one saying public is enough to fail, and the reason says which judgement was used when they disagree or one
  is missing (an absent IsPublic is not taken as "private"). RestrictPublicBuckets and IgnorePublicAcls, set
  on the bucket or on the whole account, neutralise a public policy or ACL respectively.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Permissions: remove bucket-policy statements with Principal "*" (or
    restrict them with conditions such as aws:SourceArn), edit the ACL to remove grants to "Everyone" and
    "Authenticated users group", then edit "Block public access (bucket settings)" and turn on all four
    settings; S3 console > Block Public Access settings for this account does the same for every bucket.
  cli: |-
    aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
    aws s3api put-bucket-acl --bucket <bucket> --acl private
    aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  terraform: |-
    resource "aws_s3_bucket_public_access_block" "this" {
      bucket                  = aws_s3_bucket.this.id
      block_public_acls       = true
      ignore_public_acls      = true
      block_public_policy     = true
      restrict_public_buckets = true
    }
references:
  - title: "AWS Security Hub control S3.2: S3 general purpose buckets should block public read access"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2
  - title: "AWS Security Hub control S3.3: S3 general purpose buckets should block public write access"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3
  - title: 'Amazon S3 User Guide: Blocking public access to your Amazon S3 storage (the meaning of "public")'
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  - title: "Amazon S3 User Guide: Access control list (ACL) overview"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.3]
--- */
WITH acct AS (
  -- Account-level Block Public Access (one resource per account; absent or not collected = unknown).
  SELECT json_type(config, '$.PublicAccessBlock') AS pab_type,
         coalesce(json_extract(config, '$.PublicAccessBlock.RestrictPublicBuckets'), 0) = 1 AS restrict_public,
         coalesce(json_extract(config, '$.PublicAccessBlock.IgnorePublicAcls'), 0) = 1 AS ignore_acls,
         json_extract(config, '$.PublicAccessBlock') AS pab
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::AccountPublicAccessBlock'
  ORDER BY uid LIMIT 1
), b AS (
  SELECT r.uid, r.name, r.config,
         json_type(r.config, '$.Acl') AS acl_type,
         json_type(r.config, '$.PublicAccessBlock') AS pab_type,
         json_type(r.config, '$.Policy') AS policy_type,
         json_type(r.config, '$.PolicyStatus') AS status_type,
         json_type(r.config, '$.PolicyStatus.IsPublic') AS is_public_type,
         json_extract(r.config, '$.PolicyStatus.IsPublic') = 1 AS s3_public,
         json_type(r.config, '$.PolicyJudgement.Public') AS ours_type,
         json_extract(r.config, '$.PolicyJudgement.Public') = 1 AS ours_public,
         json_extract(r.config, '$.PolicyJudgement.ParseError') AS parse_error,
         (SELECT group_concat(json_extract(s.value, '$.sid') || ': ' || json_extract(s.value, '$.reason'), '; ')
            FROM json_each(r.config, '$.PolicyJudgement.PublicStatements') s) AS public_statements,
         (SELECT group_concat(json_extract(s.value, '$.sid') || ': ' || json_extract(s.value, '$.reason'), '; ')
            FROM json_each(r.config, '$.PolicyJudgement.RestrictedStatements') s) AS restricted_statements,
         coalesce(json_extract(r.config, '$.PublicAccessBlock.RestrictPublicBuckets'), 0) = 1 AS bucket_restrict,
         coalesce(json_extract(r.config, '$.PublicAccessBlock.IgnorePublicAcls'), 0) = 1 AS bucket_ignore_acls,
         (SELECT group_concat(g.public_group || ' (' || g.permission || ')', ', ')
            FROM aws_s3_bucket_grants g
           WHERE g.snapshot_id = r.snapshot_id AND g.bucket_uid = r.uid AND g.public_group IS NOT NULL) AS public_grants
  FROM resources r
  WHERE r.snapshot_id = @snapshot_id AND r.type = 'AWS::S3::Bucket'
), j AS (
  SELECT b.*,
         (SELECT pab_type FROM acct) AS acct_pab_type,
         coalesce((SELECT restrict_public FROM acct), 0) AS acct_restrict,
         coalesce((SELECT ignore_acls FROM acct), 0) AS acct_ignore_acls,
         -- Our judgement: 'public', 'private' (no policy, or no public statement) or NULL (could not be made).
         CASE
           WHEN policy_type = 'null' THEN 'private'
           WHEN policy_type IS NOT NULL AND parse_error IS NULL AND ours_type = 'true' THEN 'public'
           WHEN policy_type IS NOT NULL AND parse_error IS NULL AND ours_type = 'false' THEN 'private'
         END AS ours,
         -- S3's judgement: same values; NULL when GetBucketPolicyStatus failed or did not report IsPublic.
         CASE
           WHEN status_type = 'null' THEN 'private'
           WHEN is_public_type = 'true' THEN 'public'
           WHEN is_public_type = 'false' THEN 'private'
         END AS s3
  FROM b
), k AS (
  SELECT j.*,
         (ours = 'public' OR s3 = 'public') AS policy_public,
         bucket_restrict OR acct_restrict AS restricted,
         bucket_ignore_acls OR acct_ignore_acls AS acls_ignored,
         -- Whether "RestrictPublicBuckets is off" is known: both levels were read.
         pab_type IS NOT NULL AND acct_pab_type IS NOT NULL AS pab_known,
         CASE
           WHEN ours = 'public' AND s3 = 'public' THEN
             'its bucket policy is public (our judgement: ' || public_statements || '; S3 PolicyStatus.IsPublic = true)'
           WHEN ours = 'public' AND s3 = 'private' THEN
             'by our judgement its bucket policy is public (' || public_statements || '), although S3 reports PolicyStatus.IsPublic = false'
           WHEN ours = 'public' THEN
             'by our judgement its bucket policy is public (' || public_statements || '); S3''s own judgement was not reported (' ||
             CASE WHEN status_type IS NULL THEN 'GetBucketPolicyStatus failed' ELSE 'PolicyStatus without IsPublic' END || ')'
           WHEN s3 = 'public' AND ours = 'private' THEN
             'S3 evaluates its bucket policy as public (PolicyStatus.IsPublic = true), although our judgement finds no public statement'
           WHEN s3 = 'public' THEN
             'S3 evaluates its bucket policy as public (PolicyStatus.IsPublic = true); our own judgement could not be made (' ||
             coalesce('the policy is unreadable: ' || parse_error, 'the policy document was not collected') || ')'
         END AS policy_public_text
  FROM j
), judged AS (
  SELECT k.*,
         policy_public AND NOT restricted AS public_by_policy,
         public_grants IS NOT NULL AND NOT acls_ignored AS public_by_acl,
         ours IS NULL AND s3 IS NULL AS policy_unknown
  FROM k
)
SELECT uid AS resource_uid,
  CASE
    WHEN public_by_policy OR public_by_acl THEN 'fail'
    WHEN policy_unknown OR acl_type IS NULL THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN public_by_policy OR public_by_acl THEN
      'Bucket ' || name || ' is public: ' ||
      CASE WHEN public_by_policy THEN policy_public_text ||
             CASE WHEN pab_known THEN ' and RestrictPublicBuckets is off at bucket and account level'
                  ELSE ' and RestrictPublicBuckets is not confirmed on (Block Public Access was not collected at ' ||
                       CASE WHEN pab_type IS NULL AND acct_pab_type IS NULL THEN 'bucket or account'
                            WHEN pab_type IS NULL THEN 'bucket' ELSE 'account' END || ' level)' END
           ELSE '' END ||
      CASE WHEN public_by_policy AND public_by_acl THEN '; and ' ELSE '' END ||
      CASE WHEN public_by_acl THEN 'its ACL grants ' || public_grants ||
             CASE WHEN pab_known THEN ' and IgnorePublicAcls is off' ELSE ' and IgnorePublicAcls is not confirmed on' END
           ELSE '' END
    WHEN policy_unknown AND acl_type IS NULL THEN
      'Could not determine whether bucket ' || name || ' is public: neither its policy nor its ACL was collected'
    WHEN policy_unknown THEN
      'Could not determine whether bucket ' || name || ' is public: ' ||
      CASE WHEN parse_error IS NOT NULL THEN 'its bucket policy is unreadable (' || parse_error || ')'
           ELSE 'its bucket policy (GetBucketPolicy) was not collected' END ||
      ' and S3''s policy status (GetBucketPolicyStatus) was not reported'
    WHEN acl_type IS NULL THEN
      'Could not determine whether bucket ' || name || ' is public: its ACL (GetBucketAcl) was not collected'
    ELSE
      'Bucket ' || name || ' is not public: ' ||
      CASE WHEN policy_public THEN
             'its public bucket policy (' || policy_public_text || ') is neutralised by RestrictPublicBuckets at ' ||
             CASE WHEN bucket_restrict THEN 'bucket' ELSE 'account' END || ' level'
           WHEN ours = 'private' AND policy_type = 'null' THEN 'it has no bucket policy'
           WHEN ours = 'private' AND s3 = 'private' THEN 'its bucket policy is not public'
           WHEN ours = 'private' THEN 'by our judgement its bucket policy is not public (S3''s own judgement was not reported)'
           ELSE 'S3 evaluates its bucket policy as not public (our own judgement could not be made: ' ||
                coalesce('the policy is unreadable: ' || parse_error, 'the policy document was not collected') || ')'
      END ||
      coalesce(' (wildcard principals restricted: ' || restricted_statements || ')', '') ||
      CASE WHEN public_grants IS NOT NULL THEN ' and its public ACL grants (' || public_grants || ') are ignored by IgnorePublicAcls at ' ||
             CASE WHEN bucket_ignore_acls THEN 'bucket' ELSE 'account' END || ' level'
           ELSE ' and its ACL grants nothing to AllUsers or AuthenticatedUsers' END
  END AS reason,
  json_object(
    'PolicyJudgedBy', CASE WHEN ours IS NOT NULL AND s3 IS NOT NULL THEN 'Evidence Desk and S3'
                           WHEN ours IS NOT NULL THEN 'Evidence Desk' WHEN s3 IS NOT NULL THEN 'S3' END,
    'OurJudgement', ours,
    'S3Judgement', s3,
    'PublicStatements', public_statements,
    'RestrictedStatements', restricted_statements,
    'PolicyStatus', json_extract(config, '$.PolicyStatus'),
    'PublicAclGrants', public_grants,
    'PublicAccessBlock', json_extract(config, '$.PublicAccessBlock'),
    'AccountPublicAccessBlock', json((SELECT pab FROM acct))
  ) AS evidence
FROM judged;
