/* ---
id: awslambda_function_not_publicly_accessible
title: Lambda function resource-based policy does not allow public invocation
severity: critical
provider: aws
service: awslambda
resource_type: AWS::Lambda::Function
rationale: >-
  A function policy that allows Principal "*" without a condition tying it to a known account or source lets
  anyone with AWS credentials invoke the function, running its code with its execution role's permissions and
  at the owner's cost. Judged by Evidence Desk's own reading of the policy returned by GetPolicy (a wildcard
  principal is public unless an aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or similar condition
  restricts it); function URLs are judged by awslambda_function_url_public.
remediation:
  console: >-
    Lambda console > Functions > the function > Configuration > Permissions > Resource-based policy statements:
    delete the statement granting "*", or re-add it naming the account or service with its source ARN.
  cli: |-
    aws lambda get-policy --function-name <function-name>
    aws lambda remove-permission --function-name <function-name> --statement-id <sid>
    aws lambda add-permission --function-name <function-name> --statement-id <sid> --action lambda:InvokeFunction --principal <service-or-account> --source-arn <source-arn>
  terraform: |-
    resource "aws_lambda_permission" "this" {
      function_name = aws_lambda_function.this.function_name
      action        = "lambda:InvokeFunction"
      principal     = "events.amazonaws.com" # never "*"
      source_arn    = aws_cloudwatch_event_rule.this.arn
    }
references:
  - title: "AWS Security Hub control Lambda.1: Lambda function policies should prohibit public access"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1
  - title: "AWS Lambda Developer Guide: Viewing resource-based IAM policies in Lambda"
    url: https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.15]
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
      THEN 'Resource-based policy of function ' || name || ' was not collected (GetPolicy failed)'
    WHEN json_type(config, '$.PolicyJudgement') = 'null'
      THEN 'Function ' || name || ' has no resource-based policy, so only principals of its own account can invoke it'
    WHEN json_extract(config, '$.PolicyJudgement.ParseError') IS NOT NULL
      THEN 'Function ' || name || ' has no readable resource-based policy: ' || json_extract(config, '$.PolicyJudgement.ParseError')
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 1
      THEN 'Function ' || name || ' can be invoked publicly: ' || (SELECT group_concat(json_extract(s.value, '$.sid') || ' (' || json_extract(s.value, '$.reason') || ')', '; ')
                                                                   FROM json_each(config, '$.PolicyJudgement.PublicStatements') AS s)
    WHEN json_extract(config, '$.PolicyJudgement.Public') = 0
      THEN 'Function ' || name || ' policy admits no anonymous principal' ||
           coalesce(' (wildcard statements restricted: ' || (SELECT group_concat(json_extract(s.value, '$.reason'), '; ')
                                                              FROM json_each(config, '$.PolicyJudgement.RestrictedStatements') AS s) || ')', '')
    ELSE 'Public-access judgement of function ' || name || ' has an unexpected form'
  END AS reason,
  json_object('PolicyJudgement', json_extract(config, '$.PolicyJudgement'), 'Policy', json_extract(config, '$.Policy')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::Lambda::Function';
