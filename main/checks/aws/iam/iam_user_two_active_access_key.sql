/* ---
id: iam_user_two_active_access_key
title: IAM users have at most one active access key
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::User
rationale: >-
  IAM allows two access keys per user so a key can be rotated without downtime. Two keys that both stay
  active double the long-lived secrets to protect, and usually mean a rotation was never finished: the old
  key keeps working wherever it leaked. Users with zero or one active key pass.
remediation:
  console: >-
    IAM console > Users > the user > Security credentials > Access keys: confirm which key is in use (Last
    used), deactivate the other one, and delete it once nothing breaks.
  cli: |-
    aws iam list-access-keys --user-name <user>
    aws iam update-access-key --user-name <user> --access-key-id <unused-key-id> --status Inactive
    aws iam delete-access-key --user-name <user> --access-key-id <unused-key-id>
  terraform: |-
    # Keep one aws_iam_access_key per user; remove the block of the retired key:
    resource "aws_iam_access_key" "current" {
      user = aws_iam_user.this.name
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.13: Ensure there is only one active access key available for any single IAM user"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "IAM User Guide: Manage access keys for IAM users (rotating access keys)"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.17]
--- */
WITH users AS (
  SELECT uid, name, json_type(config, '$.AccessKeys') AS keys_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
), per_user AS (
  SELECT users.uid, users.name, users.keys_type,
         count(CASE WHEN k.key_status = 'Active' THEN 1 END) AS active_keys,
         count(CASE WHEN k.access_key_id IS NOT NULL AND k.key_status IS NULL THEN 1 END) AS statusless_keys,
         group_concat(CASE WHEN k.key_status = 'Active' THEN k.access_key_id || ' (created ' || coalesce(k.create_date, 'unknown') || ')' END, ', ') AS active_text,
         json_group_array(json_object('AccessKeyId', k.access_key_id, 'Status', k.key_status, 'CreateDate', k.create_date))
           FILTER (WHERE k.access_key_id IS NOT NULL) AS keys_json
  FROM users LEFT JOIN aws_iam_access_keys k ON k.snapshot_id = @snapshot_id AND k.user_uid = users.uid
  GROUP BY users.uid
)
SELECT uid AS resource_uid,
  CASE
    WHEN keys_type IS NOT 'array' THEN 'error'
    WHEN active_keys > 1 THEN 'fail'
    WHEN statusless_keys > 0 THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN keys_type IS NOT 'array' THEN 'Access keys of IAM user ' || name || ' were not collected (ListAccessKeys failed)'
    WHEN active_keys > 1 THEN 'IAM user ' || name || ' has ' || active_keys || ' active access keys: ' || active_text
    WHEN statusless_keys > 0 THEN 'The status (Active or Inactive) of ' || statusless_keys || ' access key(s) of IAM user ' || name || ' was not reported'
    ELSE 'IAM user ' || name || ' has ' || active_keys || ' active access key(s)'
  END AS reason,
  json_object('activeKeys', active_keys, 'accessKeys', json(coalesce(keys_json, '[]'))) AS evidence
FROM per_user;
