/* ---
id: s3_bucket_secure_transport_policy
title: S3 bucket policy denies requests that do not use TLS
severity: medium
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  S3 accepts plain HTTP requests unless the bucket policy refuses them. A statement with Effect Deny, any
  principal, every S3 action ("s3:*") on the bucket's objects and the condition Bool aws:SecureTransport =
  false makes every request travel encrypted, so data and credentials cannot be read or altered in transit.
  A bucket without a policy has no such statement and fails.
remediation:
  console: >-
    S3 console > Buckets > the bucket > Permissions > Bucket policy > Edit: add a statement denying "s3:*"
    to Principal "*" on the bucket and "bucket/*" when aws:SecureTransport is "false", save.
  cli: |-
    aws s3api put-bucket-policy --bucket <bucket> --policy '{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'
    # merge with the existing statements first: put-bucket-policy replaces the whole policy
  terraform: |-
    data "aws_iam_policy_document" "tls_only" {
      statement {
        sid       = "DenyInsecureTransport"
        effect    = "Deny"
        actions   = ["s3:*"]
        resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
        principals {
          type        = "*"
          identifiers = ["*"]
        }
        condition {
          test     = "Bool"
          variable = "aws:SecureTransport"
          values   = ["false"]
        }
      }
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.1.1: Ensure S3 Bucket Policy is set to deny HTTP requests"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control S3.5: S3 general purpose buckets should require requests to use SSL"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5
  - title: "Amazon S3 User Guide: Enforcing encryption in transit with TLS"
    url: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH b AS (
  SELECT uid, name, config,
         json_type(config, '$.Policy') AS policy_type,
         json_type(config, '$.Policy.Statement') AS statement_type,
         json_extract(config, '$.PolicyJudgement.ParseError') AS parse_error
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'
), stmts AS (
  SELECT b.uid, b.name, s.value AS st
  FROM b, json_each(CASE b.statement_type
                      WHEN 'array' THEN json_extract(b.config, '$.Policy.Statement')
                      WHEN 'object' THEN json_array(json(json_extract(b.config, '$.Policy.Statement')))
                      ELSE '[]' END) s
), tls_deny AS (
  SELECT uid, group_concat(coalesce(json_extract(st, '$.Sid'), '(no Sid)'), ', ') AS sids
  FROM stmts
  WHERE json_extract(st, '$.Effect') = 'Deny'
    -- any principal
    AND (json_extract(st, '$.Principal') = '*'
         OR EXISTS (SELECT 1 FROM json_each(CASE json_type(st, '$.Principal.AWS')
                                              WHEN 'array' THEN json_extract(st, '$.Principal.AWS')
                                              ELSE json_array(json_extract(st, '$.Principal.AWS')) END) p
                    WHERE p.value = '*'))
    -- every S3 action
    AND EXISTS (SELECT 1 FROM json_each(CASE json_type(st, '$.Action')
                                          WHEN 'array' THEN json_extract(st, '$.Action')
                                          ELSE json_array(json_extract(st, '$.Action')) END) a
                WHERE a.value IN ('*', 's3:*'))
    -- the bucket's objects
    AND EXISTS (SELECT 1 FROM json_each(CASE json_type(st, '$.Resource')
                                          WHEN 'array' THEN json_extract(st, '$.Resource')
                                          ELSE json_array(json_extract(st, '$.Resource')) END) r
                WHERE r.value IN ('*', 'arn:aws:s3:::' || stmts.name || '/*'))
    -- Bool (or BoolIfExists) aws:SecureTransport = false, as a string, a JSON boolean or a one-value list
    AND EXISTS (SELECT 1 FROM json_each(CASE json_type(st, '$.Condition.Bool."aws:SecureTransport"')
                                          WHEN 'array' THEN json_extract(st, '$.Condition.Bool."aws:SecureTransport"')
                                          WHEN 'false' THEN '["false"]'
                                          ELSE json_array(json_extract(st, '$.Condition.Bool."aws:SecureTransport"')) END
                                        ) c WHERE lower(c.value) = 'false'
                UNION ALL
                SELECT 1 FROM json_each(CASE json_type(st, '$.Condition.BoolIfExists."aws:SecureTransport"')
                                          WHEN 'array' THEN json_extract(st, '$.Condition.BoolIfExists."aws:SecureTransport"')
                                          WHEN 'false' THEN '["false"]'
                                          ELSE json_array(json_extract(st, '$.Condition.BoolIfExists."aws:SecureTransport"')) END
                                        ) c WHERE lower(c.value) = 'false')
  GROUP BY uid
)
SELECT b.uid AS resource_uid,
  CASE
    WHEN b.policy_type IS NULL THEN 'error'
    WHEN b.policy_type = 'null' THEN 'fail'
    WHEN b.parse_error IS NOT NULL OR b.statement_type NOT IN ('array', 'object') OR b.statement_type IS NULL THEN 'error'
    WHEN t.sids IS NOT NULL THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN b.policy_type IS NULL THEN 'Bucket policy of ' || b.name || ' was not collected (GetBucketPolicy failed)'
    WHEN b.policy_type = 'null' THEN 'Bucket ' || b.name || ' has no bucket policy, so requests over plain HTTP are not denied'
    WHEN b.parse_error IS NOT NULL OR b.statement_type NOT IN ('array', 'object') OR b.statement_type IS NULL THEN
      'Bucket policy of ' || b.name || ' has no readable Statement (' || coalesce(b.parse_error, 'unexpected form') || ')'
    WHEN t.sids IS NOT NULL THEN 'Bucket ' || b.name || ' denies requests without TLS (aws:SecureTransport = false) in statement(s): ' || t.sids
    ELSE 'Bucket ' || b.name || ' has a bucket policy, but no statement denies s3:* to every principal on its objects when aws:SecureTransport is false'
  END AS reason,
  json_object('Policy', json_extract(b.config, '$.Policy'), 'TlsDenyStatements', t.sids) AS evidence
FROM b LEFT JOIN tls_deny t ON t.uid = b.uid;
