/* ---
id: kms_cmk_not_deleted_unintentionally
title: Customer-managed KMS key is not scheduled for deletion
severity: high
provider: aws
service: kms
resource_type: AWS::KMS::Key
rationale: >-
  Deleting a KMS key is irreversible and makes every piece of data encrypted under it unrecoverable. AWS only
  deletes a key after a waiting period (7 to 30 days) so that a scheduled deletion can be reviewed and
  cancelled; a key pending deletion is a finding someone must confirm as intended before the date passes.
remediation:
  console: >-
    KMS console (in the key's region) > Customer managed keys > the key > Key actions > Cancel key deletion;
    then Key actions > Enable if the key is still needed.
  cli: |-
    aws kms cancel-key-deletion --key-id <key-id> --region <region>
    aws kms enable-key --key-id <key-id> --region <region>
  terraform: |-
    # Keep the key in configuration; Terraform schedules deletion only when the resource is removed.
    resource "aws_kms_key" "data" {
      deletion_window_in_days = 30
      lifecycle { prevent_destroy = true }
    }
references:
  - title: "AWS Security Hub control KMS.3: AWS KMS keys should not be deleted unintentionally"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-3
  - title: "AWS KMS Developer Guide: Delete an AWS KMS key"
    url: https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_extract(config, '$.KeyMetadata.KeyState')
    WHEN 'PendingDeletion' THEN 'fail'
    WHEN 'PendingReplicaDeletion' THEN 'fail'
    ELSE CASE WHEN json_extract(config, '$.KeyMetadata.KeyState') IS NULL THEN 'error' ELSE 'pass' END
  END AS status,
  CASE
    WHEN json_extract(config, '$.KeyMetadata.KeyState') IS NULL
      THEN 'State of KMS key ' || name || ' was not collected (DescribeKey failed)'
    WHEN json_extract(config, '$.KeyMetadata.KeyState') IN ('PendingDeletion', 'PendingReplicaDeletion')
      THEN 'KMS key ' || name || ' is scheduled for deletion on ' ||
           coalesce(json_extract(config, '$.KeyMetadata.DeletionDate'), 'an unreported date') ||
           ': data encrypted under it becomes unrecoverable then'
    ELSE 'KMS key ' || name || ' is ' || json_extract(config, '$.KeyMetadata.KeyState') || ', not scheduled for deletion'
  END AS reason,
  json_object('KeyState', json_extract(config, '$.KeyMetadata.KeyState'),
              'DeletionDate', json_extract(config, '$.KeyMetadata.DeletionDate'),
              'Description', json_extract(config, '$.KeyMetadata.Description')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::KMS::Key';
