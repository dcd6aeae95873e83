/* ---
id: dynamodb_tables_kms_cmk_encryption_enabled
title: DynamoDB table is encrypted with a KMS key in the account, not the AWS owned key
severity: medium
provider: aws
service: dynamodb
resource_type: AWS::DynamoDB::Table
rationale: >-
  Every DynamoDB table is encrypted at rest, but by default with a key AWS owns: the account cannot see it, audit
  its use in CloudTrail, restrict it with a key policy or revoke it. A KMS key in the account (customer managed,
  or the AWS managed key aws/dynamodb) puts every use of the key in CloudTrail and under a key policy. This
  check passes both KMS options, as Prowler does; a customer managed key additionally lets you write the key
  policy and disable the key, which the evidence shows by its ARN. DynamoDB reports the AWS owned key by
  leaving SSEDescription out of DescribeTable, so a described table without it fails.
remediation:
  console: >-
    DynamoDB console > Tables > the table > Additional settings > Encryption > Manage encryption: choose "AWS
    managed key" or "Stored in your account, and owned and managed by you" and pick the KMS key; Save.
  cli: |-
    aws dynamodb update-table --table-name <table> --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=<kms-key-arn>
  terraform: |-
    resource "aws_dynamodb_table" "table" {
      server_side_encryption {
        enabled     = true
        kms_key_arn = aws_kms_key.dynamodb.arn
      }
    }
references:
  - title: "Amazon DynamoDB Developer Guide: DynamoDB encryption at rest"
    url: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
WITH t AS (
  SELECT uid, name,
         json_type(config, '$.Table') AS described,
         json_type(config, '$.Table.SSEDescription') AS sse,
         json_extract(config, '$.Table.SSEDescription.SSEType') AS sse_type,
         json_extract(config, '$.Table.SSEDescription.Status') AS sse_status,
         json_extract(config, '$.Table.SSEDescription.KMSMasterKeyArn') AS key_arn
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::DynamoDB::Table'
)
SELECT uid AS resource_uid,
  CASE
    WHEN described IS NULL OR described <> 'object' THEN 'error'
    WHEN sse IS NULL THEN 'fail'
    WHEN sse_type = 'KMS' AND sse_status IN ('ENABLED', 'UPDATING') THEN 'pass'
    WHEN sse_type IS NULL OR sse_status IS NULL THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN described IS NULL THEN 'Encryption settings of DynamoDB table ' || name || ' were not collected (DescribeTable failed)'
    WHEN described <> 'object' THEN 'Description of DynamoDB table ' || name || ' is in an unexpected form'
    WHEN sse IS NULL THEN 'DynamoDB table ' || name ||
      ' is encrypted with the default AWS owned key, which the account cannot audit, restrict or revoke'
    WHEN sse_type = 'KMS' AND sse_status IN ('ENABLED', 'UPDATING')
      THEN 'DynamoDB table ' || name || ' is encrypted with KMS key ' || coalesce(key_arn, '(ARN not reported)')
    WHEN sse_type IS NULL OR sse_status IS NULL THEN 'Encryption type or status of DynamoDB table ' || name || ' was not reported'
    ELSE 'DynamoDB table ' || name || ' encryption is ' || sse_type || ' with status ' || sse_status
  END AS reason,
  json_object('SSEType', sse_type, 'Status', sse_status, 'KMSMasterKeyArn', key_arn,
              'AwsOwnedKey', CASE WHEN described = 'object' AND sse IS NULL THEN json('true') ELSE json('false') END) AS evidence
FROM t;
