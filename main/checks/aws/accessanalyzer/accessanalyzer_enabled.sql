/* ---
id: accessanalyzer_enabled
title: IAM Access Analyzer (external access) is active in every collected region
severity: low
provider: aws
service: accessanalyzer
resource_type: AWS::AccessAnalyzer::RegionAnalyzers
rationale: >-
  IAM Access Analyzer continuously reads resource policies (buckets, keys, roles, queues, secrets...) and
  reports any that grant access from outside the account or organisation. It is regional: a region without an
  active analyzer has no such monitoring. Each collected region is judged on its own: it passes when an
  external-access analyzer (type ACCOUNT or ORGANIZATION) is ACTIVE there; unused-access analyzers do not
  count. A region whose analyzers could not be listed is an error for that region.
remediation:
  console: >-
    IAM Access Analyzer console (in each region) > Analyzer settings > Create analyzer > Type "External access
    analysis", zone of trust: current account (or the organization, from the delegated administrator).
  cli: |-
    aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region <region>
  terraform: |-
    resource "aws_accessanalyzer_analyzer" "account" {
      analyzer_name = "account-analyzer"
      type          = "ACCOUNT"
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 1.20: Ensure that IAM Access analyzer is enabled for all regions"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control IAM.28: IAM Access Analyzer external access analyzer should be enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-28
  - title: "IAM User Guide: Using AWS Identity and Access Management Access Analyzer"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html
frameworks:
  soc2-2017: [CC7.1]
  iso27001-2022: [A.8.16]
--- */
WITH r AS (
  SELECT uid, region, config,
         json_type(config, '$.Analyzers') AS analyzers_type,
         (SELECT group_concat(json_extract(a.value, '$.name'), ', ') FROM json_each(config, '$.Analyzers') a
           WHERE json_extract(a.value, '$.status') = 'ACTIVE'
             AND json_extract(a.value, '$.type') IN ('ACCOUNT', 'ORGANIZATION')) AS active,
         (SELECT group_concat(json_extract(a.value, '$.name') || ' (' || coalesce(json_extract(a.value, '$.type'), 'type unknown') ||
                              ', ' || coalesce(json_extract(a.value, '$.status'), 'status unknown') || ')', ', ')
            FROM json_each(config, '$.Analyzers') a) AS seen
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::AccessAnalyzer::RegionAnalyzers'
)
SELECT uid AS resource_uid,
  CASE
    WHEN analyzers_type IS NOT 'array' THEN 'error'
    WHEN active IS NOT NULL THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN analyzers_type IS NOT 'array' THEN 'The Access Analyzer analyzers of ' || region || ' were not collected (ListAnalyzers failed)'
    WHEN active IS NOT NULL THEN 'An external-access analyzer is active in ' || region || ': ' || active
    WHEN seen IS NOT NULL THEN 'No external-access analyzer is active in ' || region || ' (seen: ' || seen || ')'
    ELSE 'No Access Analyzer analyzer exists in ' || region
  END AS reason,
  json_object('Region', region, 'Analyzers', json_extract(config, '$.Analyzers')) AS evidence
FROM r;
