/* ---
id: iam_password_policy_expires_passwords_within_90_days_or_less
title: Account password policy expires passwords within 90 days
severity: low
provider: aws
service: iam
resource_type: AWS::IAM::PasswordPolicy
rationale: >-
  PCI DSS 8.3.9 requires passwords used as the only authentication factor to be changed at least every 90
  days (unless the account's security posture is analysed dynamically). IAM console passwords expire only when
  the account password policy sets a maximum age; IAM omits MaxPasswordAge when passwords never expire. Where
  every console user has MFA (see iam_user_mfa_enabled_console_access), an auditor may accept no expiry.
remediation:
  console: >-
    IAM console > Account settings > Password policy > Edit: Custom; "Turn on password expiration" after 90 days or fewer, save.
  cli: |-
    aws iam update-account-password-policy --max-password-age 90 --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --password-reuse-prevention 24 --allow-users-to-change-password
  terraform: |-
    resource "aws_iam_account_password_policy" "this" {
      max_password_age = 90
    }
references:
  - title: "AWS Security Hub control IAM.17: Ensure IAM password policy expires passwords within 90 days or less"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-17
  - title: "IAM User Guide: Set an account password policy for IAM users"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.3.9]
  iso27001-2022: [A.5.17]
--- */
WITH p AS (
  SELECT uid, json_type(config, '$.PasswordPolicy') AS policy_type,
         json_extract(config, '$.PasswordPolicy.ExpirePasswords') AS expire,
         json_extract(config, '$.PasswordPolicy.MaxPasswordAge') AS max_age,
         json_type(config, '$.PasswordPolicy.MaxPasswordAge') AS max_age_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::PasswordPolicy'
)
SELECT uid AS resource_uid,
  CASE
    WHEN policy_type IS NULL THEN 'error'
    WHEN policy_type = 'null' THEN 'fail'
    -- IAM omits MaxPasswordAge when passwords never expire; any other non-number is unexpected.
    WHEN max_age_type IS NOT NULL AND max_age_type IS NOT 'integer' THEN 'error'
    WHEN max_age BETWEEN 1 AND 90 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN policy_type IS NULL THEN 'The account password policy was not collected (GetAccountPasswordPolicy failed)'
    WHEN policy_type = 'null' THEN 'No account password policy is set, so IAM user passwords never expire'
    WHEN max_age_type IS NOT NULL AND max_age_type IS NOT 'integer' THEN 'The account password policy''s MaxPasswordAge has an unexpected form'
    WHEN max_age BETWEEN 1 AND 90 THEN 'The account password policy expires passwords after ' || max_age || ' days'
    WHEN max_age IS NULL THEN 'The account password policy never expires passwords (ExpirePasswords = ' ||
         coalesce(CASE expire WHEN 1 THEN 'true' WHEN 0 THEN 'false' END, 'not reported') || ', no MaxPasswordAge)'
    ELSE 'The account password policy expires passwords only after ' || max_age || ' days (needs 90 or fewer)'
  END AS reason,
  json_object('ExpirePasswords', json(CASE expire WHEN 1 THEN 'true' WHEN 0 THEN 'false' END), 'MaxPasswordAge', max_age) AS evidence
FROM p;
