/* ---
id: ec2_ebs_default_encryption
title: EBS encryption by default is enabled in the region
severity: medium
provider: aws
service: ec2
resource_type: AWS::EC2::EbsEncryptionByDefault
rationale: >-
  With encryption by default on, every new volume and snapshot copy in the region is encrypted even when the
  person or template creating it forgets to ask; it is the preventive half of the volume encryption control.
remediation:
  console: >-
    EC2 console (in each region) > Dashboard > Account attributes > Data protection and security > Manage:
    tick "Always encrypt new EBS volumes", optionally choose a KMS key, update.
  cli: |-
    aws ec2 enable-ebs-encryption-by-default --region <region>
  terraform: |-
    resource "aws_ebs_encryption_by_default" "this" {
      enabled = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.2.1: Ensure EBS Volume Encryption is Enabled in all Regions"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control EC2.7: EBS default encryption should be enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7
  - title: "Amazon EBS User Guide: Amazon EBS encryption"
    url: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.EbsEncryptionByDefault') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.EbsEncryptionByDefault')
    WHEN 'true' THEN 'EBS encryption by default is enabled in ' || region
    WHEN 'false' THEN 'EBS encryption by default is disabled in ' || region || ': new volumes are unencrypted unless requested'
    ELSE 'EBS encryption-by-default setting of ' || region || ' was not collected (GetEbsEncryptionByDefault failed)'
  END AS reason,
  json_object('Region', region, 'EbsEncryptionByDefault', json_extract(config, '$.EbsEncryptionByDefault')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::EbsEncryptionByDefault';
