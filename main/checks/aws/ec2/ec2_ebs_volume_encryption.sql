/* ---
id: ec2_ebs_volume_encryption
title: EBS volume is encrypted at rest
severity: high
provider: aws
service: ec2
resource_type: AWS::EC2::Volume
rationale: >-
  An unencrypted volume exposes its data, and every snapshot taken from it, to anyone who gains access to the
  storage or a shared snapshot. EBS encryption with KMS has no performance cost.
remediation:
  console: >-
    A volume cannot be encrypted in place. EC2 console > Volumes > the volume > Create snapshot; Snapshots >
    the snapshot > Copy snapshot with "Encrypt this snapshot"; create a volume from the encrypted copy in the
    same AZ; stop the instance, detach the old volume, attach the new one on the same device name, start.
  cli: |-
    aws ec2 create-snapshot --volume-id <volume-id> --description pre-encryption
    aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snapshot-id> --encrypted --kms-key-id <kms-key-arn>
    aws ec2 create-volume --snapshot-id <encrypted-snapshot-id> --availability-zone <az> --encrypted --kms-key-id <kms-key-arn>
  terraform: |-
    resource "aws_ebs_volume" "data" {
      availability_zone = "<az>"
      size              = 100
      encrypted         = true
      kms_key_id        = aws_kms_key.ebs.arn
    }
references:
  - title: "AWS Security Hub control EC2.3: Attached Amazon EBS volumes should be encrypted at-rest"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3
  - title: "Amazon EBS User Guide: Amazon EBS encryption"
    url: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Encrypted') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Encrypted')
    WHEN 'true' THEN 'Volume ' || name || ' is encrypted' || coalesce(' with KMS key ' || json_extract(config, '$.KmsKeyId'), '')
    WHEN 'false' THEN 'Volume ' || name || ' (' || coalesce(json_extract(config, '$.Size') || ' GiB, ', '') ||
                      coalesce(json_extract(config, '$.State'), 'state unknown') || ') is not encrypted'
    ELSE 'Encryption status of volume ' || name || ' was not reported'
  END AS reason,
  json_object('Encrypted', json_extract(config, '$.Encrypted'), 'KmsKeyId', json_extract(config, '$.KmsKeyId'),
              'State', json_extract(config, '$.State')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Volume';
