/* ---
id: kms_cmk_rotation_enabled
title: Customer-managed symmetric KMS key has automatic rotation enabled
severity: medium
provider: aws
service: kms
resource_type: AWS::KMS::Key
rationale: >-
  Rotation limits how much data one key version protects and how long a leaked or broken version stays useful.
  AWS rotates customer-managed symmetric keys automatically (yearly by default) once rotation is on, keeping old
  versions for decryption, so there is no operational reason to leave it off. AWS-managed keys are rotated by
  AWS and are not judged; asymmetric, HMAC, imported-material and disabled or pending-deletion keys cannot be
  rotated automatically and answer n/a.
remediation:
  console: >-
    KMS console (in the key's region) > Customer managed keys > the key > Key rotation tab: tick "Automatically
    rotate this KMS key every year" (optionally set the rotation period), Save.
  cli: |-
    aws kms enable-key-rotation --key-id <key-id> --region <region>
  terraform: |-
    resource "aws_kms_key" "data" {
      enable_key_rotation     = true
      rotation_period_in_days = 365
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.6: Ensure rotation for customer-created symmetric CMKs is enabled"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control KMS.4: AWS KMS key rotation should be enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4
  - title: "AWS KMS Developer Guide: Rotate AWS KMS keys"
    url: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [3.7.4]
  iso27001-2022: [A.8.24]
--- */
WITH k AS (
  SELECT uid, name, config,
         json_extract(config, '$.KeyMetadata.KeyState') AS state,
         json_extract(config, '$.KeyMetadata.KeySpec') AS spec,
         json_extract(config, '$.KeyMetadata.KeyUsage') AS key_usage,
         json_extract(config, '$.KeyMetadata.Origin') AS origin,
         json_type(config, '$.Rotation.KeyRotationEnabled') AS rotation
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::KMS::Key'
)
SELECT uid AS resource_uid,
  CASE
    WHEN state IS NULL OR spec IS NULL OR key_usage IS NULL OR origin IS NULL THEN 'error'
    WHEN state <> 'Enabled' OR spec <> 'SYMMETRIC_DEFAULT' OR key_usage <> 'ENCRYPT_DECRYPT' OR origin <> 'AWS_KMS' THEN 'n/a'
    WHEN rotation = 'true' THEN 'pass'
    WHEN rotation = 'false' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN state IS NULL OR spec IS NULL OR key_usage IS NULL OR origin IS NULL
      THEN 'State, spec or origin of KMS key ' || name || ' was not collected (DescribeKey failed)'
    WHEN state <> 'Enabled' THEN 'KMS key ' || name || ' is ' || state || ': automatic rotation applies to enabled keys only'
    WHEN spec <> 'SYMMETRIC_DEFAULT' OR key_usage <> 'ENCRYPT_DECRYPT'
      THEN 'KMS key ' || name || ' is a ' || spec || ' ' || key_usage || ' key, which AWS cannot rotate automatically'
    WHEN origin <> 'AWS_KMS' THEN 'KMS key ' || name || ' has ' || origin || ' key material, which AWS cannot rotate automatically'
    WHEN rotation = 'true' THEN 'Automatic rotation is enabled for KMS key ' || name ||
      coalesce(' (every ' || json_extract(config, '$.Rotation.RotationPeriodInDays') || ' days)', '')
    WHEN rotation = 'false' THEN 'Automatic rotation is disabled for customer-managed KMS key ' || name
    ELSE 'Rotation status of KMS key ' || name || ' was not collected (GetKeyRotationStatus failed)'
  END AS reason,
  json_object('KeyState', state, 'KeySpec', spec, 'KeyUsage', key_usage, 'Origin', origin,
              'KeyRotationEnabled', json_extract(config, '$.Rotation.KeyRotationEnabled'),
              'RotationPeriodInDays', json_extract(config, '$.Rotation.RotationPeriodInDays')) AS evidence
FROM k;
