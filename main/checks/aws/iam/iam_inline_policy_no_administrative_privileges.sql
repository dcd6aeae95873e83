/* ---
id: iam_inline_policy_no_administrative_privileges
title: Inline IAM policies do not grant full administrative privileges
severity: high
provider: aws
service: iam
resource_type: AWS::IAM::InlinePolicy
rationale: >-
  An inline policy is embedded in one user or role, so it is missing from the list of managed policies
  reviewers usually read. A statement allowing Action "*" on Resource "*" there gives that principal every
  permission in the account. Each inline policy of every user and role is judged; a principal whose inline
  policies could not be listed is an error (its policies are unknown), as is a policy whose document was not
  collected.
remediation:
  console: >-
    IAM console > Users or Roles > the principal > Permissions > the inline policy > Edit: replace "Action":
    "*" with the actions the job needs (IAM Access Analyzer "Generate policy" from CloudTrail activity helps),
    or delete the inline policy and grant a reviewed managed policy instead.
  cli: |-
    aws iam put-role-policy --role-name <role> --policy-name <policy> --policy-document file://least-privilege.json
    aws iam delete-user-policy --user-name <user> --policy-name <policy>
  terraform: |-
    resource "aws_iam_role_policy" "app" {
      name   = "app-least-privilege"
      role   = aws_iam_role.app.id
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app-bucket/*" }]
      })
    }
references:
  - title: 'CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.16: Ensure IAM policies that allow full "*:*" administrative privileges are not attached'
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "IAM User Guide: Managed policies and inline policies"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
frameworks:
  soc2-2017: [CC6.3]
  pci-dss-4.0.1: [7.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH pol AS (
  SELECT uid, name, config,
         json_extract(config, '$.PrincipalType') AS principal_type,
         json_extract(config, '$.PrincipalName') AS principal_name,
         json_extract(config, '$.PolicyName') AS policy_name,
         json_type(config, '$.Document') AS doc_type,
         coalesce(json_type(config, '$.Document.Statement'), 'missing') AS statement_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::InlinePolicy'
), stmts AS (
  -- Statement, Action and Resource may each be one value or a list: both forms are unnested.
  SELECT pol.uid, s.key AS statement_index, s.value AS statement
  FROM pol, json_each(CASE pol.statement_type
                        WHEN 'array' THEN json_extract(pol.config, '$.Document.Statement')
                        WHEN 'object' THEN json_array(json(json_extract(pol.config, '$.Document.Statement')))
                        ELSE '[]' END) s
), admin AS (
  SELECT stmts.uid,
         group_concat(DISTINCT 'statement ' || (stmts.statement_index + 1) ||
                      coalesce(' (Sid ' || json_extract(stmts.statement, '$.Sid') || ')', '')) AS which,
         json_group_array(DISTINCT json(stmts.statement)) AS statements_json
  FROM stmts,
       json_each(CASE json_type(stmts.statement, '$.Action') WHEN 'array' THEN json_extract(stmts.statement, '$.Action')
                   WHEN 'text' THEN json_array(json_extract(stmts.statement, '$.Action')) ELSE '[]' END) a,
       json_each(CASE json_type(stmts.statement, '$.Resource') WHEN 'array' THEN json_extract(stmts.statement, '$.Resource')
                   WHEN 'text' THEN json_array(json_extract(stmts.statement, '$.Resource')) ELSE '[]' END) r
  WHERE json_extract(stmts.statement, '$.Effect') = 'Allow' AND a.value IN ('*', '*:*') AND r.value = '*'
  GROUP BY stmts.uid
)
SELECT pol.uid AS resource_uid,
  CASE
    WHEN admin.uid IS NOT NULL THEN 'fail'
    WHEN pol.doc_type IS NOT 'object' OR pol.statement_type NOT IN ('object', 'array') THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN admin.uid IS NOT NULL THEN
      'Inline policy ' || pol.policy_name || ' of IAM ' || lower(pol.principal_type) || ' ' || pol.principal_name ||
      ' allows Action "*" on Resource "*" in ' || admin.which
    WHEN pol.doc_type IS NULL THEN
      'The document of inline policy ' || pol.policy_name || ' of IAM ' || lower(pol.principal_type) || ' ' ||
      pol.principal_name || ' was not collected (Get' || pol.principal_type || 'Policy failed)'
    WHEN pol.doc_type IS NOT 'object' OR pol.statement_type NOT IN ('object', 'array') THEN
      'The document of inline policy ' || pol.policy_name || ' of IAM ' || lower(pol.principal_type) || ' ' ||
      pol.principal_name || ' has no readable Statement, so what it allows is unknown'
    ELSE 'Inline policy ' || pol.policy_name || ' of IAM ' || lower(pol.principal_type) || ' ' || pol.principal_name ||
         ' has no statement allowing Action "*" on Resource "*"'
  END AS reason,
  json_object('Principal', json_extract(pol.config, '$.PrincipalArn'),
              'AdminStatements', json(coalesce(admin.statements_json, '[]'))) AS evidence
FROM pol LEFT JOIN admin ON admin.uid = pol.uid
UNION ALL
-- Users and roles whose inline policies could not be listed: what they hold is unknown.
SELECT uid AS resource_uid, 'error' AS status,
  'The inline policies of IAM ' || CASE type WHEN 'AWS::IAM::Role' THEN 'role ' ELSE 'user ' END || name ||
  ' were not collected (List' || CASE type WHEN 'AWS::IAM::Role' THEN 'Role' ELSE 'User' END || 'Policies failed)' AS reason,
  json_object('InlinePolicyNames', NULL) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type IN ('AWS::IAM::User', 'AWS::IAM::Role')
  AND json_type(config, '$.InlinePolicyNames') IS NOT 'array';
