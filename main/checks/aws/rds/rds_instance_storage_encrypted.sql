/* ---
id: rds_instance_storage_encrypted
title: RDS DB instance storage is encrypted at rest
severity: high
provider: aws
service: rds
resource_type: AWS::RDS::DBInstance
rationale: >-
  Encryption at rest with KMS protects the database files, automated backups, read replicas and snapshots
  against anyone who obtains the underlying storage or a copied snapshot, and puts access to the data under
  the key policy. It can only be chosen at creation: an unencrypted instance must be migrated.
remediation:
  console: >-
    Encryption cannot be turned on in place. RDS console > Snapshots > take a snapshot of the instance > Actions
    > Copy snapshot with "Enable encryption" and a KMS key > Restore snapshot to a new instance; switch the
    application over and delete the old instance.
  cli: |-
    aws rds create-db-snapshot --db-instance-identifier <instance> --db-snapshot-identifier <instance>-plain
    aws rds copy-db-snapshot --source-db-snapshot-identifier <instance>-plain --target-db-snapshot-identifier <instance>-enc --kms-key-id <kms-key-arn>
    aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <instance>-new --db-snapshot-identifier <instance>-enc
  terraform: |-
    resource "aws_db_instance" "db" {
      storage_encrypted = true
      kms_key_id        = aws_kms_key.rds.arn
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.3.1: Ensure that encryption-at-rest is enabled for RDS Instances"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control RDS.3: RDS DB instances should have encryption at-rest enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3
  - title: "Amazon RDS User Guide: Encrypting Amazon RDS resources"
    url: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.StorageEncrypted') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.StorageEncrypted')
    WHEN 'true' THEN 'DB instance ' || name || ' has encrypted storage (KMS)'
    WHEN 'false' THEN 'DB instance ' || name || ' does not encrypt its storage: the data, its automated backups, read replicas and snapshots are unencrypted'
    ELSE 'StorageEncrypted of DB instance ' || name || ' was not reported by DescribeDBInstances'
  END AS reason,
  json_object('Engine', json_extract(config, '$.Engine'), 'StorageEncrypted', json_extract(config, '$.StorageEncrypted')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::RDS::DBInstance';
