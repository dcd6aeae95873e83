/* ---
id: sqlserver_unrestricted_inbound_access
title: SQL server firewall does not allow every IPv4 address
severity: high
provider: azure
service: sql
resource_type: Microsoft.Sql/servers
rationale: >-
  A server-level firewall rule from 0.0.0.0 to 255.255.255.255 lets any host on the internet reach the server's
  TDS endpoint, leaving only the login between an attacker and the data; password spraying against SQL logins is
  routine. Firewall rules should name the client networks that need access, or the server should be reached
  through private endpoints.
remediation:
  console: >-
    Azure portal > SQL servers > the server > Security > Networking: under Firewall rules delete the rule whose
    start IP is 0.0.0.0 and end IP is 255.255.255.255; add rules for the specific client ranges instead, and
    Save.
  cli: |-
    az sql server firewall-rule delete --resource-group <resource-group> --server <server> --name <rule>
  terraform: |-
    resource "azurerm_mssql_firewall_rule" "office" {
      name             = "office"
      server_id        = azurerm_mssql_server.this.id
      start_ip_address = "203.0.113.0" # the client network, never 0.0.0.0-255.255.255.255
      end_ip_address   = "203.0.113.255"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.1.2: Ensure no Azure SQL Databases allow ingress from 0.0.0.0/0 (ANY IP)"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Azure SQL Database and Azure Synapse IP firewall rules"
    url: https://learn.microsoft.com/azure/azure-sql/database/firewall-configure
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
    AND trim(json_extract(r.value, '$.properties.endIpAddress')) = '255.255.255.255'
  GROUP BY s.uid
)
SELECT s.uid AS resource_uid,
  CASE WHEN s.r_type IS NOT 'array' THEN 'error' WHEN o.n > 0 THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN s.r_type IS NULL THEN 'Firewall rules of SQL server ' || s.name || ' were not collected (FirewallRules_ListByServer failed), so the absence of a rule allowing every address is unconfirmed'
    WHEN s.r_type IS NOT 'array' THEN 'Firewall rules of SQL server ' || s.name || ' were collected in an unexpected form (not a list)'
    WHEN o.n > 0 THEN 'SQL server ' || s.name || ' has firewall rule ' || (SELECT group_concat(value, ', ') FROM json_each(o.names)) || ' allowing every IPv4 address (0.0.0.0-255.255.255.255)'
    ELSE 'None of the ' || json_array_length(s.config, '$.firewallRules') || ' firewall rules of SQL server ' || s.name || ' is 0.0.0.0-255.255.255.255'
  END AS reason,
  json_object('id', s.config ->> '$.id', 'OffendingRules', json(coalesce(o.names, '[]')),
              'RuleCount', CASE WHEN s.r_type = 'array' THEN json_array_length(s.config, '$.firewallRules') END) AS evidence
FROM servers s LEFT JOIN offending o ON o.uid = s.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so the absence of a rule allowing every address for every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
