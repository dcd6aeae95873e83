/* ---
id: iam_no_root_access_key
title: Root user has no active access keys
severity: critical
provider: aws
service: iam
resource_type: AWS::IAM::RootUser
rationale: >-
  Root access keys give programmatic, policy-unrestricted access to the whole account and are easily leaked
  through code or configuration. Day-to-day work should use IAM roles; root keys should not exist.
remediation:
  console: >-
    Sign in as the root user > account menu > Security credentials > Access keys: deactivate, then delete each
    key (check CloudTrail first for any process still using it).
  cli: |-
    Only with the root credentials themselves (no --user-name means "the caller"): aws iam update-access-key --access-key-id <key-id> --status Inactive && aws iam delete-access-key --access-key-id <key-id>
  terraform: |-
    Not manageable with Terraform: root access keys are deleted in the console. Prevent new ones with an SCP denying iam:CreateAccessKey for arn:aws:iam::*:root.
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.4: Ensure no 'root' user account access key exists"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.4: IAM root user access key should not exist"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4
  - title: "IAM User Guide: AWS account root user"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH root AS (
  SELECT uid, config,
         json_type(config, '$.CredentialReport') AS report_type,
         json_extract(config, '$.CredentialReport.access_key_1_active') = 'true' AS key1,
         json_extract(config, '$.CredentialReport.access_key_2_active') = 'true' AS key2,
         json_extract(config, '$.CredentialReport.access_key_1_active') IS NULL
           OR json_extract(config, '$.CredentialReport.access_key_2_active') IS NULL AS keys_unknown
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::RootUser'
)
SELECT uid AS resource_uid,
  CASE
    WHEN report_type IS NOT 'object' THEN 'error'
    WHEN key1 OR key2 THEN 'fail'
    WHEN keys_unknown THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN report_type IS NOT 'object' THEN 'The root user''s credential report row was not collected'
    WHEN key1 AND key2 THEN 'The root user has 2 active access keys'
    WHEN key1 OR key2 THEN 'The root user has 1 active access key (key ' || CASE WHEN key1 THEN '1' ELSE '2' END ||
      ', last rotated ' || coalesce(json_extract(config, '$.CredentialReport.access_key_' || CASE WHEN key1 THEN '1' ELSE '2' END || '_last_rotated'), 'unknown') || ')'
    WHEN keys_unknown THEN 'Whether the root user''s access keys are active was not reported ' ||
      '(its credential report row lacks access_key_1_active or access_key_2_active)'
    ELSE 'The root user has no active access keys'
  END AS reason,
  json_object('access_key_1_active', json_extract(config, '$.CredentialReport.access_key_1_active'),
              'access_key_2_active', json_extract(config, '$.CredentialReport.access_key_2_active')) AS evidence
FROM root;
