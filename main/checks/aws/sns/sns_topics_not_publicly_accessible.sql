/* ---
id: sns_topics_not_publicly_accessible
title: SNS topic policy does not allow public access
severity: high
provider: aws
service: sns
resource_type: AWS::SNS::Topic
rationale: >-
  A topic policy that allows Principal "*" without a condition tying it to a known account, source or network
  lets anyone on the internet publish to the topic (spoofed alerts, spam, cost) or subscribe to it and receive
  every message. Judged by Evidence Desk's own reading of the policy (a wildcard principal is public unless an
  aws:SourceArn, aws:SourceAccount, aws:SourceOwner, aws:PrincipalOrgID or similar condition restricts it).
remediation:
  console: >-
    SNS console > Topics > the topic > Edit > Access policy: replace "Principal": "*" by the accounts or services
    that need access, or add a condition such as aws:SourceArn or aws:PrincipalOrgID; save.
  cli: |-
    aws sns get-topic-attributes --topic-arn <topic-arn> --query Attributes.Policy --output text > policy.json
    # edit policy.json: name the principals, or add a restricting condition
    aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://policy.json
  terraform: |-
    resource "aws_sns_topic_policy" "this" {
      arn    = aws_sns_topic.this.arn
      policy = data.aws_iam_policy_document.topic.json # principals named, or a SourceArn / PrincipalOrgID condition
    }
references:
  - title: "Amazon SNS Developer Guide: Example cases for Amazon SNS access control"
    url: https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
  - title: "Amazon SNS Developer Guide: Security best practices (least-privilege access)"
    url: https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html
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
      THEN 'Access policy of topic ' || name || ' was not collected (GetTopicAttributes failed)'
    WHEN json_type(config, '$.PolicyJudgement') = 'null'
      THEN 'Topic ' || name || ' has no access policy, so only its owner account has access'
    WHEN json_extract(config, '$.PolicyJudgement.ParseError') IS NOT NULL
      THEN 'Topic ' || name || ' has no readable access policy: ' || json_extract(config, '$.PolicyJudgement.ParseError')
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 1
      THEN 'Topic ' || name || ' is public: ' || (SELECT group_concat(json_extract(s.value, '$.sid') || ' (' || json_extract(s.value, '$.reason') || ')', '; ')
                                                   FROM json_each(config, '$.PolicyJudgement.PublicStatements') AS s)
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 0
      THEN 'Topic ' || name || ' policy admits no anonymous principal' ||
           coalesce(' (wildcard statements restricted: ' || (SELECT group_concat(json_extract(s.value, '$.reason'), '; ')
                                                              FROM json_each(config, '$.PolicyJudgement.RestrictedStatements') AS s) || ')', '')
    ELSE 'Public-access judgement of topic ' || name || ' has an unexpected form'
  END AS reason,
  json_object('PolicyJudgement', json_extract(config, '$.PolicyJudgement'), 'Policy', json_extract(config, '$.Attributes.Policy')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::SNS::Topic';
