/* ---
id: sqlserver_auditing_retention_90_days
title: SQL server audit logs are kept for at least 90 days
severity: low
provider: azure
service: sql
resource_type: Microsoft.Sql/servers
rationale: >-
  Audit records are only useful if they still exist when an incident is found, often weeks later. The server's
  auditing settings keep records for properties.retentionDays days (0 means they are never deleted). The check
  passes when auditing is Enabled and retentionDays is 0 or at least 90; it fails when retention is shorter or
  auditing is off (nothing is retained). retentionDays governs the storage-account destination; a Log Analytics
  destination keeps records for the workspace's own retention, which should also be at least 90 days.
remediation:
  console: >-
    Azure portal > SQL servers > the server > Security > Auditing: with Storage as a destination, open Advanced
    properties and set Retention (Days) to 90 or more (0 keeps logs forever); Save.
  cli: |-
    az sql server audit-policy update --resource-group <resource-group> --name <server> --state Enabled \
      --blob-storage-target-state Enabled --storage-account <account> --retention-days 90
  terraform: |-
    resource "azurerm_mssql_server_extended_auditing_policy" "this" {
      server_id         = azurerm_mssql_server.this.id
      storage_endpoint  = azurerm_storage_account.audit.primary_blob_endpoint
      retention_in_days = 90 # or 0 for unlimited
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.1.6: Ensure that 'Auditing' Retention is 'greater than 90 days'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Auditing for Azure SQL Database - storage destination and retention"
    url: https://learn.microsoft.com/azure/azure-sql/database/audit-write-storage-account-vnet-firewall
  - title: "Azure REST API: Server Blob Auditing Policies - Get (retentionDays)"
    url: https://learn.microsoft.com/rest/api/sql/server-blob-auditing-policies/get
  - title: "Microsoft cloud security benchmark LT-6: Configure log storage retention"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-6-configure-log-storage-retention
frameworks:
  iso27001-2022: [A.8.15]
--- */
WITH servers AS (
  SELECT uid, name, config,
         json_type(config, '$.auditingSettings') AS a_type,
         json_extract(config, '$.auditingSettings.properties.state') AS state,
         json_type(config, '$.auditingSettings.properties.retentionDays') AS r_type,
         json_extract(config, '$.auditingSettings.properties.retentionDays') AS days
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers'
)
SELECT uid AS resource_uid,
  CASE
    WHEN state = 'Disabled' THEN 'fail'
    WHEN state = 'Enabled' AND r_type = 'integer' AND (days = 0 OR days >= 90) THEN 'pass'
    WHEN state = 'Enabled' AND r_type = 'integer' AND days BETWEEN 1 AND 89 THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN state = 'Disabled' THEN 'Auditing of SQL server ' || name || ' is Disabled, so no audit records are retained'
    WHEN state = 'Enabled' AND r_type = 'integer' AND days = 0 THEN 'SQL server ' || name || ' keeps audit records without a time limit (retentionDays 0)'
    WHEN state = 'Enabled' AND r_type = 'integer' AND days >= 90 THEN 'SQL server ' || name || ' keeps audit records for ' || days || ' days'
    WHEN state = 'Enabled' AND r_type = 'integer' AND days BETWEEN 1 AND 89 THEN 'SQL server ' || name || ' keeps audit records for only ' || days || ' days (fewer than 90)'
    WHEN a_type IS NULL THEN 'Auditing settings of SQL server ' || name || ' were not collected (ServerBlobAuditingPolicies_Get failed), so the audit retention is unconfirmed'
    ELSE 'Audit retention of SQL server ' || name || ' was reported in an unexpected form (state ' || coalesce(quote(state), 'absent') || ', retentionDays ' || coalesce(quote(days), 'absent') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'state', state, 'retentionDays', days) AS evidence
FROM servers
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so the audit retention of every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
