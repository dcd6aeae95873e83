/* ---
id: iam_rotate_access_key_90_days
title: Active IAM access keys are rotated within 90 days
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::User
rationale: >-
  Long-lived keys accumulate exposure (laptops, CI logs, old repositories). Rotating at least every 90 days
  bounds how long a leaked key stays useful. Users without active keys are not applicable.
remediation:
  console: >-
    IAM console > Users > the user > Security credentials > Create access key; deploy the new key, then
    deactivate and delete the old one.
  cli: |-
    aws iam create-access-key --user-name <user>
    # deploy the new key, then:
    aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive
    aws iam delete-access-key --user-name <user> --access-key-id <old-key-id>
  terraform: |-
    # Rotate by replacing the key resource, then distribute the new secret:
    terraform apply -replace=aws_iam_access_key.this
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.14: Ensure access keys are rotated every 90 days or less"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.3: IAM users' access keys should be rotated every 90 days or less"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3
  - title: "IAM User Guide: Manage access keys for IAM users"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.17]
--- */
WITH users AS (
  SELECT uid, name, json_type(config, '$.AccessKeys') AS keys_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
), keys AS (
  SELECT k.*, CAST(julianday(@as_of) - julianday(k.create_date) AS INTEGER) AS age_days
  FROM aws_iam_access_keys k
  WHERE k.snapshot_id = @snapshot_id AND k.key_status = 'Active'
), per_user AS (
  SELECT users.uid, users.name, users.keys_type,
         count(k.access_key_id) AS active_keys,
         -- A listed key whose Status was not reported could be an active one: its user cannot pass.
         (SELECT count(*) FROM aws_iam_access_keys s
           WHERE s.snapshot_id = @snapshot_id AND s.user_uid = users.uid AND s.key_status IS NULL) AS statusless_keys,
         count(CASE WHEN k.age_days > 90 THEN 1 END) AS old_keys,
         count(CASE WHEN k.access_key_id IS NOT NULL AND k.age_days IS NULL THEN 1 END) AS undated_keys,
         group_concat(CASE WHEN k.age_days > 90 THEN k.access_key_id || ' is ' || k.age_days || ' days old' END, '; ') AS old_text,
         json_group_array(json_object('AccessKeyId', k.access_key_id, 'CreateDate', k.create_date, 'AgeDays', k.age_days))
           FILTER (WHERE k.access_key_id IS NOT NULL) AS keys_json
  FROM users LEFT JOIN keys k ON k.user_uid = users.uid
  GROUP BY users.uid
)
SELECT uid AS resource_uid,
  CASE
    WHEN keys_type IS NULL THEN 'error'
    WHEN old_keys > 0 THEN 'fail'
    WHEN undated_keys > 0 OR statusless_keys > 0 THEN 'error'
    WHEN active_keys = 0 THEN 'n/a'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN keys_type IS NULL THEN 'Access keys of IAM user ' || name || ' were not collected (ListAccessKeys failed)'
    WHEN old_keys > 0 THEN 'IAM user ' || name || ' has ' || old_keys || ' active access key(s) older than 90 days: ' || old_text
    WHEN undated_keys > 0 THEN 'Creation date of ' || undated_keys || ' active access key(s) of IAM user ' || name || ' was not reported'
    WHEN statusless_keys > 0 THEN 'The status (Active or Inactive) of ' || statusless_keys || ' access key(s) of IAM user ' || name || ' was not reported'
    WHEN active_keys = 0 THEN 'IAM user ' || name || ' has no active access keys'
    ELSE 'All ' || active_keys || ' active access key(s) of IAM user ' || name || ' are 90 days old or newer'
  END AS reason,
  json_object('asOf', @as_of, 'activeKeys', json(keys_json)) AS evidence
FROM per_user;
