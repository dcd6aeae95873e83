/* ---
id: efs_encryption_at_rest_enabled
title: EFS file system is encrypted at rest
severity: high
provider: aws
service: efs
resource_type: AWS::EFS::FileSystem
rationale: >-
  An unencrypted file system keeps its files and metadata in the clear on AWS storage and in its backups.
  EFS encryption at rest uses a KMS key whose use is logged and controlled by its key policy; it can only be
  chosen when the file system is created, so an unencrypted one must be copied to a new encrypted file system.
remediation:
  console: >-
    Encryption cannot be enabled in place. EFS console > Create file system > Customize: tick "Enable
    encryption of data at rest" and pick a KMS key; copy the data (AWS DataSync or AWS Backup restore to the new
    file system), move the mount targets over and delete the old one.
  cli: |-
    aws efs create-file-system --encrypted --kms-key-id <kms-key-arn> --creation-token <name> --tags Key=Name,Value=<name>
  terraform: |-
    resource "aws_efs_file_system" "shared" {
      encrypted  = true
      kms_key_id = aws_kms_key.efs.arn
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.4.1: Ensure that encryption is enabled for EFS file systems"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control EFS.1: Elastic File System should be configured to encrypt file data at-rest using AWS KMS"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1
  - title: "Amazon EFS User Guide: Encrypting data at rest"
    url: https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Encrypted') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Encrypted')
    WHEN 'true' THEN 'EFS file system ' || name || ' is encrypted at rest' || coalesce(' with KMS key ' || json_extract(config, '$.KmsKeyId'), '')
    WHEN 'false' THEN 'EFS file system ' || name || ' is not encrypted at rest'
    ELSE 'Encryption state of EFS file system ' || name || ' was not reported by DescribeFileSystems'
  END AS reason,
  json_object('Encrypted', json_extract(config, '$.Encrypted'), 'KmsKeyId', json_extract(config, '$.KmsKeyId')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EFS::FileSystem';
