/* ---
id: ec2_ebs_public_snapshot
title: EBS snapshot is not public
severity: critical
provider: aws
service: ec2
resource_type: AWS::EC2::Snapshot
rationale: >-
  A snapshot whose createVolumePermission includes the group "all" can be copied by any AWS account, which then
  has a full copy of the disk: databases, keys, configuration files. Snapshots shared with named accounts are
  not public and pass; the finding lists those accounts for review.
remediation:
  console: >-
    EC2 console > Snapshots > the snapshot > Actions > Snapshot settings > Modify permissions: choose
    "Private" (add specific accounts if they need it). Also turn on "Block public access for EBS snapshots" in
    EC2 console > Dashboard > Data protection and security for every region.
  cli: |-
    aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --group-names all
    aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region <region>
  terraform: |-
    # Terraform cannot revoke a public share it did not create; use the CLI above. To prevent new ones:
    resource "aws_ebs_snapshot_block_public_access" "this" {
      state = "block-all-sharing"
    }
references:
  - title: "AWS Security Hub control EC2.1: Amazon EBS snapshots should not be publicly restorable"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1
  - title: "Amazon EBS User Guide: Share an Amazon EBS snapshot"
    url: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.3]
--- */
WITH snaps AS (
  SELECT uid, name, config, json_type(config, '$.CreateVolumePermissions') AS perms_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Snapshot'
), grants AS (
  SELECT snaps.uid,
         sum(json_extract(p.value, '$.Group') = 'all') AS public_grants,
         group_concat(json_extract(p.value, '$.UserId'), ', ') AS accounts,
         sum(json_type(p.value, '$.Group') IS NULL AND json_type(p.value, '$.UserId') IS NULL) AS unreadable
  FROM snaps, json_each(snaps.config, '$.CreateVolumePermissions') p
  WHERE snaps.perms_type = 'array'
  GROUP BY snaps.uid
)
SELECT snaps.uid AS resource_uid,
  CASE
    WHEN snaps.perms_type IS NULL THEN 'error'
    WHEN snaps.perms_type IS NOT 'array' THEN 'error'
    WHEN grants.public_grants > 0 THEN 'fail'
    WHEN grants.unreadable > 0 THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN snaps.perms_type IS NULL THEN
      'Create-volume permissions of snapshot ' || snaps.name || ' were not collected (DescribeSnapshotAttribute failed)'
    WHEN snaps.perms_type IS NOT 'array' THEN
      'Create-volume permissions of snapshot ' || snaps.name || ' were collected in an unexpected form'
    WHEN grants.public_grants > 0 THEN
      'Snapshot ' || snaps.name || ' is public: any AWS account may create volumes from it (createVolumePermission group all)'
    WHEN grants.unreadable > 0 THEN
      'Snapshot ' || snaps.name || ' has create-volume permission(s) in an unexpected form (neither group nor account)'
    WHEN grants.accounts IS NOT NULL THEN
      'Snapshot ' || snaps.name || ' is not public; it is shared with account(s) ' || grants.accounts
    ELSE 'Snapshot ' || snaps.name || ' is private'
  END AS reason,
  json_object('SnapshotId', json_extract(snaps.config, '$.SnapshotId'), 'VolumeId', json_extract(snaps.config, '$.VolumeId'),
              'Encrypted', json_extract(snaps.config, '$.Encrypted'),
              'CreateVolumePermissions', json(CASE WHEN snaps.perms_type IN ('array', 'object')
                                                   THEN json_extract(snaps.config, '$.CreateVolumePermissions') END)) AS evidence
FROM snaps LEFT JOIN grants ON grants.uid = snaps.uid;
