/* ---
id: iam_user_mfa_enabled_console_access
title: IAM users with console access have MFA enabled
severity: high
provider: aws
service: iam
resource_type: AWS::IAM::User
rationale: >-
  A console password alone can be phished, guessed or reused from another breach. MFA is required by every
  framework for interactive access to systems holding sensitive data. Users without a console password are
  outside this check (not applicable).
remediation:
  console: >-
    IAM console > Users > the user > Security credentials > Multi-factor authentication (MFA) > Assign MFA
    device. Enforce it with a policy that denies actions when aws:MultiFactorAuthPresent is false.
  cli: |-
    aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile <user>-qr.png --bootstrap-method QRCodePNG
    aws iam enable-mfa-device --user-name <user> --serial-number arn:aws:iam::<account-id>:mfa/<user> --authentication-code1 <code1> --authentication-code2 <code2>
  terraform: |-
    # Deny everything except MFA self-service until the user signs in with MFA.
    data "aws_iam_policy_document" "require_mfa" {
      statement {
        effect      = "Deny"
        not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:GetUser", "sts:GetSessionToken"]
        resources   = ["*"]
        condition {
          test     = "BoolIfExists"
          variable = "aws:MultiFactorAuthPresent"
          values   = ["false"]
        }
      }
    }
    resource "aws_iam_group_policy" "require_mfa" {
      group  = aws_iam_group.console_users.name
      policy = data.aws_iam_policy_document.require_mfa.json
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.10: Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.5: MFA should be enabled for all IAM users that have a console password"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5
  - title: "IAM User Guide: AWS Multi-factor authentication in IAM"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.4.1, 8.4.2]
  iso27001-2022: [A.8.5]
--- */
WITH u AS (
  SELECT uid, name, config,
         json_type(config, '$.CredentialReport') AS report_type,
         json_extract(config, '$.CredentialReport.password_enabled') AS password_enabled,
         json_extract(config, '$.CredentialReport.mfa_active') AS mfa_active,
         coalesce(json_array_length(config, '$.MFADevices'), 0) AS mfa_devices
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::User'
)
SELECT uid AS resource_uid,
  CASE
    WHEN report_type IS NOT 'object' OR password_enabled IS NULL THEN 'error'
    WHEN password_enabled IS NOT 'true' THEN 'n/a'
    WHEN mfa_active = 'true' OR mfa_devices > 0 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN report_type IS NULL THEN 'Console access of IAM user ' || name || ' is unknown: the credential report was not collected'
    WHEN report_type = 'null' THEN 'Console access of IAM user ' || name || ' is unknown: the user has no row in the credential report (created after it was generated?)'
    WHEN report_type IS NOT 'object' OR password_enabled IS NULL THEN
      'Console access of IAM user ' || name || ' is unknown: its credential report row has no password_enabled value'
    WHEN password_enabled IS NOT 'true' THEN 'IAM user ' || name || ' has no console password'
    WHEN mfa_active = 'true' OR mfa_devices > 0 THEN 'IAM user ' || name || ' has console access and ' || max(mfa_devices, 1) || ' MFA device(s)'
    ELSE 'IAM user ' || name || ' has console access (password enabled) and no MFA device'
  END AS reason,
  json_object('password_enabled', password_enabled, 'mfa_active', mfa_active, 'MFADevices', mfa_devices,
              'password_last_used', json_extract(config, '$.CredentialReport.password_last_used')) AS evidence
FROM u;
