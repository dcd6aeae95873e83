/* ---
id: mysql_flexible_server_ssl_connection_enabled
title: MySQL flexible server requires encrypted connections
severity: high
provider: azure
service: mysql
resource_type: Microsoft.DBforMySQL/flexibleServers
rationale: >-
  With the server parameter require_secure_transport OFF, clients may connect without TLS and credentials and
  query results cross the network in clear text. It is ON by default and must be turned off deliberately; the
  check reads the parameter's current value from the server's configurations.
remediation:
  console: >-
    Azure portal > Azure Database for MySQL flexible servers > the server > Settings > Server parameters: set
    require_secure_transport to ON and Save.
  cli: |-
    az mysql flexible-server parameter set --resource-group <resource-group> --server-name <server> \
      --name require_secure_transport --value ON
  terraform: |-
    resource "azurerm_mysql_flexible_server_configuration" "require_secure_transport" {
      name                = "require_secure_transport"
      resource_group_name = azurerm_resource_group.this.name
      server_name         = azurerm_mysql_flexible_server.this.name
      value               = "ON"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.3.1: Ensure server parameter 'require_secure_transport' is set to 'ON' for MySQL flexible server"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Connect to Azure Database for MySQL flexible server with encrypted connections"
    url: https://learn.microsoft.com/azure/mysql/flexible-server/how-to-connect-tls-ssl
  - title: "Azure REST API: MySQL flexible server Configurations - List By Server"
    url: https://learn.microsoft.com/rest/api/mysql/flexibleserver/configurations/list-by-server
  - title: "Microsoft cloud security benchmark DP-3: Encrypt sensitive data in transit"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-3-encrypt-sensitive-data-in-transit
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH servers AS (
  SELECT uid, name, config, json_type(config, '$.configurations') AS c_type,
         (SELECT json_extract(c.value, '$.properties.value') FROM json_each(config, '$.configurations') c
          WHERE json_type(config, '$.configurations') = 'array' AND json_extract(c.value, '$.name') = 'require_secure_transport') AS v
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.DBforMySQL/flexibleServers'
)
SELECT uid AS resource_uid,
  CASE WHEN c_type IS NOT 'array' THEN 'error' WHEN upper(v) = 'ON' THEN 'pass' WHEN upper(v) = 'OFF' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN c_type IS NULL THEN 'Server parameters of MySQL flexible server ' || name || ' were not collected (MySqlFlexibleConfigurations_ListByServer failed), so encryption of every connection is unconfirmed'
    WHEN c_type IS NOT 'array' THEN 'Server parameters of MySQL flexible server ' || name || ' were collected in an unexpected form (not a list)'
    WHEN upper(v) = 'ON' THEN 'MySQL flexible server ' || name || ' requires TLS for every connection (require_secure_transport ON)'
    WHEN upper(v) = 'OFF' THEN 'MySQL flexible server ' || name || ' accepts unencrypted connections (require_secure_transport OFF)'
    WHEN v IS NULL THEN 'Server parameter require_secure_transport of MySQL flexible server ' || name || ' was not reported among its ' || json_array_length(config, '$.configurations') || ' parameters, so encryption of every connection is unconfirmed'
    ELSE 'Server parameter require_secure_transport of MySQL flexible server ' || name || ' has an unexpected value (' || quote(v) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'require_secure_transport', v) AS evidence
FROM servers
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'MySQL flexible servers of subscription ' || s.name || ' were not collected (MySqlFlexibleServers_List failed: ' || e.code || '), so encryption of every connection on every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'MySqlFlexibleServers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
