/* ---
id: iam_role_administratoraccess_policy
title: IAM roles do not hold administrator privileges
severity: high
provider: aws
service: iam
resource_type: AWS::IAM::Role
rationale: >-
  Whoever can assume a role with AdministratorAccess (or any policy allowing Action "*" on Resource "*") can
  do anything in the account, including erasing its logs. Administrator roles should be few, named, behind
  MFA and reviewed; workload roles should never be one. A role fails when it has the AWS-managed
  AdministratorAccess policy attached, an attached customer-managed policy allowing "*" on "*", or an inline
  policy allowing "*" on "*". Other AWS-managed policies are not read (AWS maintains them). When a role's
  policies or one of their documents were not collected, the role is an error.
remediation:
  console: >-
    IAM console > Roles > the role > Permissions: detach AdministratorAccess (or the "*" policy) and attach
    policies scoped to the role's job; keep a single break-glass admin role whose trust policy requires MFA.
  cli: |-
    aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
    aws iam attach-role-policy --role-name <role> --policy-arn <least-privilege-policy-arn>
  terraform: |-
    resource "aws_iam_role_policy_attachment" "app" {
      role       = aws_iam_role.app.name
      policy_arn = aws_iam_policy.app_least_privilege.arn # not arn:aws:iam::aws:policy/AdministratorAccess
    }
references:
  - title: 'CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.16: Ensure IAM policies that allow full "*:*" administrative privileges are not attached'
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS managed policy reference: AdministratorAccess"
    url: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
  - title: "IAM User Guide: Security best practices in IAM (apply least-privilege permissions)"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
frameworks:
  soc2-2017: [CC6.3]
  pci-dss-4.0.1: [7.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH roles AS (
  SELECT uid, name, config,
         json_type(config, '$.AttachedPolicies') AS attached_type,
         json_type(config, '$.InlinePolicyNames') AS inline_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::Role'
), attached AS (
  SELECT roles.uid AS role_uid,
         json_extract(p.value, '$.PolicyArn') AS arn,
         json_extract(p.value, '$.PolicyName') AS policy_name
  FROM roles, json_each(roles.config, '$.AttachedPolicies') p
), customer AS (
  -- Customer-managed policies (ARN in an account, not "aws"): their documents were collected as
  -- AWS::IAM::ManagedPolicy resources, and aws_iam_policy_statements unnests them.
  SELECT attached.role_uid, attached.arn, attached.policy_name,
         mp.uid AS policy_uid,
         json_type(mp.config, '$.Document.Statement') AS statement_type,
         EXISTS (SELECT 1 FROM aws_iam_policy_statements s
                 WHERE s.snapshot_id = @snapshot_id AND s.policy_uid = attached.arn AND s.effect = 'Allow'
                   AND s.action IN ('*', '*:*') AND s.resource = '*') AS is_admin
  FROM attached
  LEFT JOIN resources mp ON mp.snapshot_id = @snapshot_id AND mp.type = 'AWS::IAM::ManagedPolicy' AND mp.uid = attached.arn
  WHERE attached.arn NOT LIKE 'arn:aws%:iam::aws:policy/%'
), inline AS (
  SELECT ip.uid, json_extract(ip.config, '$.PrincipalArn') AS role_uid,
         json_extract(ip.config, '$.PolicyName') AS policy_name,
         json_type(ip.config, '$.Document.Statement') AS statement_type,
         s.value AS statement
  FROM resources ip
  LEFT JOIN json_each(CASE json_type(ip.config, '$.Document.Statement')
                        WHEN 'array' THEN json_extract(ip.config, '$.Document.Statement')
                        WHEN 'object' THEN json_array(json(json_extract(ip.config, '$.Document.Statement')))
                        ELSE '[]' END) s
  WHERE ip.snapshot_id = @snapshot_id AND ip.type = 'AWS::IAM::InlinePolicy'
    AND json_extract(ip.config, '$.PrincipalType') = 'Role'
), inline_admin AS (
  SELECT DISTINCT inline.role_uid, inline.policy_name
  FROM inline,
       json_each(CASE json_type(inline.statement, '$.Action') WHEN 'array' THEN json_extract(inline.statement, '$.Action')
                   WHEN 'text' THEN json_array(json_extract(inline.statement, '$.Action')) ELSE '[]' END) a,
       json_each(CASE json_type(inline.statement, '$.Resource') WHEN 'array' THEN json_extract(inline.statement, '$.Resource')
                   WHEN 'text' THEN json_array(json_extract(inline.statement, '$.Resource')) ELSE '[]' END) r
  WHERE json_extract(inline.statement, '$.Effect') = 'Allow' AND a.value IN ('*', '*:*') AND r.value = '*'
), judged AS (
  SELECT roles.uid, roles.name, roles.config, roles.attached_type, roles.inline_type,
    (SELECT group_concat(label, '; ') FROM (
       SELECT 'AWS-managed ' || policy_name || ' attached' AS label FROM attached
        WHERE attached.role_uid = roles.uid AND attached.arn LIKE 'arn:aws%:iam::aws:policy/AdministratorAccess'
       UNION ALL
       SELECT 'customer-managed ' || policy_name || ' allows "*" on "*"' FROM customer
        WHERE customer.role_uid = roles.uid AND customer.is_admin
       UNION ALL
       SELECT 'inline ' || policy_name || ' allows "*" on "*"' FROM inline_admin
        WHERE inline_admin.role_uid = roles.uid)) AS admin_text,
    (SELECT group_concat(label, '; ') FROM (
       SELECT 'the document of customer-managed ' || policy_name || ' was not collected' AS label FROM customer
        WHERE customer.role_uid = roles.uid AND (customer.policy_uid IS NULL OR customer.statement_type NOT IN ('object', 'array')
                                                  OR customer.statement_type IS NULL)
       UNION
       SELECT 'the document of inline ' || policy_name || ' was not collected' FROM inline
        WHERE inline.role_uid = roles.uid AND (inline.statement_type IS NULL OR inline.statement_type NOT IN ('object', 'array')))) AS unknown_text
  FROM roles
)
SELECT uid AS resource_uid,
  CASE
    WHEN admin_text IS NOT NULL THEN 'fail'
    WHEN attached_type IS NOT 'array' OR inline_type IS NOT 'array' OR unknown_text IS NOT NULL THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN admin_text IS NOT NULL THEN 'IAM role ' || name || ' holds administrator privileges: ' || admin_text
    WHEN attached_type IS NOT 'array' THEN 'The managed policies attached to IAM role ' || name || ' were not collected (ListAttachedRolePolicies failed)'
    WHEN inline_type IS NOT 'array' THEN 'The inline policies of IAM role ' || name || ' were not collected (ListRolePolicies failed)'
    WHEN unknown_text IS NOT NULL THEN 'Whether IAM role ' || name || ' is an administrator is unknown: ' || unknown_text
    ELSE 'IAM role ' || name || ' has no AdministratorAccess and no attached or inline policy allowing "*" on "*"'
  END AS reason,
  json_object('AttachedPolicies', json_extract(config, '$.AttachedPolicies'),
              'InlinePolicyNames', json_extract(config, '$.InlinePolicyNames'),
              'AdminGrants', admin_text) AS evidence
FROM judged;
