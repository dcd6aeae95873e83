/* ---
id: iam_password_policy_strong
title: Account password policy meets the minimum strength baseline
severity: medium
provider: aws
service: iam
resource_type: AWS::IAM::PasswordPolicy
rationale: >-
  IAM user passwords are only as strong as the account password policy allows. The baseline (CIS AWS
  Foundations) is: at least 14 characters, upper- and lower-case letters, numbers and symbols required, and
  the last 24 passwords not reusable. With no policy, AWS accepts 8-character passwords of any composition.
remediation:
  console: >-
    IAM console > Account settings > Password policy > Edit: Custom; minimum length 14, require at least one
    uppercase, lowercase, number and non-alphanumeric character, prevent password reuse (24), save.
  cli: |-
    aws iam update-account-password-policy --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --password-reuse-prevention 24 --allow-users-to-change-password
  terraform: |-
    resource "aws_iam_account_password_policy" "baseline" {
      minimum_password_length        = 14
      require_uppercase_characters   = true
      require_lowercase_characters   = true
      require_numbers                = true
      require_symbols                = true
      password_reuse_prevention      = 24
      allow_users_to_change_password = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.8: Ensure IAM password policy requires minimum length of 14 or greater"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.9: Ensure IAM password policy prevents password reuse"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "IAM User Guide: Set an account password policy for IAM users"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.3.6, 8.3.7]
  iso27001-2022: [A.5.17]
--- */
WITH p AS (
  SELECT uid, json_type(config, '$.PasswordPolicy') AS policy_type, json_extract(config, '$.PasswordPolicy') AS policy
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::PasswordPolicy'
), judged AS (
  SELECT p.*,
    rtrim(
      CASE WHEN coalesce(json_extract(policy, '$.MinimumPasswordLength'), 0) >= 14 THEN ''
           ELSE 'minimum length is ' || coalesce(json_extract(policy, '$.MinimumPasswordLength'), 'not set') || ' (needs 14 or more); ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireUppercaseCharacters'), 0) = 1 THEN '' ELSE 'upper-case letters not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireLowercaseCharacters'), 0) = 1 THEN '' ELSE 'lower-case letters not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireNumbers'), 0) = 1 THEN '' ELSE 'numbers not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.RequireSymbols'), 0) = 1 THEN '' ELSE 'symbols not required; ' END ||
      CASE WHEN coalesce(json_extract(policy, '$.PasswordReusePrevention'), 0) >= 24 THEN ''
           ELSE 'reuse prevention remembers ' || coalesce(json_extract(policy, '$.PasswordReusePrevention'), 0) || ' passwords (needs 24); ' END,
      '; ') AS shortfalls
  FROM p
)
SELECT uid AS resource_uid,
  CASE WHEN policy_type IS NULL THEN 'error' WHEN policy_type = 'null' OR shortfalls <> '' THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN policy_type IS NULL THEN 'The account password policy was not collected (GetAccountPasswordPolicy failed)'
    WHEN policy_type = 'null' THEN 'No account password policy is set, so IAM accepts any password of 8 or more characters'
    WHEN shortfalls <> '' THEN 'The account password policy is weaker than the baseline: ' || shortfalls
    ELSE 'The account password policy requires ' || json_extract(policy, '$.MinimumPasswordLength') ||
         '+ characters with upper- and lower-case letters, numbers and symbols, and blocks reuse of the last ' ||
         json_extract(policy, '$.PasswordReusePrevention') || ' passwords'
  END AS reason,
  json_object('PasswordPolicy', json(policy), 'Shortfalls', nullif(shortfalls, '')) AS evidence
FROM judged;
