/* ---
id: iam_root_mfa_enabled
title: Root user has MFA enabled
severity: critical
provider: aws
service: iam
resource_type: AWS::IAM::RootUser
rationale: >-
  The root user has unrestricted access to the account and cannot be limited by IAM policies. Without MFA a
  single leaked password gives full control of every resource and of billing. The answer comes from the
  credential report's <root_account> row (mfa_active); when that row was not collected it comes from the
  account summary (GetAccountSummary AccountMFAEnabled), and the finding says which source it used.
remediation:
  console: >-
    Sign in as the root user > account menu > Security credentials > Multi-factor authentication (MFA) >
    Assign MFA device; prefer a hardware security key or passkey, and store it under dual control.
  cli: |-
    Root MFA can only be assigned in the console while signed in as root. To confirm afterwards: aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled' (1 = enabled).
  terraform: |-
    Not manageable with Terraform: root-user MFA is assigned in the console. In an AWS Organization, prefer centralised root access management (aws organizations enable-aws-service-access --service-principal iam.amazonaws.com).
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.5: Ensure MFA is enabled for the 'root' user account"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.9: MFA should be enabled for the root user"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-9
  - title: "IAM User Guide: AWS account root user"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.4.1, 8.4.2]
  iso27001-2022: [A.8.2, A.8.5]
--- */
WITH root AS (
  SELECT uid,
         json_type(config, '$.CredentialReport') AS report_type,
         json_extract(config, '$.CredentialReport.mfa_active') AS mfa_active,
         json_type(config, '$.AccountSummary') AS summary_type,
         json_type(config, '$.AccountSummary.AccountMFAEnabled') AS summary_mfa_type,
         json_extract(config, '$.AccountSummary.AccountMFAEnabled') AS summary_mfa
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::RootUser'
), judged AS (
  SELECT root.*,
    -- The report row is the primary source; the account summary answers only when the row says nothing.
    CASE
      WHEN report_type = 'object' AND mfa_active IN ('true', 'false') THEN 'credential report'
      WHEN summary_mfa_type = 'integer' AND summary_mfa IN (0, 1) THEN 'account summary'
    END AS source
  FROM root
)
SELECT uid AS resource_uid,
  CASE
    WHEN source IS NULL THEN 'error'
    WHEN source = 'credential report' THEN CASE mfa_active WHEN 'true' THEN 'pass' ELSE 'fail' END
    ELSE CASE summary_mfa WHEN 1 THEN 'pass' ELSE 'fail' END
  END AS status,
  CASE
    WHEN source IS NULL THEN
      'Root MFA is unknown: ' ||
      CASE WHEN report_type = 'object' THEN 'the root user''s credential report row has no readable mfa_active value'
           ELSE 'the root user''s credential report row was not collected' END ||
      ' and ' ||
      CASE WHEN summary_type IS NULL THEN 'the account summary was not collected (GetAccountSummary failed)'
           ELSE 'the account summary has no readable AccountMFAEnabled value' END
    WHEN source = 'credential report' AND mfa_active = 'true' THEN
      'The root user has an MFA device active (credential report mfa_active = true)'
    WHEN source = 'credential report' THEN
      'The root user has no MFA device active (credential report mfa_active = false)'
    WHEN summary_mfa = 1 THEN
      'The root user has an MFA device active (account summary AccountMFAEnabled = 1; the credential report row was not collected)'
    ELSE
      'The root user has no MFA device active (account summary AccountMFAEnabled = 0; the credential report row was not collected)'
  END AS reason,
  json_object('source', source, 'mfa_active', mfa_active, 'AccountMFAEnabled', summary_mfa) AS evidence
FROM judged;
