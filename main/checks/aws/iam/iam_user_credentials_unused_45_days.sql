/* ---
id: iam_user_credentials_unused_45_days
title: IAM user console passwords and active access keys have been used in the last 45 days
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::User
rationale: >-
  A console password or an active access key nobody has used for 45 days is a credential without an owner
  watching it; CIS asks for it to be disabled. The password's last use comes from the credential report
  (password_last_used; a password never used, or last used before IAM tracked it, counts from its last change
  or the user's creation); each active key's last use from GetAccessKeyLastUsed (a never-used key counts from
  its creation). Users with neither a console password nor an active key are not applicable.
remediation:
  console: >-
    IAM console > Users > the user > Security credentials: for the stale credential choose "Manage console
    access" > Disable, or deactivate the access key; delete the user once confirmed with its owner.
  cli: |-
    aws iam delete-login-profile --user-name <user>
    aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive
  terraform: |-
    # Remove the aws_iam_user_login_profile block (console password) and set unused keys inactive:
    resource "aws_iam_access_key" "this" {
      user   = aws_iam_user.this.name
      status = "Inactive"
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.12: Ensure credentials unused for 45 days or greater are disabled"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.22: IAM user credentials unused for 45 days should be removed"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-22
  - title: "IAM User Guide: Getting credential reports for your AWS account"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
frameworks:
  soc2-2017: [CC6.2]
  pci-dss-4.0.1: [8.2.6]
  iso27001-2022: [A.5.18]
--- */
WITH u AS (
  SELECT uid, name, config,
         json_type(config, '$.CredentialReport') AS report_type,
         json_type(config, '$.AccessKeys') AS keys_type,
         json_extract(config, '$.CredentialReport.password_enabled') AS password_enabled,
         json_extract(config, '$.CredentialReport.password_last_used') AS password_used,
         -- Never used (N/A) or used only before IAM tracked it (no_information): idle since the password was set.
         CASE WHEN julianday(json_extract(config, '$.CredentialReport.password_last_used')) IS NOT NULL
              THEN json_extract(config, '$.CredentialReport.password_last_used')
              WHEN json_extract(config, '$.CredentialReport.password_last_used') IN ('N/A', 'no_information')
              THEN coalesce(CASE WHEN julianday(json_extract(config, '$.CredentialReport.password_last_changed')) IS NOT NULL
                                 THEN json_extract(config, '$.CredentialReport.password_last_changed') END,
                            CASE WHEN julianday(json_extract(config, '$.CredentialReport.user_creation_time')) IS NOT NULL
                                 THEN json_extract(config, '$.CredentialReport.user_creation_time') END)
         END AS password_since
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
), keys AS (
  SELECT k.user_uid, k.access_key_id, k.last_used_date, k.last_used_collected,
         CAST(julianday(@as_of) - julianday(coalesce(k.last_used_date, k.create_date)) AS INTEGER) AS idle_days
  FROM aws_iam_access_keys k
  WHERE k.snapshot_id = @snapshot_id AND k.key_status = 'Active'
), per_user AS (
  SELECT u.uid, u.name, u.report_type, u.keys_type, u.password_enabled, u.password_used, u.password_since,
         CAST(julianday(@as_of) - julianday(u.password_since) AS INTEGER) AS password_idle,
         (SELECT count(*) FROM keys WHERE keys.user_uid = u.uid) AS active_keys,
         (SELECT count(*) FROM aws_iam_access_keys s WHERE s.snapshot_id = @snapshot_id AND s.user_uid = u.uid AND s.key_status IS NULL) AS statusless_keys,
         (SELECT count(*) FROM keys WHERE keys.user_uid = u.uid AND (NOT keys.last_used_collected OR keys.idle_days IS NULL)) AS unknown_keys,
         (SELECT group_concat(keys.access_key_id || CASE WHEN keys.last_used_date IS NULL THEN ' never used, created ' ELSE ' last used ' END ||
                              keys.idle_days || ' days ago', '; ')
            FROM keys WHERE keys.user_uid = u.uid AND keys.last_used_collected AND keys.idle_days > 45) AS stale_keys
  FROM u
), judged AS (
  SELECT per_user.*,
         password_enabled = 'true' AND password_idle > 45 AS password_stale,
         report_type IS NOT 'object' OR password_enabled IS NULL OR (password_enabled = 'true' AND password_idle IS NULL) AS password_unknown
  FROM per_user
)
SELECT uid AS resource_uid,
  CASE
    WHEN password_stale OR stale_keys IS NOT NULL THEN 'fail'
    WHEN password_unknown OR keys_type IS NOT 'array' OR unknown_keys > 0 OR statusless_keys > 0 THEN 'error'
    WHEN password_enabled IS NOT 'true' AND active_keys = 0 THEN 'n/a'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN password_stale OR stale_keys IS NOT NULL THEN
      'IAM user ' || name || ' has credentials unused for more than 45 days: ' ||
      rtrim(CASE WHEN password_stale THEN 'console password ' ||
                   CASE WHEN julianday(password_used) IS NOT NULL THEN 'last used ' ELSE 'never used (' || password_used || '), set ' END ||
                   password_idle || ' days ago; ' ELSE '' END ||
            coalesce('access key ' || stale_keys, ''), '; ')
    WHEN report_type IS NULL THEN 'Console password use of IAM user ' || name || ' is unknown: the credential report was not collected'
    WHEN report_type IS NOT 'object' THEN 'Console password use of IAM user ' || name || ' is unknown: the user has no row in the credential report'
    WHEN password_enabled IS NULL THEN 'Console password use of IAM user ' || name || ' is unknown: its credential report row has no password_enabled value'
    WHEN password_unknown THEN 'Console password use of IAM user ' || name || ' is unknown: password_last_used has an unexpected form (' || coalesce(password_used, 'missing') || ')'
    WHEN keys_type IS NOT 'array' THEN 'Access keys of IAM user ' || name || ' were not collected (ListAccessKeys failed)'
    WHEN unknown_keys > 0 THEN 'Last use of ' || unknown_keys || ' active access key(s) of IAM user ' || name || ' was not collected (GetAccessKeyLastUsed failed)'
    WHEN statusless_keys > 0 THEN 'The status (Active or Inactive) of ' || statusless_keys || ' access key(s) of IAM user ' || name || ' was not reported'
    WHEN password_enabled IS NOT 'true' AND active_keys = 0 THEN 'IAM user ' || name || ' has no console password and no active access key'
    ELSE 'IAM user ' || name || ' used its ' ||
         rtrim(CASE WHEN password_enabled = 'true' THEN 'console password (' || password_idle || ' days ago), ' ELSE '' END ||
               CASE WHEN active_keys > 0 THEN active_keys || ' active access key(s), ' ELSE '' END, ', ') ||
         ' within the last 45 days'
  END AS reason,
  json_object('asOf', @as_of, 'password_enabled', password_enabled, 'password_last_used', password_used,
              'passwordIdleDays', password_idle, 'activeKeys', active_keys) AS evidence
FROM judged;
