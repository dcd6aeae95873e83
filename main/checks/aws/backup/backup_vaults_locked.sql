/* ---
id: backup_vaults_locked
title: AWS Backup vault has Vault Lock applied
severity: medium
provider: aws
service: backup
resource_type: AWS::Backup::BackupVault
rationale: >-
  AWS Backup Vault Lock enforces a minimum (and maximum) retention on every recovery point in the vault and
  refuses early deletion, even by an administrator; in compliance mode not even the root user can remove it
  after the grace period. It is what keeps backups available when an attacker (ransomware) or a mistake holds
  enough privileges to delete them.
remediation:
  console: >-
    AWS Backup console (in the vault's region) > Backup vaults > the vault > Vault lock > Create vault lock:
    choose governance or compliance mode, minimum and maximum retention; Create.
  cli: |-
    aws backup put-backup-vault-lock-configuration --backup-vault-name <vault> --min-retention-days 7 --max-retention-days 365
  terraform: |-
    resource "aws_backup_vault_lock_configuration" "main" {
      backup_vault_name  = aws_backup_vault.main.name
      min_retention_days = 7
      max_retention_days = 365
    }
references:
  - title: "AWS Backup Developer Guide: AWS Backup Vault Lock"
    url: https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.13]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Locked') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Locked')
    WHEN 'true' THEN 'Backup vault ' || name || ' is locked' ||
      coalesce(' (minimum retention ' || json_extract(config, '$.MinRetentionDays') || ' days)', '')
    WHEN 'false' THEN 'Backup vault ' || name || ' has no Vault Lock: its ' ||
      coalesce(json_extract(config, '$.NumberOfRecoveryPoints'), 'unknown number of') || ' recovery point(s) can be deleted early'
    ELSE 'Vault Lock state of backup vault ' || name || ' was not reported by ListBackupVaults'
  END AS reason,
  json_object('Locked', json_extract(config, '$.Locked'), 'MinRetentionDays', json_extract(config, '$.MinRetentionDays'),
              'MaxRetentionDays', json_extract(config, '$.MaxRetentionDays'), 'LockDate', json_extract(config, '$.LockDate'),
              'NumberOfRecoveryPoints', json_extract(config, '$.NumberOfRecoveryPoints')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::Backup::BackupVault';
