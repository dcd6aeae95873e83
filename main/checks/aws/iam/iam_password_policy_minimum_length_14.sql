/* ---
id: iam_password_policy_minimum_length_14
title: Account password policy requires passwords of at least 14 characters
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::PasswordPolicy
rationale: >-
  Length is what makes a password hard to guess or crack offline. Without an account password policy IAM
  accepts 8-character passwords. CIS asks for 14 or more; PCI DSS 8.3.6 requires at least 12 (14 meets it).
remediation:
  console: >-
    IAM console > Account settings > Password policy > Edit: Custom; "Password minimum length" 14 or more, save.
  cli: |-
    aws iam update-account-password-policy --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --password-reuse-prevention 24 --allow-users-to-change-password
  terraform: |-
    resource "aws_iam_account_password_policy" "this" {
      minimum_password_length = 14
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.8: Ensure IAM password policy requires minimum length of 14 or greater"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.15: Ensure IAM password policy requires minimum password length of 14 or greater"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-15
  - title: "IAM User Guide: Set an account password policy for IAM users"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.3.6]
  iso27001-2022: [A.5.17]
--- */
WITH p AS (
  SELECT uid, json_type(config, '$.PasswordPolicy') AS policy_type,
         json_extract(config, '$.PasswordPolicy.MinimumPasswordLength') AS min_length,
         json_type(config, '$.PasswordPolicy.MinimumPasswordLength') AS min_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::PasswordPolicy'
)
SELECT uid AS resource_uid,
  CASE
    WHEN policy_type IS NULL THEN 'error'
    WHEN policy_type = 'null' THEN 'fail'
    WHEN min_type IS NOT 'integer' THEN 'error'
    WHEN min_length >= 14 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN policy_type IS NULL THEN 'The account password policy was not collected (GetAccountPasswordPolicy failed)'
    WHEN policy_type = 'null' THEN 'No account password policy is set, so IAM accepts passwords of 8 characters'
    WHEN min_type IS NOT 'integer' THEN 'The account password policy''s MinimumPasswordLength was not reported'
    WHEN min_length >= 14 THEN 'The account password policy requires at least ' || min_length || ' characters'
    ELSE 'The account password policy requires only ' || min_length || ' characters (needs 14 or more)'
  END AS reason,
  json_object('MinimumPasswordLength', min_length) AS evidence
FROM p;
