/* ---
id: ec2_ebs_snapshots_encrypted
title: EBS snapshot is encrypted
severity: medium
provider: aws
service: ec2
resource_type: AWS::EC2::Snapshot
rationale: >-
  A snapshot is a full copy of a volume kept long after the volume is gone. An unencrypted one can be shared,
  copied to another region or restored without any KMS key policy standing in the way, and its contents are
  unprotected at rest. Snapshots of encrypted volumes are always encrypted; unencrypted ones come from
  unencrypted volumes and must be re-encrypted by copying.
remediation:
  console: >-
    EC2 console > Snapshots > the snapshot > Actions > Copy snapshot: tick "Encrypt this snapshot", choose a
    KMS key, copy; update anything that refers to the old snapshot (AMIs, backup plans), then delete it. Turn
    on EBS encryption by default so new volumes and their snapshots are encrypted.
  cli: |-
    aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snapshot-id> --encrypted --kms-key-id <kms-key-arn> --description "encrypted copy of <snapshot-id>"
    aws ec2 delete-snapshot --snapshot-id <snapshot-id>
  terraform: |-
    resource "aws_ebs_snapshot_copy" "encrypted" {
      source_snapshot_id = "<snapshot-id>"
      source_region      = "<region>"
      encrypted          = true
      kms_key_id         = aws_kms_key.ebs.arn
    }
references:
  - title: "Amazon EBS User Guide: Amazon EBS encryption (encrypt unencrypted resources)"
    url: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
  - title: "Amazon EBS User Guide: Copy an Amazon EBS snapshot"
    url: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Encrypted') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Encrypted')
    WHEN 'true' THEN 'Snapshot ' || name || ' is encrypted' || coalesce(' with KMS key ' || json_extract(config, '$.KmsKeyId'), '')
    WHEN 'false' THEN 'Snapshot ' || name || coalesce(' (of volume ' || json_extract(config, '$.VolumeId') || ', ' ||
                      json_extract(config, '$.VolumeSize') || ' GiB)', '') || ' is not encrypted'
    ELSE 'Encryption status of snapshot ' || name || ' was not reported'
  END AS reason,
  json_object('SnapshotId', json_extract(config, '$.SnapshotId'), 'VolumeId', json_extract(config, '$.VolumeId'),
              'Encrypted', json_extract(config, '$.Encrypted'), 'KmsKeyId', json_extract(config, '$.KmsKeyId')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Snapshot';
