/* ---
id: iam_customer_policy_no_administrative_privileges
title: Customer-managed IAM policies do not grant full administrative privileges
severity: high
provider: aws
service: iam
resource_type: AWS::IAM::ManagedPolicy
rationale: >-
  A statement allowing Action "*" on Resource "*" grants every permission in the account, defeating least
  privilege and segregation of duties. Administrative access should come from a small number of reviewed roles
  (e.g. the AWS-managed AdministratorAccess behind MFA), not from custom policies. Unattached policies fail
  too: they are one attach call away from use.
remediation:
  console: >-
    IAM console > Policies > the policy > Permissions > Edit: replace "Action": "*" with the specific service
    actions (IAM Access Analyzer "Generate policy" from CloudTrail activity helps), save as the default
    version.
  cli: |-
    aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default
    aws iam delete-policy-version --policy-arn <policy-arn> --version-id <old-version-id>
  terraform: |-
    resource "aws_iam_policy" "app" {
      name   = "app-least-privilege"
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject"]
          Resource = "arn:aws:s3:::app-bucket/*"
        }]
      })
    }
references:
  - title: 'CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.16: Ensure IAM policies that allow full "*:*" administrative privileges are not attached'
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: 'AWS Security Hub control IAM.1: IAM policies should not allow full "*" administrative privileges'
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
  - title: "IAM User Guide: Security best practices in IAM (apply least-privilege permissions)"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
frameworks:
  soc2-2017: [CC6.3]
  pci-dss-4.0.1: [7.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH pol AS (
  SELECT uid, name, config, json_type(config, '$.Document') AS doc_type,
         coalesce(json_type(config, '$.Document.Statement'), 'missing') AS statement_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::ManagedPolicy'
), admin AS (
  SELECT policy_uid,
         count(DISTINCT statement_index) AS statements,
         group_concat(DISTINCT 'statement ' || (statement_index + 1) || coalesce(' (Sid ' || sid || ')', '')) AS which,
         json_group_array(DISTINCT json(statement)) AS statements_json
  FROM aws_iam_policy_statements
  WHERE snapshot_id = @snapshot_id AND effect = 'Allow' AND action IN ('*', '*:*') AND resource = '*'
  GROUP BY policy_uid
)
SELECT pol.uid AS resource_uid,
  CASE
    WHEN pol.doc_type IS NULL THEN 'error'
    WHEN admin.policy_uid IS NOT NULL THEN 'fail'
    WHEN pol.doc_type IS NOT 'object' OR pol.statement_type NOT IN ('object', 'array') THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN pol.doc_type IS NULL THEN 'The policy document of ' || pol.name || ' was not collected (GetPolicyVersion failed)'
    WHEN admin.policy_uid IS NOT NULL THEN
      'Policy ' || pol.name || ' allows Action "*" on Resource "*" in ' || admin.which || '; it is attached to ' ||
      coalesce(json_extract(pol.config, '$.AttachmentCount'), 'an unknown number of') || ' identities'
    WHEN pol.doc_type IS NOT 'object' OR pol.statement_type NOT IN ('object', 'array') THEN
      'The policy document of ' || pol.name || ' has no readable Statement, so what it allows is unknown'
    ELSE 'Policy ' || pol.name || ' has no statement allowing Action "*" on Resource "*"'
  END AS reason,
  json_object('DefaultVersionId', json_extract(pol.config, '$.DefaultVersionId'),
              'AttachmentCount', json_extract(pol.config, '$.AttachmentCount'),
              'AdminStatements', json(coalesce(admin.statements_json, '[]'))) AS evidence
FROM pol LEFT JOIN admin ON admin.policy_uid = pol.uid;
