/* ---
id: postgresql_flexible_server_log_connections_on
title: PostgreSQL flexible server logs connection attempts
severity: medium
provider: azure
service: postgresql
resource_type: Microsoft.DBforPostgreSQL/flexibleServers
rationale: >-
  log_connections writes every connection attempt, and each successful client authentication, to the server log.
  Without it, brute-force attempts and logins from unexpected hosts leave no trace. The check reads the
  parameter's current value from the server's configurations.
remediation:
  console: >-
    Azure portal > Azure Database for PostgreSQL flexible servers > the server > Settings > Server parameters:
    set log_connections to ON and Save.
  cli: |-
    az postgres flexible-server parameter set --resource-group <resource-group> --server-name <server> \
      --name log_connections --value on
  terraform: |-
    resource "azurerm_postgresql_flexible_server_configuration" "log_connections" {
      name      = "log_connections"
      server_id = azurerm_postgresql_flexible_server.this.id
      value     = "on"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark, later versions (v3.0.0 has it only for single server, 5.2.6 [LEGACY]): Ensure server parameter 'log_connections' is set to 'ON' for PostgreSQL flexible server"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Server parameters in Azure Database for PostgreSQL flexible server"
    url: https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-server-parameters
  - title: "Azure REST API: PostgreSQL flexible server Configurations - List By Server"
    url: https://learn.microsoft.com/rest/api/postgresql/flexibleserver/configurations/list-by-server
  - title: "Microsoft cloud security benchmark LT-3: Enable logging for security investigation"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-3-enable-logging-for-security-investigation
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1]
  iso27001-2022: [A.8.15]
--- */
WITH servers AS (
  SELECT uid, name, config, json_type(config, '$.configurations') AS c_type,
         (SELECT json_extract(c.value, '$.properties.value') FROM json_each(config, '$.configurations') c
          WHERE json_type(config, '$.configurations') = 'array' AND json_extract(c.value, '$.name') = 'log_connections') AS v
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.DBforPostgreSQL/flexibleServers'
)
SELECT uid AS resource_uid,
  CASE WHEN c_type IS NOT 'array' THEN 'error' WHEN lower(v) = 'on' THEN 'pass' WHEN lower(v) = 'off' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN c_type IS NULL THEN 'Server parameters of PostgreSQL flexible server ' || name || ' were not collected (PostgreSqlFlexibleConfigurations_ListByServer failed), so connection logging is unconfirmed'
    WHEN c_type IS NOT 'array' THEN 'Server parameters of PostgreSQL flexible server ' || name || ' were collected in an unexpected form (not a list)'
    WHEN lower(v) = 'on' THEN 'PostgreSQL flexible server ' || name || ' logs every connection attempt (log_connections on)'
    WHEN lower(v) = 'off' THEN 'PostgreSQL flexible server ' || name || ' does not log connection attempts (log_connections off)'
    WHEN v IS NULL THEN 'Server parameter log_connections of PostgreSQL flexible server ' || name || ' was not reported among its ' || json_array_length(config, '$.configurations') || ' parameters, so connection logging is unconfirmed'
    ELSE 'Server parameter log_connections of PostgreSQL flexible server ' || name || ' has an unexpected value (' || quote(v) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'log_connections', v) AS evidence
FROM servers
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'PostgreSQL flexible servers of subscription ' || s.name || ' were not collected (PostgreSqlFlexibleServers_List failed: ' || e.code || '), so connection logging on every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'PostgreSqlFlexibleServers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
