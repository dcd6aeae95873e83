/* ---
id: sns_topics_kms_encryption_at_rest_enabled
title: SNS topic is encrypted at rest with a KMS key
severity: high
provider: aws
service: sns
resource_type: AWS::SNS::Topic
rationale: >-
  Without server-side encryption, messages waiting in a topic (notifications that often carry patient, order
  or account details) are stored unencrypted by SNS. SSE with a KMS key encrypts them at rest and puts access
  to the key, and so to the messages, under key policy and CloudTrail logging.
remediation:
  console: >-
    SNS console > Topics > the topic > Edit > Encryption: enable encryption, choose the AWS managed key
    (alias/aws/sns) or a customer managed KMS key, save.
  cli: |-
    aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns
  terraform: |-
    resource "aws_sns_topic" "this" {
      name              = "<topic-name>"
      kms_master_key_id = aws_kms_key.sns.arn
    }
references:
  - title: "AWS Security Hub control SNS.1: SNS topics should be encrypted at-rest using AWS KMS"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1
  - title: "Amazon SNS Developer Guide: Encryption at rest"
    url: https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.Attributes') IS NOT 'object' THEN 'error'
    WHEN coalesce(json_extract(config, '$.Attributes.KmsMasterKeyId'), '') <> '' THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN json_type(config, '$.Attributes') IS NOT 'object'
      THEN 'Attributes of topic ' || name || ' were not collected (GetTopicAttributes failed), so its encryption is unknown'
    WHEN coalesce(json_extract(config, '$.Attributes.KmsMasterKeyId'), '') <> ''
      THEN 'Topic ' || name || ' is encrypted at rest with KMS key ' || json_extract(config, '$.Attributes.KmsMasterKeyId')
    ELSE 'Topic ' || name || ' has no KmsMasterKeyId: its messages are not encrypted at rest with KMS'
  END AS reason,
  json_object('TopicArn', uid, 'KmsMasterKeyId', json_extract(config, '$.Attributes.KmsMasterKeyId')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::SNS::Topic';
