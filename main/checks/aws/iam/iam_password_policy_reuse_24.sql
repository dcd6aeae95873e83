/* ---
id: iam_password_policy_reuse_24
title: Account password policy prevents reuse of the last 24 passwords
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::PasswordPolicy
rationale: >-
  When users can cycle back to an old password, a password that leaked once keeps coming back into use.
  Remembering the last 24 passwords (the IAM maximum, and the CIS baseline) makes rotation meaningful; PCI
  DSS 8.3.7 requires at least the last four. IAM omits the setting when reuse prevention is off.
remediation:
  console: >-
    IAM console > Account settings > Password policy > Edit: Custom; "Prevent password reuse" remember 24, save.
  cli: |-
    aws iam update-account-password-policy --password-reuse-prevention 24 --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --allow-users-to-change-password
  terraform: |-
    resource "aws_iam_account_password_policy" "this" {
      password_reuse_prevention = 24
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.9: Ensure IAM password policy prevents password reuse"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.16: Ensure IAM password policy prevents password reuse"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-16
  - title: "IAM User Guide: Set an account password policy for IAM users"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.3.7]
  iso27001-2022: [A.5.17]
--- */
WITH p AS (
  SELECT uid, json_type(config, '$.PasswordPolicy') AS policy_type,
         json_extract(config, '$.PasswordPolicy.PasswordReusePrevention') AS reuse,
         json_type(config, '$.PasswordPolicy.PasswordReusePrevention') AS reuse_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::PasswordPolicy'
)
SELECT uid AS resource_uid,
  CASE
    WHEN policy_type IS NULL THEN 'error'
    WHEN policy_type = 'null' THEN 'fail'
    -- IAM omits PasswordReusePrevention when reuse prevention is off; any other non-number is unexpected.
    WHEN reuse_type IS NOT NULL AND reuse_type IS NOT 'integer' THEN 'error'
    WHEN reuse >= 24 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN policy_type IS NULL THEN 'The account password policy was not collected (GetAccountPasswordPolicy failed)'
    WHEN policy_type = 'null' THEN 'No account password policy is set, so users may reuse any previous password'
    WHEN reuse_type IS NOT NULL AND reuse_type IS NOT 'integer' THEN 'The account password policy''s PasswordReusePrevention has an unexpected form'
    WHEN reuse >= 24 THEN 'The account password policy prevents reuse of the last ' || reuse || ' passwords'
    WHEN reuse IS NULL THEN 'The account password policy does not prevent password reuse (PasswordReusePrevention not set; needs 24)'
    ELSE 'The account password policy prevents reuse of only the last ' || reuse || ' passwords (needs 24)'
  END AS reason,
  json_object('PasswordReusePrevention', reuse) AS evidence
FROM p;
