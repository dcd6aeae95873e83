/* ---
id: awslambda_function_url_public
title: Lambda function URL requires IAM authentication
severity: high
provider: aws
service: awslambda
resource_type: AWS::Lambda::Function
rationale: >-
  A function URL with auth type NONE is an HTTPS endpoint anyone on the internet can call without credentials;
  the function's own code is then the only access control. AWS_IAM makes every request carry a SigV4 signature
  from a principal the function policy allows.
remediation:
  console: >-
    Lambda console > Functions > the function > Configuration > Function URL > Edit: set Auth type to AWS_IAM
    (or delete the URL if it is not needed), save.
  cli: |-
    aws lambda update-function-url-config --function-name <function-name> --auth-type AWS_IAM
  terraform: |-
    resource "aws_lambda_function_url" "this" {
      function_name      = aws_lambda_function.this.function_name
      authorization_type = "AWS_IAM"
    }
references:
  - title: "AWS Lambda Developer Guide: Control access to Lambda function URLs"
    url: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
frameworks:
  soc2-2017: [CC6.6]
  iso27001-2022: [A.5.15]
--- */
WITH fn AS (
  SELECT uid, name, config,
         json_type(config, '$.FunctionUrls') AS urls_type,
         (SELECT count(*) FROM json_each(config, '$.FunctionUrls')) AS urls,
         (SELECT group_concat(coalesce(json_extract(u.value, '$.FunctionUrl'), '(no address)'), ', ')
            FROM json_each(config, '$.FunctionUrls') AS u WHERE json_extract(u.value, '$.AuthType') = 'NONE') AS open_urls,
         (SELECT count(*) FROM json_each(config, '$.FunctionUrls') AS u
            WHERE json_extract(u.value, '$.AuthType') IS NULL) AS unknown_auth
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Lambda::Function'
)
SELECT uid AS resource_uid,
  CASE
    WHEN urls_type IS NOT 'array' THEN 'error'
    WHEN open_urls IS NOT NULL THEN 'fail'
    WHEN unknown_auth > 0 THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN urls_type IS NOT 'array' THEN 'Function URLs of ' || name || ' were not collected (ListFunctionUrlConfigs failed)'
    WHEN open_urls IS NOT NULL THEN 'Function ' || name || ' has a URL anyone can call without authentication (AuthType NONE): ' || open_urls
    WHEN unknown_auth > 0 THEN 'Auth type of ' || unknown_auth || ' URL(s) of function ' || name || ' was not reported'
    WHEN urls = 0 THEN 'Function ' || name || ' has no function URL'
    ELSE 'Every URL of function ' || name || ' requires IAM authentication (AuthType AWS_IAM)'
  END AS reason,
  json_object('FunctionUrls', json_extract(config, '$.FunctionUrls')) AS evidence
FROM fn;
