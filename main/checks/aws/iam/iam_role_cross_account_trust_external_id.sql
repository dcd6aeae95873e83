/* ---
id: iam_role_cross_account_trust_external_id
title: IAM roles trusted by other AWS accounts require an external ID
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::Role
rationale: >-
  A role that another AWS account may assume (a vendor, a partner, another business unit) should require
  sts:ExternalId in its trust policy. Without it, anyone who can act in that account (including the vendor's
  other customers, through the vendor's own service) can assume the role: the "confused deputy" problem. The
  judgement is Evidence Desk's own reading of the trust policy (policy-judgement:
  CrossAccountsWithoutExternalId); grants to the role's own account and to AWS service principals are not
  cross-account. Accounts of the same AWS Organization are reported too: the finding names them so the
  analyst can accept them as an exception. Service-linked roles are not applicable.
remediation:
  console: >-
    IAM console > Roles > the role > Trust relationships > Edit trust policy: add "Condition": {"StringEquals":
    {"sts:ExternalId": "<value agreed with the other party>"}} to the statement naming the other account.
  cli: |-
    aws iam update-assume-role-policy --role-name <role> --policy-document file://trust-with-external-id.json
  terraform: |-
    data "aws_iam_policy_document" "vendor_trust" {
      statement {
        actions = ["sts:AssumeRole"]
        principals {
          type        = "AWS"
          identifiers = ["arn:aws:iam::999988887777:root"]
        }
        condition {
          test     = "StringEquals"
          variable = "sts:ExternalId"
          values   = [var.vendor_external_id]
        }
      }
    }
references:
  - title: "IAM User Guide: Access to AWS accounts owned by third parties (external ID)"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
  - title: "IAM User Guide: The confused deputy problem"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.15]
--- */
WITH roles AS (
  SELECT uid, name, config,
         json_extract(config, '$.ServiceLinked') AS service_linked,
         json_type(config, '$.TrustJudgement') AS judgement_type,
         json_extract(config, '$.TrustJudgement.ParseError') AS parse_error,
         json_type(config, '$.TrustJudgement.CrossAccountsWithoutExternalId') AS without_type,
         (SELECT group_concat(a.value, ', ') FROM json_each(config, '$.TrustJudgement.CrossAccountsWithoutExternalId') a) AS without_ids,
         (SELECT group_concat(a.value, ', ') FROM json_each(config, '$.TrustJudgement.CrossAccounts') a) AS cross_ids
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::Role'
)
SELECT uid AS resource_uid,
  CASE
    WHEN service_linked = 1 THEN 'n/a'
    WHEN judgement_type IS NOT 'object' OR parse_error IS NOT NULL OR without_type IS NOT 'array' THEN 'error'
    WHEN without_ids IS NOT NULL THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN service_linked = 1 THEN 'IAM role ' || name || ' is a service-linked role: AWS owns its trust policy'
    WHEN judgement_type IS NOT 'object' THEN 'The trust policy of IAM role ' || name || ' was not collected or could not be decoded'
    WHEN parse_error IS NOT NULL THEN 'The trust policy of IAM role ' || name || ' has no readable statements: ' || parse_error
    WHEN without_type IS NOT 'array' THEN 'The cross-account grants of IAM role ' || name || ' were not reported'
    WHEN without_ids IS NOT NULL THEN 'IAM role ' || name || ' can be assumed from account(s) ' || without_ids || ' without an sts:ExternalId condition'
    WHEN cross_ids IS NOT NULL THEN 'IAM role ' || name || ' trusts account(s) ' || cross_ids || ' only with an sts:ExternalId condition'
    ELSE 'IAM role ' || name || ' is not trusted by any other AWS account'
  END AS reason,
  json_object('AssumeRolePolicyDocument', json_extract(config, '$.AssumeRolePolicyDocument'),
              'CrossAccounts', json_extract(config, '$.TrustJudgement.CrossAccounts'),
              'CrossAccountsWithoutExternalId', json_extract(config, '$.TrustJudgement.CrossAccountsWithoutExternalId')) AS evidence
FROM roles;
