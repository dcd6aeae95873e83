/* ---
id: iam_user_accesskey_unused
title: Active IAM access keys have been used in the last 90 days
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::User
rationale: >-
  An active access key nobody has used for 90 days is a standing credential with no owner watching it: it
  should be deactivated and deleted (PCI DSS 8.2.6 requires removing inactive accounts within 90 days). A key
  that was never used counts from its creation date. Users without active keys are not applicable.
remediation:
  console: >-
    IAM console > Users > the user > Security credentials > Access keys: confirm "Last used" with the owner,
    then Actions > Deactivate, and Delete once nothing breaks.
  cli: |-
    aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive
    aws iam delete-access-key --user-name <user> --access-key-id <key-id>
  terraform: |-
    resource "aws_iam_access_key" "this" {
      user   = aws_iam_user.this.name
      status = "Inactive" # then remove the resource block to delete the key
    }
references:
  - title: "AWS Security Hub control IAM.8: Unused IAM user credentials should be removed"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-8
  - title: "IAM User Guide: Manage access keys for IAM users"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
frameworks:
  soc2-2017: [CC6.2]
  pci-dss-4.0.1: [8.2.6]
  iso27001-2022: [A.5.18]
--- */
WITH users AS (
  SELECT uid, name, json_type(config, '$.AccessKeys') AS keys_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
), keys AS (
  SELECT k.*,
         CAST(julianday(@as_of) - julianday(k.create_date) AS INTEGER) AS age_days,
         CAST(julianday(@as_of) - julianday(coalesce(k.last_used_date, k.create_date)) AS INTEGER) AS idle_days
  FROM aws_iam_access_keys k
  WHERE k.snapshot_id = @snapshot_id AND k.key_status = 'Active'
), judged AS (
  SELECT keys.*,
         last_used_collected AND idle_days > 90 AS stale,
         (NOT last_used_collected AND (age_days IS NULL OR age_days > 90))
           OR (last_used_collected AND idle_days IS NULL) AS unknown
  FROM keys
), per_user AS (
  SELECT users.uid, users.name, users.keys_type,
         count(j.access_key_id) AS active_keys,
         -- A listed key whose Status was not reported could be an active one: its user cannot pass.
         (SELECT count(*) FROM aws_iam_access_keys s
           WHERE s.snapshot_id = @snapshot_id AND s.user_uid = users.uid AND s.key_status IS NULL) AS statusless_keys,
         sum(coalesce(j.stale, 0)) AS stale_keys,
         sum(coalesce(j.unknown, 0)) AS unknown_keys,
         group_concat(CASE WHEN j.stale THEN
           j.access_key_id || CASE WHEN j.last_used_date IS NULL
                                   THEN ' was never used and was created ' || j.idle_days || ' days ago'
                                   ELSE ' was last used ' || j.idle_days || ' days ago' END
         END, '; ') AS stale_text,
         json_group_array(json_object('AccessKeyId', j.access_key_id, 'CreateDate', j.create_date,
                                      'LastUsedDate', j.last_used_date, 'DaysSinceUse', j.idle_days))
           FILTER (WHERE j.access_key_id IS NOT NULL) AS keys_json
  FROM users LEFT JOIN judged j ON j.user_uid = users.uid
  GROUP BY users.uid
)
SELECT uid AS resource_uid,
  CASE
    WHEN keys_type IS NULL THEN 'error'
    WHEN stale_keys > 0 THEN 'fail'
    WHEN unknown_keys > 0 OR statusless_keys > 0 THEN 'error'
    WHEN active_keys = 0 THEN 'n/a'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN keys_type IS NULL THEN 'Access keys of IAM user ' || name || ' were not collected (ListAccessKeys failed)'
    WHEN stale_keys > 0 THEN 'IAM user ' || name || ' has ' || stale_keys || ' active access key(s) unused for more than 90 days: ' || stale_text
    WHEN unknown_keys > 0 THEN 'Last use of ' || unknown_keys || ' active access key(s) of IAM user ' || name || ' was not collected (GetAccessKeyLastUsed failed)'
    WHEN statusless_keys > 0 THEN 'The status (Active or Inactive) of ' || statusless_keys || ' access key(s) of IAM user ' || name || ' was not reported'
    WHEN active_keys = 0 THEN 'IAM user ' || name || ' has no active access keys'
    ELSE 'All ' || active_keys || ' active access key(s) of IAM user ' || name || ' were used in the last 90 days'
  END AS reason,
  json_object('asOf', @as_of, 'activeKeys', json(keys_json)) AS evidence
FROM per_user;
