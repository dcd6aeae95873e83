/* ---
id: sqlserver_auditing_enabled
title: SQL server auditing is on
severity: medium
provider: azure
service: sql
resource_type: Microsoft.Sql/servers
rationale: >-
  Server-level auditing records database events (logins, queries, permission changes) for every existing and
  future database on the logical server, to an Azure storage account, Log Analytics workspace or Event Hub.
  Without it there is no record to investigate misuse or prove who accessed data. Resource Manager reports it in
  the server's auditingSettings/default as properties.state (Enabled or Disabled).
remediation:
  console: >-
    Azure portal > SQL servers > the server > Security > Auditing: turn on "Enable Azure SQL Auditing", choose a
    destination (storage account, Log Analytics workspace or Event Hub) and Save.
  cli: |-
    az sql server audit-policy update --resource-group <resource-group> --name <server> --state Enabled \
      --log-analytics-target-state Enabled --log-analytics-workspace-resource-id <workspace-id>
  terraform: |-
    resource "azurerm_mssql_server_extended_auditing_policy" "this" {
      server_id              = azurerm_mssql_server.this.id
      log_monitoring_enabled = true
      retention_in_days      = 90
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.1.1: Ensure that 'Auditing' is set to 'On'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Auditing for Azure SQL Database and Azure Synapse Analytics"
    url: https://learn.microsoft.com/azure/azure-sql/database/auditing-overview
  - title: "Azure REST API: Server Blob Auditing Policies - Get"
    url: https://learn.microsoft.com/rest/api/sql/server-blob-auditing-policies/get
  - title: "Microsoft cloud security benchmark LT-3: Enable logging for security investigation"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-3-enable-logging-for-security-investigation
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1]
  iso27001-2022: [A.8.15]
--- */
WITH servers AS (
  SELECT uid, name, config,
         json_type(config, '$.auditingSettings') AS a_type,
         json_extract(config, '$.auditingSettings.properties.state') AS state
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers'
)
SELECT uid AS resource_uid,
  CASE WHEN state = 'Enabled' THEN 'pass' WHEN state = 'Disabled' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN state = 'Enabled' THEN 'Auditing of SQL server ' || name || ' is Enabled'
    WHEN state = 'Disabled' THEN 'Auditing of SQL server ' || name || ' is Disabled'
    WHEN a_type IS NULL THEN 'Auditing settings of SQL server ' || name || ' were not collected (ServerBlobAuditingPolicies_Get failed), so auditing being on is unconfirmed'
    ELSE 'Auditing state of SQL server ' || name || ' was reported in an unexpected form (' || coalesce(quote(state), 'absent') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'state', state,
              'isAzureMonitorTargetEnabled', config -> '$.auditingSettings.properties.isAzureMonitorTargetEnabled',
              'storageEndpoint', config ->> '$.auditingSettings.properties.storageEndpoint') AS evidence
FROM servers
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so auditing of every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
