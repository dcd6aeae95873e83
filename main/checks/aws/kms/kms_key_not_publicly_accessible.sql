/* ---
id: kms_key_not_publicly_accessible
title: KMS key policy does not allow access to everyone
severity: critical
provider: aws
service: kms
resource_type: AWS::KMS::Key
rationale: >-
  A key policy that allows Principal "*" without a condition naming the caller's account, organisation or
  source lets any AWS identity in any account use the key, for example to decrypt every object, snapshot or
  secret it protects. The judgement is Evidence Desk's own reading of the key policy (Allow statements with
  Principal "*" or NotPrincipal and no restricting condition such as kms:CallerAccount or aws:PrincipalOrgID);
  the policy document is kept in the evidence so a reviewer can redo it.
remediation:
  console: >-
    KMS console (in the key's region) > Customer managed keys > the key > Key policy > Edit: replace Principal
    "*" with the account or role ARNs that need the key, or add a condition such as kms:CallerAccount or
    aws:PrincipalOrgID; Save.
  cli: |-
    aws kms get-key-policy --key-id <key-id> --policy-name default --query Policy --output text > policy.json
    # edit policy.json: name the principals, or add a kms:CallerAccount / aws:PrincipalOrgID condition
    aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://policy.json
  terraform: |-
    resource "aws_kms_key_policy" "data" {
      key_id = aws_kms_key.data.id
      policy = data.aws_iam_policy_document.key_policy.json # no Principal "*" without a restricting condition
    }
references:
  - title: "AWS Security Hub control KMS.5: KMS keys should not be publicly accessible"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-5
  - title: "AWS KMS Developer Guide: Key policies in AWS KMS"
    url: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [3.6.1]
  iso27001-2022: [A.8.24]
--- */
WITH k AS (
  SELECT uid, name,
         json_type(config, '$.PolicyJudgement') AS judged,
         json_extract(config, '$.PolicyJudgement.ParseError') AS parse_error,
         json_extract(config, '$.PolicyJudgement.Public') AS is_public,
         (SELECT group_concat(json_extract(s.value, '$.sid') || ' (' || json_extract(s.value, '$.reason') || ')', '; ')
            FROM json_each(config, '$.PolicyJudgement.PublicStatements') s) AS public_statements,
         (SELECT group_concat(json_extract(s.value, '$.sid') || ' (' || json_extract(s.value, '$.reason') || ')', '; ')
            FROM json_each(config, '$.PolicyJudgement.RestrictedStatements') s) AS restricted_statements,
         json_extract(config, '$.PolicyJudgement') AS judgement,
         json_extract(config, '$.Policy') AS policy
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::KMS::Key'
)
SELECT uid AS resource_uid,
  CASE
    WHEN judged IS NULL THEN 'error'
    WHEN parse_error IS NOT NULL OR is_public IS NULL THEN 'error'
    WHEN is_public = 1 THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN judged IS NULL THEN 'Key policy of KMS key ' || name || ' was not collected (GetKeyPolicy failed)'
    WHEN parse_error IS NOT NULL THEN 'KMS key ' || name || ' has no readable key policy: ' || parse_error
    WHEN is_public IS NULL THEN 'Policy judgement of KMS key ' || name || ' is in an unexpected form'
    WHEN is_public = 1 THEN 'Key policy of KMS key ' || name || ' allows anyone: ' || public_statements
    WHEN restricted_statements IS NOT NULL
      THEN 'Key policy of KMS key ' || name || ' allows no one outside its conditions: ' || restricted_statements
    ELSE 'Key policy of KMS key ' || name || ' names its principals; no statement allows everyone'
  END AS reason,
  json_object('PolicyJudgement', json(judgement), 'Policy', policy) AS evidence
FROM k;
