// S3 bucket checks. Population: every AWS::S3::Bucket in the snapshot. Each follow-up call the collector
// makes per bucket (policy status, ACL, public access block, encryption, versioning, logging) can fail on its
// own, so each check answers 'error' when the key it decides on is absent (see main/collect/aws/shapes.ts).
import type { CheckDefinition } from '../types';

const BUCKET = 'AWS::S3::Bucket';

export const s3BucketPublicAccess: CheckDefinition = {
  id: 's3_bucket_public_access',
  provider: 'aws',
  service: 's3',
  title: 'S3 bucket is not publicly accessible',
  severity: 'critical',
  resourceType: BUCKET,
  rationale:
    'A bucket readable or writable by anyone on the internet is the most common cause of cloud data exposure. ' +
    'A bucket is public when S3 evaluates its bucket policy as public (and RestrictPublicBuckets does not neutralise ' +
    'it) or its ACL grants access to the AllUsers or AuthenticatedUsers groups (and IgnorePublicAcls is off). ' +
    'Account-level Block Public Access is not taken into account.',
  remediation: {
    console:
      'S3 console > Buckets > the bucket > Permissions: remove bucket-policy statements with Principal "*" (or ' +
      'restrict them with conditions), edit the ACL to remove grants to "Everyone" and "Authenticated users group", ' +
      'then edit "Block public access (bucket settings)" and turn on all four settings.',
    cli:
      'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n' +
      'aws s3api put-bucket-acl --bucket <bucket> --acl private',
    terraform:
      'resource "aws_s3_bucket_public_access_block" "this" {\n' +
      '  bucket                  = aws_s3_bucket.this.id\n' +
      '  block_public_acls       = true\n' +
      '  ignore_public_acls      = true\n' +
      '  block_public_policy     = true\n' +
      '  restrict_public_buckets = true\n' +
      '}',
  },
  sql: `
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
FROM judged`,
};

export const s3BucketPublicAccessBlock: CheckDefinition = {
  id: 's3_bucket_level_public_access_block',
  provider: 'aws',
  service: 's3',
  title: 'S3 bucket has all four Block Public Access settings enabled',
  severity: 'high',
  resourceType: BUCKET,
  rationale:
    'Block Public Access is the guard rail that keeps a future policy or ACL change from making the bucket public. ' +
    'All four settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) are needed ' +
    'for the bucket to be protected against both ACL and policy mistakes.',
  remediation: {
    console:
      'S3 console > Buckets > the bucket > Permissions > Block public access (bucket settings) > Edit: tick ' +
      '"Block all public access" and save. Check first that no legitimate public use (e.g. a website) depends on it.',
    cli:
      'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform:
      'resource "aws_s3_bucket_public_access_block" "this" {\n' +
      '  bucket                  = aws_s3_bucket.this.id\n' +
      '  block_public_acls       = true\n' +
      '  ignore_public_acls      = true\n' +
      '  block_public_policy     = true\n' +
      '  restrict_public_buckets = true\n' +
      '}',
  },
  sql: `
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
FROM b`,
};

export const s3BucketDefaultEncryption: CheckDefinition = {
  id: 's3_bucket_default_encryption',
  provider: 'aws',
  service: 's3',
  title: 'S3 bucket has default server-side encryption configured',
  severity: 'medium',
  resourceType: BUCKET,
  rationale:
    'Default encryption makes every new object encrypted at rest without relying on each uploader to ask for it, ' +
    'which auditors expect as evidence that stored data is protected.',
  remediation: {
    console:
      'S3 console > Buckets > the bucket > Properties > Default encryption > Edit: choose SSE-KMS (or SSE-S3), ' +
      'enable the bucket key, save.',
    cli:
      'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration ' +
      '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}\'',
    terraform:
      'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n' +
      '  bucket = aws_s3_bucket.this.id\n' +
      '  rule {\n' +
      '    apply_server_side_encryption_by_default {\n' +
      '      sse_algorithm = "aws:kms"\n' +
      '    }\n' +
      '    bucket_key_enabled = true\n' +
      '  }\n' +
      '}',
  },
  sql: `
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
WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'`,
};

export const s3BucketVersioning: CheckDefinition = {
  id: 's3_bucket_object_versioning',
  provider: 'aws',
  service: 's3',
  title: 'S3 bucket has object versioning enabled',
  severity: 'medium',
  resourceType: BUCKET,
  rationale:
    'Versioning keeps prior versions of overwritten or deleted objects, so data lost to error, ransomware or a ' +
    'malicious insider can be recovered; it also preserves the integrity of logs stored in the bucket.',
  remediation: {
    console:
      'S3 console > Buckets > the bucket > Properties > Bucket Versioning > Edit: select Enable, save.',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
    terraform:
      'resource "aws_s3_bucket_versioning" "this" {\n' +
      '  bucket = aws_s3_bucket.this.id\n' +
      '  versioning_configuration {\n' +
      '    status = "Enabled"\n' +
      '  }\n' +
      '}',
  },
  sql: `
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
WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'`,
};

export const s3BucketServerAccessLogging: CheckDefinition = {
  id: 's3_bucket_server_access_logging_enabled',
  provider: 'aws',
  service: 's3',
  title: 'S3 bucket has server access logging enabled',
  severity: 'medium',
  resourceType: BUCKET,
  rationale:
    'Server access logs record every request made to the bucket (who, what, when, from where), which is needed to ' +
    'investigate access to stored data and to show that access is monitored.',
  remediation: {
    console:
      'S3 console > Buckets > the bucket > Properties > Server access logging > Edit: Enable, choose a separate ' +
      'log bucket and prefix, save.',
    cli:
      'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status ' +
      '\'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}\'',
    terraform:
      'resource "aws_s3_bucket_logging" "this" {\n' +
      '  bucket        = aws_s3_bucket.this.id\n' +
      '  target_bucket = aws_s3_bucket.logs.id\n' +
      '  target_prefix = "${aws_s3_bucket.this.id}/"\n' +
      '}',
  },
  sql: `
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Logging') WHEN 'object' THEN 'pass' WHEN 'null' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Logging')
    WHEN 'object' THEN 'Bucket ' || name || ' logs access requests to bucket ' ||
                       coalesce(json_extract(config, '$.Logging.TargetBucket'), '(unnamed)') ||
                       coalesce(' under prefix ' || nullif(json_extract(config, '$.Logging.TargetPrefix'), ''), '')
    WHEN 'null' THEN 'Bucket ' || name || ' has server access logging turned off'
    ELSE 'Server access logging status of bucket ' || name || ' was not collected (GetBucketLogging failed)'
  END AS reason,
  json_object('Logging', json_extract(config, '$.Logging')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'`,
};

export const s3Checks: readonly CheckDefinition[] = [
  s3BucketPublicAccess,
  s3BucketPublicAccessBlock,
  s3BucketDefaultEncryption,
  s3BucketVersioning,
  s3BucketServerAccessLogging,
];
