/* ---
id: defender_ensure_defender_for_arm_is_on
title: Microsoft Defender for Resource Manager is on (Standard tier) in the subscription
severity: high
provider: azure
service: defender
resource_type: Microsoft.Security/pricings
rationale: >-
  Microsoft Defender for Resource Manager protects Azure Resource Manager: detection of suspicious management
  operations (from the portal, CLI, SDKs and templates). On the Free tier none of it runs, and attacks against
  these resources raise no Defender alert. Defender for Cloud reports each plan of the subscription from the
  pricings API (the Arm plan): properties.pricingTier is Standard when the plan is on and Free when it is off. The
  check judges one finding per subscription; a plan the API did not report, or a pricings list that failed,
  answers error.
remediation:
  console: >-
    Azure portal > Microsoft Defender for Cloud > Environment settings > the subscription > Defender plans: set
    Resource Manager to On and Save. Plans are billed per protected resource.
  cli: |-
    az security pricing create --name Arm --tier Standard
    # Check:
    az security pricing show --name Arm --query pricingTier
  terraform: |-
    resource "azurerm_security_center_subscription_pricing" "arm" {
      tier          = "Standard"
      resource_type = "Arm"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.1.9.1: Ensure That Microsoft Defender for Resource Manager Is Set To 'On'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark LT-1: Enable threat detection capabilities"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-1-enable-threat-detection-capabilities
  - title: "Microsoft Learn: Overview of Microsoft Defender for Resource Manager"
    url: https://learn.microsoft.com/azure/defender-for-cloud/defender-for-resource-manager-introduction
  - title: "Azure REST API: Pricings - List (properties.pricingTier)"
    url: https://learn.microsoft.com/rest/api/defenderforcloud/pricings/list
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.4.1.1]
  iso27001-2022: [A.8.16]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), plans AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.pricingTier') AS tier_type,
         json_extract(config, '$.properties.pricingTier') AS tier
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Security/pricings' AND lower(name) = lower('Arm')
), failed AS (
  SELECT code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation = 'Pricings_List' ORDER BY seq LIMIT 1
)
SELECT p.uid AS resource_uid,
  CASE
    WHEN p.tier_type = 'text' AND p.tier = 'Standard' THEN 'pass'
    WHEN p.tier_type = 'text' AND p.tier = 'Free' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN p.tier_type = 'text' AND p.tier = 'Standard' THEN
      'Defender for Resource Manager (Arm) is on: pricingTier Standard' || coalesce(' (sub-plan ' || json_extract(p.config, '$.properties.subPlan') || ')', '')
    WHEN p.tier_type = 'text' AND p.tier = 'Free' THEN
      'Defender for Resource Manager (Arm) is off: pricingTier Free'
    WHEN p.tier_type IS NULL OR p.tier_type = 'null' THEN
      'The pricing tier of Defender for Resource Manager (Arm) was not reported (properties.pricingTier is absent), so the plan being on is unconfirmed'
    ELSE 'The pricing tier of Defender for Resource Manager (Arm) was reported in an unexpected form (' || coalesce(quote(p.tier), p.tier_type) || ')'
  END AS reason,
  json_object('id', p.config ->> '$.id', 'pricingTier', p.config -> '$.properties.pricingTier',
              'subPlan', p.config -> '$.properties.subPlan', 'enablementTime', p.config -> '$.properties.enablementTime') AS evidence
FROM plans p
UNION ALL
-- No plan to judge: the list failed (population unknown) or did not report this plan.
SELECT s.uid AS resource_uid, 'error' AS status,
  CASE
    WHEN f.code IS NOT NULL THEN 'Defender plans of subscription ' || s.name || ' were not collected (Pricings_List failed: ' || f.code || '), so Defender for Resource Manager being on is unconfirmed'
    ELSE 'Defender for Resource Manager (Arm) of subscription ' || s.name || ' was not reported by Pricings_List, so the plan being on is unconfirmed'
  END AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'plan', 'Arm', 'operation', 'Pricings_List', 'code', f.code) AS evidence
FROM subs s LEFT JOIN failed f ON 1
WHERE NOT EXISTS (SELECT 1 FROM plans p WHERE p.uid LIKE s.uid || '/%');
