/* ---
id: monitor_diagnostic_settings_exists
title: Subscription activity log is exported by a diagnostic setting
severity: medium
provider: azure
service: monitor
resource_type: Microsoft.Resources/subscriptions
rationale: >-
  The activity log records every control-plane change in the subscription (who created, changed or deleted what),
  but Azure keeps it only 90 days and offers no analysis beyond the portal. A subscription diagnostic setting
  exports it to a Log Analytics workspace, storage account or event hub, where it can be retained, searched and
  alerted on. The subscription passes when at least one diagnostic setting exists, fails when the list is empty,
  and answers error when the list could not be read.
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
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 6.1.1: Ensure that a 'Diagnostic Setting' exists for Subscription Activity Logs"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark LT-3: Enable logging for security investigation"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-3-enable-logging-for-security-investigation
  - title: "Microsoft Learn: Diagnostic settings in Azure Monitor (activity log)"
    url: https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings
  - title: "Azure REST API: Subscription Diagnostic Settings - List (2021-05-01-preview)"
    url: https://learn.microsoft.com/rest/api/monitor/subscription-diagnostic-settings/list
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1]
  iso27001-2022: [A.8.15]
--- */
WITH subs AS (
  SELECT s.uid, s.name, s.config,
         (SELECT e.code FROM collection_errors e WHERE e.snapshot_id = @snapshot_id AND e.operation = 'SubscriptionDiagnosticSettings_List'
          AND (e.resource IS NULL OR lower(e.resource) = s.uid) ORDER BY e.seq LIMIT 1) AS gap_code,
         (SELECT json_group_array(d.name) FROM resources d WHERE d.snapshot_id = @snapshot_id
            AND d.type = 'Microsoft.Insights/diagnosticSettings' AND d.uid LIKE s.uid || '/%') AS settings,
         (SELECT count(*) FROM resources d WHERE d.snapshot_id = @snapshot_id
            AND d.type = 'Microsoft.Insights/diagnosticSettings' AND d.uid LIKE s.uid || '/%') AS n
  FROM resources s
  WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions'
)
SELECT uid AS resource_uid,
  CASE WHEN n > 0 THEN 'pass' WHEN gap_code IS NOT NULL THEN 'error' ELSE 'fail' END AS status,
  CASE
    WHEN n > 0 THEN 'Subscription ' || name || ' exports its activity log through diagnostic setting(s) ' || settings
    WHEN gap_code IS NOT NULL THEN
      'Activity log diagnostic settings of subscription ' || name || ' were not collected (SubscriptionDiagnosticSettings_List failed: '
      || gap_code || '), so an export of the activity log is unconfirmed'
    ELSE 'Subscription ' || name || ' has no activity log diagnostic setting: the activity log is kept only 90 days and exported nowhere'
  END AS reason,
  json_object('subscriptionId', config ->> '$.subscriptionId', 'diagnosticSettings', json(settings),
              'listError', gap_code) AS evidence
FROM subs;
