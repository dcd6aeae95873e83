/* ---
id: postgresql_flexible_server_enforce_ssl_enabled
title: PostgreSQL flexible server requires encrypted connections
severity: high
provider: azure
service: postgresql
resource_type: Microsoft.DBforPostgreSQL/flexibleServers
rationale: >-
  With the server parameter require_secure_transport off, clients may connect without TLS and credentials and
  query results cross the network in clear text. It is on by default and must be turned off deliberately; the
  check reads the parameter's current value from the server's configurations.
remediation:
  console: >-
    Azure portal > Azure Database for PostgreSQL flexible servers > the server > Settings > Server parameters:
    set require_secure_transport to ON and Save.
  cli: |-
    az postgres flexible-server parameter set --resource-group <resource-group> --server-name <server> \
      --name require_secure_transport --value on
  terraform: |-
    resource "azurerm_postgresql_flexible_server_configuration" "require_secure_transport" {
      name      = "require_secure_transport"
      server_id = azurerm_postgresql_flexible_server.this.id
      value     = "on"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.2.1: Ensure server parameter 'require_secure_transport' is set to 'ON' for PostgreSQL flexible server"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Networking with TLS/SSL in Azure Database for PostgreSQL flexible server"
    url: https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls
  - title: "Azure REST API: PostgreSQL flexible server Configurations - List By Server"
    url: https://learn.microsoft.com/rest/api/postgresql/flexibleserver/configurations/list-by-server
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
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.DBforPostgreSQL/flexibleServers'
)
SELECT uid AS resource_uid,
  CASE WHEN c_type IS NOT 'array' THEN 'error' WHEN lower(v) = 'on' THEN 'pass' WHEN lower(v) = 'off' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN c_type IS NULL THEN 'Server parameters of PostgreSQL flexible server ' || name || ' were not collected (PostgreSqlFlexibleConfigurations_ListByServer failed), so encryption of every connection is unconfirmed'
    WHEN c_type IS NOT 'array' THEN 'Server parameters of PostgreSQL flexible server ' || name || ' were collected in an unexpected form (not a list)'
    WHEN lower(v) = 'on' THEN 'PostgreSQL flexible server ' || name || ' requires TLS for every connection (require_secure_transport on)'
    WHEN lower(v) = 'off' THEN 'PostgreSQL flexible server ' || name || ' accepts unencrypted connections (require_secure_transport off)'
    WHEN v IS NULL THEN 'Server parameter require_secure_transport of PostgreSQL flexible server ' || name || ' was not reported among its ' || json_array_length(config, '$.configurations') || ' parameters, so encryption of every connection is unconfirmed'
    ELSE 'Server parameter require_secure_transport of PostgreSQL flexible server ' || name || ' has an unexpected value (' || quote(v) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'require_secure_transport', v) AS evidence
FROM servers
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'PostgreSQL flexible servers of subscription ' || s.name || ' were not collected (PostgreSqlFlexibleServers_List failed: ' || e.code || '), so encryption of every connection on every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'PostgreSqlFlexibleServers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
