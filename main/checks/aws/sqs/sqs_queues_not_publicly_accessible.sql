/* ---
id: sqs_queues_not_publicly_accessible
title: SQS queue policy does not allow public access
severity: critical
provider: aws
service: sqs
resource_type: AWS::SQS::Queue
rationale: >-
  A queue policy that allows Principal "*" without a condition tying it to a known account, source or network
  lets anyone send messages into the queue (poisoning whatever consumes it) or read and delete its messages.
  Judged by Evidence Desk's own reading of the policy (a wildcard principal is public unless an aws:SourceArn,
  aws:SourceAccount, aws:PrincipalOrgID or similar condition restricts it).
remediation:
  console: >-
    SQS console > Queues > the queue > Access policy > Edit: replace "Principal": "*" by the accounts or services
    that need access, or add a condition such as aws:SourceArn; save.
  cli: |-
    aws sqs get-queue-attributes --queue-url <queue-url> --attribute-names Policy
    aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://restricted-policy.json
  terraform: |-
    resource "aws_sqs_queue_policy" "this" {
      queue_url = aws_sqs_queue.this.id
      policy    = data.aws_iam_policy_document.queue.json # principals named, or a SourceArn condition
    }
references:
  - title: "Amazon SQS Developer Guide: Basic examples of Amazon SQS policies"
    url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html
  - title: "Amazon SQS Developer Guide: Security best practices (ensure queues are not publicly accessible)"
    url: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.3]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.PolicyJudgement') IS NULL THEN 'error'
    WHEN json_type(config, '$.PolicyJudgement') = 'null' THEN 'pass'
    WHEN json_extract(config, '$.PolicyJudgement.ParseError') IS NOT NULL THEN 'error'
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 1 THEN 'fail'
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 0 THEN 'pass'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_type(config, '$.PolicyJudgement') IS NULL
      THEN 'Policy of queue ' || name || ' was not collected (GetQueueAttributes failed)'
    WHEN json_type(config, '$.PolicyJudgement') = 'null'
      THEN 'Queue ' || name || ' has no queue policy, so only its owner account has access'
    WHEN json_extract(config, '$.PolicyJudgement.ParseError') IS NOT NULL
      THEN 'Queue ' || name || ' has no readable policy: ' || json_extract(config, '$.PolicyJudgement.ParseError')
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 1
      THEN 'Queue ' || name || ' is public: ' || (SELECT group_concat(json_extract(s.value, '$.sid') || ' (' || json_extract(s.value, '$.reason') || ')', '; ')
                                                   FROM json_each(config, '$.PolicyJudgement.PublicStatements') AS s)
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 0
      THEN 'Queue ' || name || ' policy admits no anonymous principal' ||
           coalesce(' (wildcard statements restricted: ' || (SELECT group_concat(json_extract(s.value, '$.reason'), '; ')
                                                              FROM json_each(config, '$.PolicyJudgement.RestrictedStatements') AS s) || ')', '')
    ELSE 'Public-access judgement of queue ' || name || ' has an unexpected form'
  END AS reason,
  json_object('PolicyJudgement', json_extract(config, '$.PolicyJudgement'), 'Policy', json_extract(config, '$.Attributes.Policy')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::SQS::Queue';
