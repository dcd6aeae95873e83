/* ---
id: monitor_diagnostic_setting_with_appropriate_categories
title: Subscription activity log export includes the Administrative, Alert, Policy and Security categories
severity: medium
provider: azure
service: monitor
resource_type: Microsoft.Resources/subscriptions
rationale: >-
  A diagnostic setting exports only the activity log categories it names. Without Administrative (every create,
  update and delete), Security (Defender for Cloud alerts), Alert and Policy (Azure Policy evaluations) the exported
  record misses the events an investigation needs. The subscription passes when its enabled diagnostic settings
  together export all four categories (an enabled categoryGroup allLogs covers every category), fails when they do
  not (naming the missing ones) or when there is no setting, and answers error when the settings could not be read.
remediation:
  console: >-
    Azure portal > Monitor > Activity log > Export Activity Logs > select the subscription > Add diagnostic
    setting: tick the Administrative, Security, Alert and Policy categories (or allLogs) and send them to a Log
    Analytics workspace, a storage account or an event hub.
  cli: |-
    az monitor diagnostic-settings subscription create --name activity-log-export --location <region> \
      --workspace <log-analytics-workspace-id> \
      --logs '[{"category":"Administrative","enabled":true},{"category":"Security","enabled":true},{"category":"Alert","enabled":true},{"category":"Policy","enabled":true}]'
  terraform: |-
    resource "azurerm_monitor_diagnostic_setting" "activity_log" {
      name                       = "activity-log-export"
      target_resource_id         = data.azurerm_subscription.current.id
      log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id
      enabled_log { category = "Administrative" }
      enabled_log { category = "Security" }
      enabled_log { category = "Alert" }
      enabled_log { category = "Policy" }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 6.1.2: Ensure Diagnostic Setting captures appropriate categories"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark LT-3: Enable logging for security investigation"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-3-enable-logging-for-security-investigation
  - title: "Microsoft Learn: Azure Monitor activity log categories"
    url: https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema
  - title: "Azure REST API: Subscription Diagnostic Settings - List (2021-05-01-preview)"
    url: https://learn.microsoft.com/rest/api/monitor/subscription-diagnostic-settings/list
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1.2]
  iso27001-2022: [A.8.15]
--- */
WITH subs AS (
  SELECT s.uid, s.name, s.config, (SELECT e.code FROM collection_errors e WHERE e.snapshot_id = @snapshot_id AND e.operation = 'SubscriptionDiagnosticSettings_List'
          AND (e.resource IS NULL OR lower(e.resource) = s.uid) ORDER BY e.seq LIMIT 1) AS gap_code
  FROM resources s
  WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions'
), settings AS (
  SELECT s.uid AS sub_uid, d.name, d.config, json_type(d.config, '$.properties.logs') AS logs_type
  FROM subs s JOIN resources d ON d.snapshot_id = @snapshot_id
    AND d.type = 'Microsoft.Insights/diagnosticSettings' AND d.uid LIKE s.uid || '/%'
), enabled_logs AS (
  -- Enabled log entries: a category, or the allLogs category group (every category).
  SELECT st.sub_uid, st.name, lower(coalesce(json_extract(l.value, '$.category'), '')) AS category,
         lower(coalesce(json_extract(l.value, '$.categoryGroup'), '')) AS grp
  FROM settings st, json_each(st.config, '$.properties.logs') l
  WHERE st.logs_type = 'array' AND json_extract(l.value, '$.enabled') = 1
), required(category) AS (VALUES ('administrative'), ('alert'), ('policy'), ('security')
), coverage AS (
  SELECT s.uid,
    (SELECT group_concat(r.category, ', ') FROM required r WHERE NOT EXISTS (
       SELECT 1 FROM enabled_logs e WHERE e.sub_uid = s.uid AND (e.category = r.category OR e.grp = 'alllogs'))) AS missing,
    (SELECT count(*) FROM settings st WHERE st.sub_uid = s.uid) AS n,
    (SELECT group_concat(st.name, ', ') FROM settings st WHERE st.sub_uid = s.uid AND st.logs_type IS NOT 'array') AS unreadable,
    (SELECT json_group_array(json_object('name', st.name, 'logs', st.config -> '$.properties.logs'))
     FROM settings st WHERE st.sub_uid = s.uid) AS evidence
  FROM subs s
)
SELECT s.uid AS resource_uid,
  CASE
    WHEN c.n > 0 AND c.missing IS NULL THEN 'pass'
    WHEN s.gap_code IS NOT NULL OR c.unreadable IS NOT NULL THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN c.n > 0 AND c.missing IS NULL THEN
      'The activity log of subscription ' || s.name || ' is exported with the Administrative, Alert, Policy and Security categories'
    WHEN s.gap_code IS NOT NULL THEN
      'Activity log diagnostic settings of subscription ' || s.name || ' were not collected (SubscriptionDiagnosticSettings_List failed: '
      || s.gap_code || '), so the categories exported are unconfirmed'
    WHEN c.unreadable IS NOT NULL THEN
      'Log categories of diagnostic setting(s) ' || c.unreadable || ' of subscription ' || s.name
      || ' were not reported as a list (properties.logs), and the others miss ' || c.missing
    WHEN c.n = 0 THEN
      'Subscription ' || s.name || ' has no activity log diagnostic setting, so no category (administrative, alert, policy, security) is exported'
    ELSE 'The activity log diagnostic settings of subscription ' || s.name || ' do not export the categories ' || c.missing
  END AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'missing', c.missing,
              'diagnosticSettings', json(c.evidence), 'listError', s.gap_code) AS evidence
FROM subs s JOIN coverage c ON c.uid = s.uid;
