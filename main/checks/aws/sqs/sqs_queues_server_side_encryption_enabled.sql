/* ---
id: sqs_queues_server_side_encryption_enabled
title: SQS queue has server-side encryption enabled
severity: medium
provider: aws
service: sqs
resource_type: AWS::SQS::Queue
rationale: >-
  Messages wait in a queue until a consumer deletes them, for up to 14 days. Server-side encryption (SSE-SQS
  with SQS-owned keys, or SSE-KMS with a KMS key) keeps those stored messages encrypted at rest; a queue with
  neither stores them unencrypted.
remediation:
  console: >-
    SQS console > Queues > the queue > Edit > Encryption: enable server-side encryption, choose SSE-SQS or an
    SSE-KMS key, save.
  cli: |-
    aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true
  terraform: |-
    resource "aws_sqs_queue" "this" {
      name                    = "<queue-name>"
      sqs_managed_sse_enabled = true # or kms_master_key_id = aws_kms_key.sqs.arn
    }
references:
  - title: "AWS Security Hub control SQS.1: Amazon SQS queues should be encrypted at rest"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1
  - title: "Amazon SQS Developer Guide: Encryption at rest"
    url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.Attributes') IS NOT 'object' THEN 'error'
    WHEN coalesce(json_extract(config, '$.Attributes.KmsMasterKeyId'), '') <> '' THEN 'pass'
    WHEN json_extract(config, '$.Attributes.SqsManagedSseEnabled') = 'true' THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN json_type(config, '$.Attributes') IS NOT 'object'
      THEN 'Attributes of queue ' || name || ' were not collected (GetQueueAttributes failed), so its encryption is unknown'
    WHEN coalesce(json_extract(config, '$.Attributes.KmsMasterKeyId'), '') <> ''
      THEN 'Queue ' || name || ' is encrypted with SSE-KMS key ' || json_extract(config, '$.Attributes.KmsMasterKeyId')
    WHEN json_extract(config, '$.Attributes.SqsManagedSseEnabled') = 'true'
      THEN 'Queue ' || name || ' is encrypted with SSE-SQS (SQS-owned keys)'
    ELSE 'Queue ' || name || ' has neither SSE-KMS nor SSE-SQS (SqsManagedSseEnabled=' ||
         coalesce(json_extract(config, '$.Attributes.SqsManagedSseEnabled'), 'absent') || '): messages are stored unencrypted'
  END AS reason,
  json_object('KmsMasterKeyId', json_extract(config, '$.Attributes.KmsMasterKeyId'),
              'SqsManagedSseEnabled', json_extract(config, '$.Attributes.SqsManagedSseEnabled')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::SQS::Queue';
