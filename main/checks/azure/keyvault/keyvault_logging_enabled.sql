/* ---
id: keyvault_logging_enabled
title: "Key vault's audit events are sent to a log destination (diagnostic setting with AuditEvent)"
severity: medium
provider: azure
service: keyvault
resource_type: Microsoft.KeyVault/vaults
rationale: >-
  Key Vault records every request to its keys, secrets and certificates (who, from where, which operation) only in
  its AuditEvent resource log, and only when a diagnostic setting sends that log somewhere. Without one, use of a
  stolen secret or a mass key deletion leaves no trace to investigate. This check passes when a diagnostic setting
  on the vault enables the AuditEvent category, or the audit or allLogs category group, and names a destination
  (Log Analytics workspace, storage account, event hub or partner solution). The settings are read per vault
  (DiagnosticSettings_List, whose newest api-version is a preview one); when that call failed the answer is error.
remediation:
  console: >-
    Azure portal > Key vaults > the vault > Monitoring > Diagnostic settings > "+ Add diagnostic setting": tick the
    "audit" category group (or AuditEvent), choose "Send to Log Analytics workspace" (and/or archive to a storage
    account with a retention policy), and Save.
  cli: |-
    az monitor diagnostic-settings create --name audit-to-law --resource <vault-id> --workspace <log-analytics-workspace-id> --logs '[{"categoryGroup":"audit","enabled":true}]'
  terraform: |-
    resource "azurerm_monitor_diagnostic_setting" "vault" {
      name                       = "audit-to-law"
      target_resource_id         = azurerm_key_vault.this.id
      log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id
      enabled_log {
        category_group = "audit"
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 6.1.4: Ensure that logging for Azure Key Vault is 'Enabled'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Azure Key Vault logging"
    url: https://learn.microsoft.com/azure/key-vault/general/logging
  - title: "Microsoft cloud security benchmark LT-3: Enable logging for security investigation"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-3-enable-logging-for-security-investigation
  - title: "Azure REST API: Diagnostic Settings - List"
    url: https://learn.microsoft.com/rest/api/monitor/diagnostic-settings/list
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1]
  iso27001-2022: [A.8.15]
--- */
WITH v AS (
  SELECT uid, name, config, json_type(config, '$.diagnosticSettings') AS list_type,
    (SELECT group_concat(s.value ->> '$.name', ', ') FROM json_each(CASE WHEN json_type(config, '$.diagnosticSettings') = 'array' THEN config -> '$.diagnosticSettings' ELSE '[]' END) s
      WHERE (coalesce(s.value ->> '$.properties.workspaceId', '') <> ''
             OR coalesce(s.value ->> '$.properties.storageAccountId', '') <> ''
             OR coalesce(s.value ->> '$.properties.eventHubAuthorizationRuleId', '') <> ''
             OR coalesce(s.value ->> '$.properties.marketplacePartnerId', '') <> '')
        AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_type(s.value, '$.properties.logs') = 'array' THEN s.value -> '$.properties.logs' ELSE '[]' END) l
                    WHERE json_type(l.value, '$.enabled') = 'true'
                      AND (l.value ->> '$.category' = 'AuditEvent'
                           OR lower(l.value ->> '$.categoryGroup') IN ('audit', 'alllogs')))) AS auditing,
    (SELECT group_concat(s.value ->> '$.name', ', ') FROM json_each(CASE WHEN json_type(config, '$.diagnosticSettings') = 'array' THEN config -> '$.diagnosticSettings' ELSE '[]' END) s) AS all_settings
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.KeyVault/vaults'
)
SELECT uid AS resource_uid,
  CASE
    WHEN list_type IS NULL OR list_type <> 'array' THEN 'error'
    WHEN auditing IS NOT NULL THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN list_type IS NULL THEN
      'Diagnostic settings of key vault ' || name || ' were not collected (DiagnosticSettings_List failed), so audit logging is unconfirmed'
    WHEN list_type <> 'array' THEN
      'Diagnostic settings of key vault ' || name || ' were reported in an unexpected form (' || list_type || ')'
    WHEN auditing IS NOT NULL THEN
      'Key vault ' || name || ' sends its audit events (AuditEvent) to a log destination through diagnostic setting(s) ' || auditing
    WHEN all_settings IS NULL THEN
      'Key vault ' || name || ' has no diagnostic setting, so its audit events (AuditEvent) are not recorded'
    ELSE 'Key vault ' || name || ' has diagnostic setting(s) ' || all_settings || ' but none sends the AuditEvent log (category AuditEvent or group audit/allLogs) to a destination'
  END AS reason,
  json_object('id', config ->> '$.id', 'diagnosticSettings',
    (SELECT json_group_array(json_object('name', s.value ->> '$.name',
        'workspaceId', s.value -> '$.properties.workspaceId', 'storageAccountId', s.value -> '$.properties.storageAccountId',
        'eventHubAuthorizationRuleId', s.value -> '$.properties.eventHubAuthorizationRuleId',
        'logs', s.value -> '$.properties.logs'))
     FROM json_each(CASE WHEN json_type(config, '$.diagnosticSettings') = 'array' THEN config -> '$.diagnosticSettings' ELSE '[]' END) s)) AS evidence
FROM v
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Key vaults of subscription ' || s.name || ' were not collected (Vaults_ListBySubscription failed: ' || e.code || '), so audit logging on every vault is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Vaults_ListBySubscription' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
