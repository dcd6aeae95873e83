/* ---
id: resources_in_approved_regions
title: Resources are only in approved regions
severity: high
provider: aws
service: account
resource_type: any regional resource
rationale: >-
  Data residency and scope commitments (GDPR transfers, customer contracts, the PCI DSS cardholder-data
  environment) name where data may be stored and processed. A resource in a region the organisation has not
  approved is data or compute outside those commitments. Every regional resource of the snapshot is judged
  against the approved regions in force when the snapshot ran (sealed with it); account-wide resources (IAM,
  the account itself) and per-region account settings are not workloads and are left out.
remediation:
  console: >-
    Move or delete the resource (recreate it in an approved region, migrate its data), or, if the region is in
    fact approved, add it in Evidence Desk under Settings > Approved regions and take a new snapshot. Prevent
    recurrence with a service control policy that denies requests outside the approved regions.
  cli: |-
    evidence-desk regions --set us-east-1,eu-west-1
    aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-unapproved-regions --content file://deny-regions.json
  terraform: |-
    # Deny every request outside the approved regions (attach to the root or the workload OUs).
    data "aws_iam_policy_document" "deny_unapproved_regions" {
      statement {
        effect      = "Deny"
        not_actions = ["iam:*", "organizations:*", "sts:*", "support:*"]
        resources   = ["*"]
        condition {
          test     = "StringNotEquals"
          variable = "aws:RequestedRegion"
          values   = ["us-east-1", "eu-west-1"]
        }
      }
    }
references:
  - title: "AWS Organizations: Example SCP denying access to AWS based on the requested Region"
    url: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
  - title: "AWS Control Tower: Region deny control"
    url: https://docs.aws.amazon.com/controltower/latest/userguide/region-deny.html
frameworks:
  iso27001-2022: [A.5.34]
--- */
WITH approved AS (
  SELECT json_extract(config, '$.ApprovedRegions') AS regions, json_type(config, '$.ApprovedRegions') AS t,
         json_extract(config, '$.Source') AS source
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'EvidenceDesk::Scope::ApprovedRegions'
), population AS (
  -- Regional resources only. Per-region ACCOUNT SETTINGS (one per collected region, e.g. EBS encryption by
  -- default, a region's Config recorder or GuardDuty status) are not workloads and are left out by type.
  SELECT uid, type, name, region
  FROM resources
  WHERE snapshot_id = @snapshot_id AND provider = 'aws' AND region <> 'global'
    AND type NOT LIKE 'EvidenceDesk::%'
    AND type NOT IN (
      'AWS::AccessAnalyzer::RegionAnalyzers',
      'AWS::Backup::RegionPlans',
      'AWS::Config::RegionRecording',
      'AWS::EC2::EbsEncryptionByDefault',
      'AWS::GuardDuty::RegionDetectors',
      'AWS::SecurityHub::Hub'
    )
)
SELECT p.uid AS resource_uid,
  CASE
    WHEN approved.t IS NOT 'array' THEN 'error'
    WHEN p.region IN (SELECT value FROM json_each(approved.regions)) THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN approved.t IS NOT 'array' THEN
      'Approved regions are unknown: none were set when the snapshot ran (Settings > Approved regions), so ' || p.name || ' in ' || p.region || ' cannot be judged'
    WHEN p.region IN (SELECT value FROM json_each(approved.regions)) THEN p.type || ' ' || p.name || ' is in approved region ' || p.region
    ELSE p.type || ' ' || p.name || ' is in ' || p.region || ', which is not an approved region'
  END AS reason,
  json_object('Region', p.region, 'ApprovedRegions', json(approved.regions), 'ApprovedRegionsSource', approved.source) AS evidence
FROM population AS p
LEFT JOIN approved;
