/* ---
id: sqlserver_public_network_access_disabled
title: SQL server public network access is disabled
severity: medium
provider: azure
service: sql
resource_type: Microsoft.Sql/servers
rationale: >-
  With public network access Disabled, the server accepts connections only through private endpoints and its
  firewall rules are ignored; with it Enabled, the server's public endpoint is reachable wherever the firewall
  rules allow. Resource Manager reports properties.publicNetworkAccess as Enabled, Disabled or
  SecuredByPerimeter (a network security perimeter decides); Disabled and SecuredByPerimeter pass.
remediation:
  console: >-
    Create a private endpoint for the server first, then Azure portal > SQL servers > the server > Security >
    Networking > Public access: select Disable and Save.
  cli: |-
    az sql server update --resource-group <resource-group> --name <server> --enable-public-network false
  terraform: |-
    resource "azurerm_mssql_server" "this" {
      # ...
      public_network_access_enabled = false
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.1.7: Ensure Public Network Access is Disabled"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Azure SQL connectivity settings - Deny public network access"
    url: https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access
  - title: "Azure REST API: Servers - List (properties.publicNetworkAccess)"
    url: https://learn.microsoft.com/rest/api/sql/servers/list
  - title: "Microsoft cloud security benchmark NS-2: Secure cloud native services with network controls"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-2-secure-cloud-native-services-with-network-controls
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.3.1]
  iso27001-2022: [A.8.20]
--- */
WITH servers AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.publicNetworkAccess') AS a_type,
         json_extract(config, '$.properties.publicNetworkAccess') AS access
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers'
)
SELECT uid AS resource_uid,
  CASE
    WHEN a_type = 'text' AND access IN ('Disabled', 'SecuredByPerimeter') THEN 'pass'
    WHEN a_type = 'text' AND access = 'Enabled' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN a_type = 'text' AND access IN ('Disabled', 'SecuredByPerimeter') THEN 'Public network access of SQL server ' || name || ' is ' || access
    WHEN a_type = 'text' AND access = 'Enabled' THEN 'SQL server ' || name || ' accepts connections on its public endpoint (publicNetworkAccess Enabled)'
    WHEN a_type IS NULL OR a_type = 'null' THEN 'Public network access of SQL server ' || name || ' was not reported by Resource Manager (properties.publicNetworkAccess is absent), so the public endpoint being closed is unconfirmed'
    ELSE 'Public network access of SQL server ' || name || ' was reported in an unexpected form (' || quote(access) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'publicNetworkAccess', config -> '$.properties.publicNetworkAccess',
              'privateEndpointConnections', json_array_length(config, '$.properties.privateEndpointConnections')) AS evidence
FROM servers
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so public network access of every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
