/* ---
id: iam_policy_attached_only_to_group_or_roles
title: IAM users receive permissions only through groups or roles
severity: low
provider: aws
service: iam
resource_type: AWS::IAM::User
rationale: >-
  Permissions attached directly to a user (managed policies or inline policies) are granted one person at a
  time, escape the group- or role-based review, and linger when the person changes job. Granting through
  groups (or roles) keeps access tied to a job function that can be reviewed and revoked as a whole. Users
  with no policy of their own pass; a user whose attached or inline policies were not listed is an error.
remediation:
  console: >-
    IAM console > User groups: create a group per job function with the needed policies, add the user;
    then IAM console > Users > the user > Permissions: remove each directly attached policy and delete each
    inline policy.
  cli: |-
    aws iam add-user-to-group --group-name <group> --user-name <user>
    aws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>
    aws iam delete-user-policy --user-name <user> --policy-name <inline-policy-name>
  terraform: |-
    resource "aws_iam_group_policy_attachment" "ops" {
      group      = aws_iam_group.ops.name
      policy_arn = aws_iam_policy.ops.arn
    }
    resource "aws_iam_user_group_membership" "alice" {
      user   = aws_iam_user.alice.name
      groups = [aws_iam_group.ops.name]
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.15: Ensure IAM Users Receive Permissions Only Through Groups"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.2: IAM users should not have IAM policies attached"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2
  - title: "IAM User Guide: Managed policies and inline policies"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
frameworks:
  soc2-2017: [CC6.3]
  pci-dss-4.0.1: [7.2.2]
  iso27001-2022: [A.5.15]
--- */
WITH u AS (
  SELECT uid, name,
         json_type(config, '$.AttachedPolicies') AS attached_type,
         json_type(config, '$.InlinePolicyNames') AS inline_type,
         CASE json_type(config, '$.AttachedPolicies') WHEN 'array' THEN json_array_length(config, '$.AttachedPolicies') END AS attached,
         CASE json_type(config, '$.InlinePolicyNames') WHEN 'array' THEN json_array_length(config, '$.InlinePolicyNames') END AS inline,
         (SELECT group_concat(json_extract(p.value, '$.PolicyName'), ', ') FROM json_each(config, '$.AttachedPolicies') p) AS attached_names,
         (SELECT group_concat(p.value, ', ') FROM json_each(config, '$.InlinePolicyNames') p) AS inline_names,
         config
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
)
SELECT uid AS resource_uid,
  CASE
    WHEN attached > 0 OR inline > 0 THEN 'fail'
    WHEN attached IS NULL OR inline IS NULL THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN attached > 0 OR inline > 0 THEN
      'IAM user ' || name || ' has permissions of its own: ' ||
      rtrim(CASE WHEN attached > 0 THEN attached || ' attached managed policy(ies) (' || attached_names || '); ' ELSE '' END ||
            CASE WHEN inline > 0 THEN inline || ' inline policy(ies) (' || inline_names || '); ' ELSE '' END, '; ')
    WHEN attached IS NULL THEN 'The managed policies attached to IAM user ' || name || ' were not collected (ListAttachedUserPolicies failed)'
    WHEN inline IS NULL THEN 'The inline policies of IAM user ' || name || ' were not collected (ListUserPolicies failed)'
    ELSE 'IAM user ' || name || ' has no attached or inline policies of its own'
  END AS reason,
  json_object('AttachedPolicies', json_extract(config, '$.AttachedPolicies'),
              'InlinePolicyNames', json_extract(config, '$.InlinePolicyNames')) AS evidence
FROM u;
