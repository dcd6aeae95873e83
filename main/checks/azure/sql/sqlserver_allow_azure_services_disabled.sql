/* ---
id: sqlserver_allow_azure_services_disabled
title: SQL server does not allow access from all Azure services
severity: medium
provider: azure
service: sql
resource_type: Microsoft.Sql/servers
rationale: >-
  The "Allow Azure services and resources to access this server" switch is stored as a firewall rule from
  0.0.0.0 to 0.0.0.0 (usually named AllowAllWindowsAzureIps). It admits connections from any Azure resource,
  including other customers' subscriptions, not only the organisation's own. Access from Azure workloads should
  use virtual network rules or private endpoints.
remediation:
  console: >-
    Azure portal > SQL servers > the server > Security > Networking: clear "Allow Azure services and resources
    to access this server" and Save; give the workloads that need access a virtual network rule or a private
    endpoint.
  cli: |-
    az sql server firewall-rule delete --resource-group <resource-group> --server <server> --name AllowAllWindowsAzureIps
  terraform: |-
    # Do not declare an azurerm_mssql_firewall_rule with start and end 0.0.0.0; use a VNet rule instead:
    resource "azurerm_mssql_virtual_network_rule" "app" {
      name      = "app-subnet"
      server_id = azurerm_mssql_server.this.id
      subnet_id = azurerm_subnet.app.id
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.1.2: Ensure no Azure SQL Databases allow ingress from 0.0.0.0/0 (ANY IP)"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Azure SQL IP firewall rules - Connections from inside Azure"
    url: https://learn.microsoft.com/azure/azure-sql/database/firewall-configure#connections-from-inside-azure
  - title: "Azure REST API: Firewall Rules - List By Server"
    url: https://learn.microsoft.com/rest/api/sql/firewall-rules/list-by-server
  - title: "Microsoft cloud security benchmark NS-2: Secure cloud native services with network controls"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-2-secure-cloud-native-services-with-network-controls
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.3.1]
  iso27001-2022: [A.8.20]
--- */
WITH servers AS (
  SELECT uid, name, config, json_type(config, '$.firewallRules') AS r_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers'
), offending AS (
  SELECT s.uid, json_group_array(json_extract(r.value, '$.name')) AS names, count(*) AS n
  FROM servers s, json_each(s.config, '$.firewallRules') r
  WHERE s.r_type = 'array'
    AND trim(json_extract(r.value, '$.properties.startIpAddress')) = '0.0.0.0'
    AND trim(json_extract(r.value, '$.properties.endIpAddress')) = '0.0.0.0'
  GROUP BY s.uid
)
SELECT s.uid AS resource_uid,
  CASE WHEN s.r_type IS NOT 'array' THEN 'error' WHEN o.n > 0 THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN s.r_type IS NULL THEN 'Firewall rules of SQL server ' || s.name || ' were not collected (FirewallRules_ListByServer failed), so the absence of the allow-all-Azure-services rule is unconfirmed'
    WHEN s.r_type IS NOT 'array' THEN 'Firewall rules of SQL server ' || s.name || ' were collected in an unexpected form (not a list)'
    WHEN o.n > 0 THEN 'SQL server ' || s.name || ' has firewall rule ' || (SELECT group_concat(value, ', ') FROM json_each(o.names)) || ' allowing all Azure services (0.0.0.0-0.0.0.0)'
    ELSE 'None of the ' || json_array_length(s.config, '$.firewallRules') || ' firewall rules of SQL server ' || s.name || ' is 0.0.0.0-0.0.0.0'
  END AS reason,
  json_object('id', s.config ->> '$.id', 'OffendingRules', json(coalesce(o.names, '[]')),
              'RuleCount', CASE WHEN s.r_type = 'array' THEN json_array_length(s.config, '$.firewallRules') END) AS evidence
FROM servers s LEFT JOIN offending o ON o.uid = s.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so the absence of the allow-all-Azure-services rule for every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
