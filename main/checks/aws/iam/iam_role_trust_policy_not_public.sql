/* ---
id: iam_role_trust_policy_not_public
title: IAM role trust policies do not let anyone assume the role
severity: critical
provider: aws
service: iam
resource_type: AWS::IAM::Role
rationale: >-
  A trust policy that allows Principal "*" (or uses NotPrincipal) without a condition tying the caller to a
  known account, organisation, source or external id lets any AWS principal in the world call sts:AssumeRole
  and act with the role's permissions. The judgement is Evidence Desk's own reading of the trust policy
  (policy-judgement: restricting conditions such as aws:PrincipalOrgID, aws:PrincipalAccount or
  sts:ExternalId with concrete values); the document is kept in the evidence so it can be re-read.
  Service-linked roles are not applicable: AWS owns their trust policies.
remediation:
  console: >-
    IAM console > Roles > the role > Trust relationships > Edit trust policy: replace Principal "*" with the
    specific account or role ARNs, or add a condition such as "StringEquals": {"aws:PrincipalOrgID":
    "o-..."}.
  cli: |-
    aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json
  terraform: |-
    data "aws_iam_policy_document" "trust" {
      statement {
        actions = ["sts:AssumeRole"]
        principals {
          type        = "AWS"
          identifiers = ["arn:aws:iam::111122223333:root"]
        }
      }
    }
    resource "aws_iam_role" "this" {
      name               = "app"
      assume_role_policy = data.aws_iam_policy_document.trust.json
    }
references:
  - title: "IAM User Guide: How IAM roles differ from resource-based policies (role trust policies)"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_compare-resource-policies.html
  - title: "IAM User Guide: AWS JSON policy elements: Principal (specifying a wildcard)"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
frameworks:
  soc2-2017: [CC6.1, CC6.6]
  iso27001-2022: [A.5.15]
--- */
WITH roles AS (
  SELECT uid, name, config,
         json_extract(config, '$.ServiceLinked') AS service_linked,
         json_type(config, '$.TrustJudgement') AS judgement_type,
         json_extract(config, '$.TrustJudgement.Public') AS public,
         json_extract(config, '$.TrustJudgement.ParseError') AS parse_error,
         (SELECT group_concat(json_extract(s.value, '$.sid') || ': ' || json_extract(s.value, '$.reason'), '; ')
            FROM json_each(config, '$.TrustJudgement.PublicStatements') s) AS public_text,
         (SELECT group_concat(json_extract(s.value, '$.sid') || ': ' || json_extract(s.value, '$.reason'), '; ')
            FROM json_each(config, '$.TrustJudgement.RestrictedStatements') s) AS restricted_text
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::Role'
)
SELECT uid AS resource_uid,
  CASE
    WHEN service_linked = 1 THEN 'n/a'
    WHEN judgement_type IS NOT 'object' OR parse_error IS NOT NULL OR public IS NULL THEN 'error'
    WHEN public = 1 THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN service_linked = 1 THEN 'IAM role ' || name || ' is a service-linked role: AWS owns its trust policy'
    WHEN judgement_type IS NOT 'object' THEN 'The trust policy of IAM role ' || name || ' was not collected or could not be decoded'
    WHEN parse_error IS NOT NULL THEN 'The trust policy of IAM role ' || name || ' has no readable statements: ' || parse_error
    WHEN public IS NULL THEN 'Whether the trust policy of IAM role ' || name || ' is public was not reported'
    WHEN public = 1 THEN 'IAM role ' || name || ' can be assumed by anyone: ' || public_text
    WHEN restricted_text IS NOT NULL THEN 'IAM role ' || name || ' trusts a wildcard principal only under a restricting condition (' || restricted_text || ')'
    ELSE 'IAM role ' || name || ' trusts only named principals'
  END AS reason,
  json_object('AssumeRolePolicyDocument', json_extract(config, '$.AssumeRolePolicyDocument'),
              'TrustJudgement', json_extract(config, '$.TrustJudgement')) AS evidence
FROM roles;
