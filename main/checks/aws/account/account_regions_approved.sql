/* ---
id: account_regions_approved
title: Only approved regions are enabled in the account
severity: medium
provider: aws
service: account
resource_type: AWS::Account
rationale: >-
  Every enabled region can hold workloads and data. Regions the organisation has not approved (data residency,
  regulatory or cardholder-data scope) should be disabled, or at least known, so data cannot quietly be stored or
  processed outside them. The approved list is the workspace setting in force when the snapshot ran, sealed with it.
remediation:
  console: >-
    AWS console > Account > AWS Regions: disable each opt-in region that is not approved. Default regions cannot be
    disabled: deny them with a service control policy (aws:RequestedRegion) instead, or add them to the approved
    list in Evidence Desk (Settings > Approved regions) if they are in fact approved.
  cli: |-
    aws account disable-region --region-name <region>
    evidence-desk regions --set us-east-1,eu-west-1
  terraform: |-
    resource "aws_organizations_policy" "deny_unapproved_regions" {
      name    = "deny-unapproved-regions"
      content = jsonencode({
        Version = "2012-10-17"
        Statement = [{
          Effect    = "Deny"
          NotAction = ["iam:*", "organizations:*", "sts:*", "support:*"]
          Resource  = "*"
          Condition = { StringNotEquals = { "aws:RequestedRegion" = ["us-east-1", "eu-west-1"] } }
        }]
      })
    }
references:
  - title: "AWS Account Management: Specify which AWS Regions your account can use"
    url: https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
  - title: "AWS Organizations: Example SCP denying access to AWS based on the requested Region"
    url: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
frameworks:
  iso27001-2022: [A.5.34]
--- */
WITH acct AS (
  SELECT uid, json_extract(config, '$.AccountId') AS account_id,
         json_type(config, '$.EnabledRegions') AS enabled_type, json_extract(config, '$.EnabledRegions') AS enabled
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Account'
), approved AS (
  SELECT json_extract(config, '$.ApprovedRegions') AS regions, json_type(config, '$.ApprovedRegions') AS t,
         json_extract(config, '$.Source') AS source
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'EvidenceDesk::Scope::ApprovedRegions'
), unapproved AS (
  SELECT acct.uid, group_concat(e.value, ', ') AS names, count(*) AS n
  FROM acct, approved, json_each(acct.enabled) AS e
  WHERE acct.enabled_type = 'array' AND approved.t = 'array'
    AND e.value NOT IN (SELECT value FROM json_each(approved.regions))
  GROUP BY acct.uid
)
SELECT acct.uid AS resource_uid,
  CASE
    WHEN approved.t IS NOT 'array' THEN 'error'
    WHEN acct.enabled_type IS NOT 'array' THEN 'error'
    WHEN unapproved.n > 0 THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN approved.t IS NOT 'array' THEN
      'Approved regions are unknown for account ' || acct.account_id || ': none were set when the snapshot ran (Settings > Approved regions)'
    WHEN acct.enabled_type IS NOT 'array' THEN
      'The regions enabled in account ' || acct.account_id || ' were not collected (DescribeRegions failed), so unapproved regions are unconfirmed'
    WHEN unapproved.n > 0 THEN
      unapproved.n || ' enabled region(s) in account ' || acct.account_id || ' are not approved: ' || unapproved.names
    ELSE 'Every region enabled in account ' || acct.account_id || ' is approved (' || (SELECT group_concat(value, ', ') FROM json_each(approved.regions)) || ')'
  END AS reason,
  json_object('EnabledRegions', json(acct.enabled), 'ApprovedRegions', json(approved.regions),
              'ApprovedRegionsSource', approved.source, 'UnapprovedEnabledRegions', unapproved.names) AS evidence
FROM acct
LEFT JOIN approved
LEFT JOIN unapproved ON unapproved.uid = acct.uid;
