/* ---
id: guardduty_is_enabled
title: GuardDuty is enabled in the region
severity: high
provider: aws
service: guardduty
resource_type: AWS::GuardDuty::RegionDetectors
rationale: >-
  GuardDuty watches CloudTrail, VPC flow and DNS activity for compromised credentials, crypto-mining and
  reconnaissance. A region without an enabled detector is a region where such activity goes unnoticed, which
  is where attackers prefer to work.
remediation:
  console: >-
    GuardDuty console (in the region) > Get started > Enable GuardDuty; for a suspended detector, Settings >
    Resume GuardDuty. With AWS Organizations, enable it org-wide from the delegated administrator.
  cli: |-
    aws guardduty create-detector --enable --region <region>
    aws guardduty update-detector --detector-id <detector-id> --enable --region <region>
  terraform: |-
    resource "aws_guardduty_detector" "this" {
      enable = true
    }
references:
  - title: "AWS Security Hub control GuardDuty.1: GuardDuty should be enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1
  - title: "Amazon GuardDuty User Guide: Getting started with GuardDuty"
    url: https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html
frameworks:
  soc2-2017: [CC6.8, CC7.2]
  pci-dss-4.0.1: [10.4.1.1, 11.5.1]
  iso27001-2022: [A.8.7, A.8.16]
--- */
WITH g AS (
  SELECT uid, region, config,
         json_type(config, '$.Detectors') AS det_type,
         coalesce(json_array_length(config, '$.Detectors'), 0) AS n,
         (SELECT group_concat(json_extract(d.value, '$.DetectorId'), ', ') FROM json_each(config, '$.Detectors') d
           WHERE json_extract(d.value, '$.Status') = 'ENABLED') AS enabled_ids,
         (SELECT group_concat(json_extract(d.value, '$.DetectorId'), ', ') FROM json_each(config, '$.Detectors') d
           WHERE json_type(d.value, '$.Status') IS NULL) AS unknown_ids,
         (SELECT group_concat(json_extract(d.value, '$.DetectorId') || ' (' || json_extract(d.value, '$.Status') || ')', ', ')
            FROM json_each(config, '$.Detectors') d WHERE json_extract(d.value, '$.Status') <> 'ENABLED') AS off_ids
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::GuardDuty::RegionDetectors'
)
SELECT uid AS resource_uid,
  CASE
    WHEN enabled_ids IS NOT NULL THEN 'pass'
    WHEN det_type IS NOT 'array' OR unknown_ids IS NOT NULL THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN enabled_ids IS NOT NULL THEN 'GuardDuty detector ' || enabled_ids || ' is enabled in ' || region
    WHEN det_type IS NOT 'array' THEN 'GuardDuty detectors in ' || region || ' were not collected (ListDetectors failed)'
    WHEN unknown_ids IS NOT NULL THEN 'Status of GuardDuty detector ' || unknown_ids || ' in ' || region || ' was not collected (GetDetector failed)'
    WHEN n = 0 THEN 'GuardDuty has no detector in ' || region
    ELSE 'GuardDuty is not enabled in ' || region || ': detector ' || off_ids
  END AS reason,
  json_object('Region', region, 'Detectors', json_extract(config, '$.Detectors')) AS evidence
FROM g;
