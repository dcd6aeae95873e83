/* ---
id: awslambda_function_using_supported_runtimes
title: Lambda function uses a runtime AWS still supports
severity: medium
provider: aws
service: awslambda
resource_type: AWS::Lambda::Function
rationale: >-
  After a runtime's deprecation date AWS no longer applies security patches to it and the function is no longer
  eligible for technical support; the language version itself is usually past its community end of life too, so
  known vulnerabilities stay unfixed. The dates below are AWS's published deprecation dates; a function is judged
  against the snapshot's own date, so re-running the check later gives the same answer. A runtime not in the
  table (a newer one than this check knows) is reported as unconfirmed rather than passed.
remediation:
  console: >-
    Lambda console > Functions > the function > Code > Runtime settings > Edit: choose a supported runtime of the
    same language (test the code against it first), save.
  cli: |-
    aws lambda update-function-configuration --function-name <function-name> --runtime python3.13
  terraform: |-
    resource "aws_lambda_function" "this" {
      function_name = "<function-name>"
      runtime       = "python3.13"
    }
references:
  - title: "AWS Security Hub control Lambda.2: Lambda functions should use supported runtimes"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2
  - title: "AWS Lambda Developer Guide: Lambda runtimes (supported and deprecated runtimes with dates)"
    url: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
frameworks:
  soc2-2017: [CC7.1]
  pci-dss-4.0.1: [6.3.3]
  iso27001-2022: [A.8.8]
--- */
WITH deprecation(runtime, deprecated_on) AS (
  -- AWS's published deprecation dates (Lambda Developer Guide, "Lambda runtimes"), past and scheduled.
  VALUES
    ('nodejs', '2016-10-31'), ('nodejs4.3', '2020-03-05'), ('nodejs4.3-edge', '2020-03-05'),
    ('nodejs6.10', '2019-08-12'), ('nodejs8.10', '2020-03-06'), ('nodejs10.x', '2021-07-30'),
    ('nodejs12.x', '2023-03-31'), ('nodejs14.x', '2023-12-04'), ('nodejs16.x', '2024-06-12'),
    ('nodejs18.x', '2025-09-01'), ('nodejs20.x', '2026-04-30'), ('nodejs22.x', '2027-04-30'),
    ('nodejs24.x', '2028-04-30'),
    ('python2.7', '2021-07-15'), ('python3.6', '2022-07-18'), ('python3.7', '2023-12-04'),
    ('python3.8', '2024-10-14'), ('python3.9', '2025-12-15'), ('python3.10', '2026-06-30'),
    ('python3.11', '2026-06-30'), ('python3.12', '2028-10-31'), ('python3.13', '2029-06-30'),
    ('python3.14', '2029-06-30'),
    ('java8', '2024-01-08'), ('java8.al2', '2026-06-30'), ('java11', '2026-06-30'), ('java17', '2026-06-30'),
    ('java21', '2029-06-30'), ('java25', '2029-06-30'),
    ('dotnetcore1.0', '2019-07-27'), ('dotnetcore2.0', '2019-05-30'), ('dotnetcore2.1', '2022-01-05'),
    ('dotnetcore3.1', '2023-04-03'), ('dotnet5.0', '2022-05-10'), ('dotnet6', '2024-11-12'),
    ('dotnet7', '2024-05-14'), ('dotnet8', '2026-11-10'), ('dotnet10', '2028-11-14'),
    ('ruby2.5', '2021-07-30'), ('ruby2.7', '2023-11-27'), ('ruby3.2', '2026-03-31'), ('ruby3.3', '2027-03-31'),
    ('ruby3.4', '2028-03-31'),
    ('go1.x', '2024-01-08'), ('provided', '2024-01-08'), ('provided.al2', '2026-06-30'),
    ('provided.al2023', '2029-06-30')
), fn AS (
  SELECT r.uid, r.name, json_extract(r.config, '$.Runtime') AS runtime,
         json_extract(r.config, '$.PackageType') AS package_type, d.deprecated_on
  FROM resources AS r
  LEFT JOIN deprecation AS d ON d.runtime = json_extract(r.config, '$.Runtime')
  WHERE r.snapshot_id = @snapshot_id AND r.type = 'AWS::Lambda::Function'
)
SELECT uid AS resource_uid,
  CASE
    WHEN runtime IS NULL AND package_type = 'Image' THEN 'n/a'
    WHEN runtime IS NULL THEN 'error'
    WHEN deprecated_on IS NULL THEN 'error'
    WHEN deprecated_on <= substr(@as_of, 1, 10) THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN runtime IS NULL AND package_type = 'Image'
      THEN 'Function ' || name || ' is a container image: its runtime is part of the image, not a Lambda-managed runtime'
    WHEN runtime IS NULL THEN 'Runtime of function ' || name || ' was not reported'
    WHEN deprecated_on IS NULL
      THEN 'Function ' || name || ' uses runtime ' || runtime || ', which is unknown to this check, so its support status is unconfirmed'
    WHEN deprecated_on <= substr(@as_of, 1, 10)
      THEN 'Function ' || name || ' uses runtime ' || runtime || ', deprecated by AWS on ' || deprecated_on
    ELSE 'Function ' || name || ' uses runtime ' || runtime || ', supported until ' || deprecated_on
  END AS reason,
  json_object('Runtime', runtime, 'PackageType', package_type, 'DeprecationDate', deprecated_on) AS evidence
FROM fn;
