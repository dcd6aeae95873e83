/* ---
id: iam_support_role_created
title: A role, group or user holds the AWSSupportAccess policy to manage AWS Support cases
severity: low
provider: aws
service: iam
resource_type: AWS::IAM::AWSManagedPolicyUse
rationale: >-
  During an incident the team needs to open and follow AWS Support cases without reaching for the root user
  or an administrator. CIS asks for a dedicated support role holding the AWS-managed AWSSupportAccess
  policy; holding it through a group or a user also gives that ability, and the finding says which kind of
  identity holds it. Who holds the policy comes from IAM ListEntitiesForPolicy.
remediation:
  console: >-
    IAM console > Roles > Create role > AWS account (this account, require MFA) > attach AWSSupportAccess >
    name it e.g. aws-support; let the incident responders assume it.
  cli: |-
    aws iam create-role --role-name aws-support --assume-role-policy-document file://trust-own-account-mfa.json
    aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess
  terraform: |-
    resource "aws_iam_role_policy_attachment" "support" {
      role       = aws_iam_role.aws_support.name
      policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.17: Ensure a support role has been created to manage incidents with AWS Support"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.18: Ensure a support role has been created to manage incidents with AWS Support"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-18
  - title: "AWS Support User Guide: Manage access to AWS Support Center"
    url: https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html
frameworks:
  iso27001-2022: [A.5.24]
--- */
WITH p AS (
  SELECT uid, name, config,
         json_type(config, '$.PolicyRoles') AS roles_type,
         json_type(config, '$.PolicyGroups') AS groups_type,
         json_type(config, '$.PolicyUsers') AS users_type,
         (SELECT group_concat(json_extract(e.value, '$.RoleName'), ', ') FROM json_each(config, '$.PolicyRoles') e) AS roles,
         (SELECT group_concat(json_extract(e.value, '$.GroupName'), ', ') FROM json_each(config, '$.PolicyGroups') e) AS groups_,
         (SELECT group_concat(json_extract(e.value, '$.UserName'), ', ') FROM json_each(config, '$.PolicyUsers') e) AS users
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::AWSManagedPolicyUse'
    AND json_extract(config, '$.PolicyArn') = 'arn:aws:iam::aws:policy/AWSSupportAccess'
)
SELECT uid AS resource_uid,
  CASE
    WHEN roles IS NOT NULL OR groups_ IS NOT NULL OR users IS NOT NULL THEN 'pass'
    WHEN roles_type IS NOT 'array' OR groups_type IS NOT 'array' OR users_type IS NOT 'array' THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN roles IS NOT NULL OR groups_ IS NOT NULL OR users IS NOT NULL THEN
      'AWSSupportAccess is held by ' ||
      rtrim(CASE WHEN roles IS NOT NULL THEN 'role(s) ' || roles || '; ' ELSE '' END ||
            CASE WHEN groups_ IS NOT NULL THEN 'group(s) ' || groups_ || '; ' ELSE '' END ||
            CASE WHEN users IS NOT NULL THEN 'user(s) ' || users || '; ' ELSE '' END, '; ')
    WHEN roles_type IS NOT 'array' OR groups_type IS NOT 'array' OR users_type IS NOT 'array' THEN
      'Who holds AWSSupportAccess was not collected (ListEntitiesForPolicy failed)'
    ELSE 'No role, group or user holds AWSSupportAccess'
  END AS reason,
  json_object('PolicyRoles', json_extract(config, '$.PolicyRoles'), 'PolicyGroups', json_extract(config, '$.PolicyGroups'),
              'PolicyUsers', json_extract(config, '$.PolicyUsers')) AS evidence
FROM p;
