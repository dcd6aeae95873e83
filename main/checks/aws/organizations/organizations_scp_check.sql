/* ---
id: organizations_scp_check
title: Organization account is covered by a service control policy beyond the default FullAWSAccess
severity: high
provider: aws
service: organizations
resource_type: AWS::Organizations::Account
rationale: >-
  Service control policies (SCPs) are the organisation's guardrails: they cap what any principal in a member
  account can do, administrators included (leave the organisation, disable CloudTrail, use unapproved regions).
  SCPs must be enabled on the root, and an account needs at least one SCP other than the AWS managed
  FullAWSAccess, attached to the account, an OU above it or the root, because FullAWSAccess alone allows
  everything and restricts nothing. Judged from the management account, the only one that can read them.
remediation:
  console: >-
    AWS Organizations console (management account) > Policies > Service control policies: enable them if
    needed, create a policy with the guardrails you require (e.g. deny organizations:LeaveOrganization, deny
    cloudtrail:StopLogging, deny unapproved regions) and attach it to the root or to the OU holding the account.
  cli: |-
    aws organizations enable-policy-type --root-id <root-id> --policy-type SERVICE_CONTROL_POLICY
    aws organizations create-policy --type SERVICE_CONTROL_POLICY --name baseline-guardrails --description "Baseline guardrails" --content file://guardrails.json
    aws organizations attach-policy --policy-id <policy-id> --target-id <root-ou-or-account-id>
  terraform: |-
    resource "aws_organizations_policy" "guardrails" {
      name    = "baseline-guardrails"
      type    = "SERVICE_CONTROL_POLICY"
      content = data.aws_iam_policy_document.guardrails.json
    }
    resource "aws_organizations_policy_attachment" "workloads" {
      policy_id = aws_organizations_policy.guardrails.id
      target_id = aws_organizations_organizational_unit.workloads.id
    }
references:
  - title: "AWS Organizations User Guide: Service control policies (SCPs)"
    url: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  - title: "AWS Organizations User Guide: SCP evaluation (FullAWSAccess and inheritance)"
    url: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
  - title: "AWS Security Reference Architecture: organisation-wide guardrails"
    url: https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/organizations.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.15, A.8.2]
--- */
WITH accounts AS (
  SELECT uid, name, config,
    json_type(config, '$.ScpPolicyTypeStatus') AS status_type,
    json_extract(config, '$.ScpPolicyTypeStatus') AS scp_status,
    json_type(config, '$.ServiceControlPolicies') AS scps_type,
    (SELECT group_concat(name, ', ') FROM (
       SELECT DISTINCT json_extract(p.value, '$.PolicyName') AS name FROM json_each(config, '$.ServiceControlPolicies') p
       WHERE json_extract(p.value, '$.AwsManaged') IS NOT 1 ORDER BY 1)) AS custom_scps,
    (SELECT group_concat(name, ', ') FROM (
       SELECT DISTINCT json_extract(p.value, '$.PolicyName') AS name FROM json_each(config, '$.ServiceControlPolicies') p
       ORDER BY 1)) AS all_scps
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Organizations::Account'
)
SELECT uid AS resource_uid,
  CASE
    WHEN status_type IS NULL THEN 'error'
    WHEN scp_status IS NOT 'ENABLED' THEN 'fail'
    WHEN scps_type IS NOT 'array' THEN 'error'
    WHEN custom_scps IS NOT NULL THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN status_type IS NULL THEN 'Whether service control policies are enabled on the root was not collected, so the guardrails of account ' || name || ' are unknown'
    WHEN scp_status IS NOT 'ENABLED' THEN 'Service control policies are not enabled on the organisation root (' || coalesce(scp_status, 'not enabled') || '), so nothing restricts account ' || name
    WHEN scps_type IS NOT 'array' THEN 'The service control policies reaching account ' || name || ' were not collected (listing policies, their targets or the OU path failed)'
    WHEN custom_scps IS NOT NULL THEN 'Account ' || name || ' is covered by service control policies ' || custom_scps
    WHEN all_scps IS NULL THEN 'No service control policy is attached to account ' || name || ', an OU above it or the root'
    ELSE 'Account ' || name || ' is covered only by the AWS managed ' || all_scps || ', which restricts nothing'
  END AS reason,
  json_object('ScpPolicyTypeStatus', scp_status,
              'ServiceControlPolicies', json_extract(config, '$.ServiceControlPolicies'),
              'ParentPath', json_extract(config, '$.ParentPath'),
              'Status', json_extract(config, '$.Status')) AS evidence
FROM accounts;
