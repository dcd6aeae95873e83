/* ---
id: secretsmanager_automatic_rotation_enabled
title: Secrets Manager secret has automatic rotation enabled
severity: medium
provider: aws
service: secretsmanager
resource_type: AWS::SecretsManager::Secret
rationale: >-
  A secret that is never rotated (a database password, an API key) stays valid for as long as it exists, so a
  copy that leaked into a log, a laptop or a former employee's notes keeps working. Automatic rotation replaces
  the value on a schedule and bounds how long a leaked value is useful.
remediation:
  console: >-
    Secrets Manager console > Secrets > the secret > Rotation > Edit rotation: turn on automatic rotation, set
    the schedule (e.g. every 30 days) and choose or create the rotation function, save.
  cli: |-
    aws secretsmanager rotate-secret --secret-id <secret-arn> --rotation-lambda-arn <rotation-function-arn> --rotation-rules AutomaticallyAfterDays=30
  terraform: |-
    resource "aws_secretsmanager_secret_rotation" "this" {
      secret_id           = aws_secretsmanager_secret.this.id
      rotation_lambda_arn = aws_lambda_function.rotator.arn
      rotation_rules {
        automatically_after_days = 30
      }
    }
references:
  - title: "AWS Security Hub control SecretsManager.1: Secrets Manager secrets should have automatic rotation enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1
  - title: "AWS Secrets Manager User Guide: Rotate AWS Secrets Manager secrets"
    url: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.6.3]
  iso27001-2022: [A.5.17]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.RotationEnabled') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.RotationEnabled')
    WHEN 'true' THEN 'Secret ' || name || ' rotates automatically' ||
         coalesce(' every ' || json_extract(config, '$.RotationRules.AutomaticallyAfterDays') || ' days', '') ||
         coalesce(' (schedule ' || json_extract(config, '$.RotationRules.ScheduleExpression') || ')', '') ||
         coalesce('; last rotated ' || substr(json_extract(config, '$.LastRotatedDate'), 1, 10), '')
    WHEN 'false' THEN 'Secret ' || name || ' has automatic rotation disabled' ||
         coalesce(' (last changed ' || substr(json_extract(config, '$.LastChangedDate'), 1, 10) || ')', '')
    ELSE 'Rotation setting of secret ' || name || ' was not reported'
  END AS reason,
  json_object('RotationEnabled', json_extract(config, '$.RotationEnabled'),
              'RotationRules', json_extract(config, '$.RotationRules'),
              'LastRotatedDate', json_extract(config, '$.LastRotatedDate'),
              'NextRotationDate', json_extract(config, '$.NextRotationDate')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::SecretsManager::Secret';
