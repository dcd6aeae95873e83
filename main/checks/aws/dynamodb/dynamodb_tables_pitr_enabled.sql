/* ---
id: dynamodb_tables_pitr_enabled
title: DynamoDB table has point-in-time recovery enabled
severity: medium
provider: aws
service: dynamodb
resource_type: AWS::DynamoDB::Table
rationale: >-
  Point-in-time recovery keeps continuous backups of a table, so it can be restored to any second of the
  recovery period (35 days by default) after an application bug, a bad migration or a malicious bulk delete or
  overwrite. Without it only on-demand backups someone remembered to take can bring the data back.
remediation:
  console: >-
    DynamoDB console > Tables > the table > Backups tab > Point-in-time recovery > Edit: turn on point-in-time
    recovery, Save.
  cli: |-
    aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true
  terraform: |-
    resource "aws_dynamodb_table" "table" {
      point_in_time_recovery {
        enabled = true
      }
    }
references:
  - title: "AWS Security Hub control DynamoDB.2: DynamoDB tables should have point-in-time recovery enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2
  - title: "Amazon DynamoDB Developer Guide: Point-in-time recovery for DynamoDB"
    url: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.13]
--- */
SELECT uid AS resource_uid,
  CASE json_extract(config, '$.ContinuousBackups.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus')
    WHEN 'ENABLED' THEN 'pass' WHEN 'DISABLED' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN json_type(config, '$.ContinuousBackups') IS NULL
      THEN 'Point-in-time recovery status of DynamoDB table ' || name || ' was not collected (DescribeContinuousBackups failed)'
    WHEN json_extract(config, '$.ContinuousBackups.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus') = 'ENABLED'
      THEN 'DynamoDB table ' || name || ' has point-in-time recovery enabled' ||
           coalesce(' (' || json_extract(config, '$.ContinuousBackups.PointInTimeRecoveryDescription.RecoveryPeriodInDays') || ' days)', '')
    WHEN json_extract(config, '$.ContinuousBackups.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus') = 'DISABLED'
      THEN 'DynamoDB table ' || name || ' has point-in-time recovery disabled'
    ELSE 'Point-in-time recovery status of DynamoDB table ' || name || ' was not reported'
  END AS reason,
  json_object('PointInTimeRecoveryStatus', json_extract(config, '$.ContinuousBackups.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus'),
              'RecoveryPeriodInDays', json_extract(config, '$.ContinuousBackups.PointInTimeRecoveryDescription.RecoveryPeriodInDays')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::DynamoDB::Table';
