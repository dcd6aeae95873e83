/* ---
id: securityhub_enabled
title: Security Hub is enabled in the region
severity: medium
provider: aws
service: securityhub
resource_type: AWS::SecurityHub::Hub
rationale: >-
  Security Hub gathers findings from GuardDuty, Inspector, Macie, IAM Access Analyzer and its own control
  checks in one place per region. Without it, findings stay scattered across services and nobody reviews them.
remediation:
  console: >-
    Security Hub console (in the region) > Go to Security Hub > Enable Security Hub (with AWS Organizations,
    use central configuration from the delegated administrator).
  cli: |-
    aws securityhub enable-security-hub --enable-default-standards --region <region>
  terraform: |-
    resource "aws_securityhub_account" "this" {
      enable_default_standards = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 4.16: Ensure AWS Security Hub is enabled"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub User Guide: Enabling Security Hub"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html
frameworks:
  soc2-2017: [CC7.1, CC7.2]
  iso27001-2022: [A.8.9, A.8.16]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Hub') WHEN 'object' THEN 'pass' WHEN 'null' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Hub')
    WHEN 'object' THEN 'Security Hub is enabled in ' || region || coalesce(' (subscribed ' || json_extract(config, '$.Hub.SubscribedAt') || ')', '')
    WHEN 'null' THEN 'Security Hub is not enabled in ' || region || ' (the account is not subscribed)'
    ELSE 'Security Hub status in ' || region || ' was not collected (DescribeHub failed)'
  END AS reason,
  json_object('Region', region, 'Hub', json_extract(config, '$.Hub')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::SecurityHub::Hub';
