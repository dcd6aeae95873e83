/* ---
id: iam_root_mfa_enabled
title: Root user has MFA enabled
severity: critical
provider: aws
service: iam
resource_type: AWS::IAM::RootUser
rationale: >-
  The root user has unrestricted access to the account and cannot be limited by IAM policies. Without MFA a
  single leaked password gives full control of every resource and of billing.
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
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.CredentialReport') IS NOT 'object' THEN 'error'
    WHEN json_extract(config, '$.CredentialReport.mfa_active') = 'true' THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN json_type(config, '$.CredentialReport') IS NOT 'object' THEN 'The root user''s credential report row was not collected'
    WHEN json_extract(config, '$.CredentialReport.mfa_active') = 'true' THEN 'The root user has an MFA device active'
    ELSE 'The root user has no MFA device active (credential report mfa_active = ' ||
         coalesce(json_extract(config, '$.CredentialReport.mfa_active'), 'missing') || ')'
  END AS reason,
  json_object('mfa_active', json_extract(config, '$.CredentialReport.mfa_active'),
              'password_last_used', json_extract(config, '$.CredentialReport.password_last_used')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::RootUser';
