/* ---
id: iam_avoid_root_usage
title: Root user has not been used in the last 90 days
severity: high
provider: aws
service: iam
resource_type: AWS::IAM::RootUser
rationale: >-
  The root user cannot be restricted by IAM policies and is meant only for the few tasks that need it (for
  example closing the account or changing the support plan). Recent use of the root password or a root
  access key means day-to-day administration is being done with the one identity that cannot be limited or
  attributed to a person. The credential report's password_last_used and access_key_N_last_used_date show
  the last use; any within 90 days of the snapshot fails.
remediation:
  console: >-
    Review CloudTrail for userIdentity.type = Root to find who used the root user and why; create IAM Identity
    Center users or IAM roles for those tasks, delete root access keys, put the root password and MFA device
    under dual control, and alert on root sign-in (EventBridge rule on AWS Console Sign In via CloudTrail).
  cli: |-
    aws iam generate-credential-report
    aws iam get-credential-report --query Content --output text | base64 -d | grep '<root_account>'
  terraform: |-
    # Alert on any root activity (CIS 4.3):
    resource "aws_cloudwatch_event_rule" "root_activity" {
      name          = "root-activity"
      event_pattern = jsonencode({ detail = { userIdentity = { type = ["Root"] } } })
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.7: Eliminate use of the 'root' user for administrative and daily tasks"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "IAM User Guide: Tasks that require root user credentials"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH root AS (
  SELECT uid,
         json_type(config, '$.CredentialReport') AS report_type,
         json_extract(config, '$.CredentialReport.password_last_used') AS password_used,
         json_extract(config, '$.CredentialReport.access_key_1_last_used_date') AS key1_used,
         json_extract(config, '$.CredentialReport.access_key_2_last_used_date') AS key2_used
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::RootUser'
), aged AS (
  -- The report says N/A (never used, or no such key) or no_information (before IAM tracked it) instead of a
  -- date; any other text is an unexpected form and proves nothing.
  SELECT root.*,
    CAST(julianday(@as_of) - julianday(password_used) AS INTEGER) AS password_days,
    CAST(julianday(@as_of) - julianday(key1_used) AS INTEGER) AS key1_days,
    CAST(julianday(@as_of) - julianday(key2_used) AS INTEGER) AS key2_days,
    (password_used IS NULL OR (julianday(password_used) IS NULL AND password_used NOT IN ('N/A', 'no_information', 'not_supported')))
      OR (key1_used IS NULL OR (julianday(key1_used) IS NULL AND key1_used <> 'N/A'))
      OR (key2_used IS NULL OR (julianday(key2_used) IS NULL AND key2_used <> 'N/A')) AS unreadable
  FROM root
), judged AS (
  SELECT aged.*,
    rtrim(
      CASE WHEN password_days <= 90 THEN 'password last used ' || password_days || ' days ago (' || password_used || '); ' ELSE '' END ||
      CASE WHEN key1_days <= 90 THEN 'access key 1 last used ' || key1_days || ' days ago (' || key1_used || '); ' ELSE '' END ||
      CASE WHEN key2_days <= 90 THEN 'access key 2 last used ' || key2_days || ' days ago (' || key2_used || '); ' ELSE '' END,
      '; ') AS recent
  FROM aged
)
SELECT uid AS resource_uid,
  CASE
    WHEN report_type IS NOT 'object' THEN 'error'
    WHEN recent <> '' THEN 'fail'
    WHEN unreadable THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN report_type IS NOT 'object' THEN 'The root user''s credential report row was not collected, so its last use is unknown'
    WHEN recent <> '' THEN 'The root user was used in the last 90 days: ' || recent
    WHEN unreadable THEN
      'The root user''s last use is unknown: its credential report row has no readable password_last_used or access_key_N_last_used_date (' ||
      coalesce(password_used, 'missing') || ', ' || coalesce(key1_used, 'missing') || ', ' || coalesce(key2_used, 'missing') || ')'
    ELSE 'The root user was not used in the last 90 days (password last used: ' || password_used ||
         '; access key 1: ' || key1_used || '; access key 2: ' || key2_used || ')'
  END AS reason,
  json_object('asOf', @as_of, 'password_last_used', password_used, 'access_key_1_last_used_date', key1_used,
              'access_key_2_last_used_date', key2_used) AS evidence
FROM judged;
