/* ---
id: mysql_flexible_server_minimum_tls_version_12
title: MySQL flexible server accepts only TLS 1.2 or newer
severity: medium
provider: azure
service: mysql
resource_type: Microsoft.DBforMySQL/flexibleServers
rationale: >-
  The server parameter tls_version lists the TLS versions the server accepts (a comma-separated set of TLSv1,
  TLSv1.1, TLSv1.2, TLSv1.3). TLS 1.0 and 1.1 are deprecated (RFC 8996); the server passes only when neither is
  in the set and TLSv1.2 or TLSv1.3 is.
remediation:
  console: >-
    Azure portal > Azure Database for MySQL flexible servers > the server > Settings > Server parameters: set
    tls_version to TLSv1.2 (and TLSv1.3 where supported) only, and Save. The change needs a server restart.
  cli: |-
    az mysql flexible-server parameter set --resource-group <resource-group> --server-name <server> \
      --name tls_version --value TLSv1.2,TLSv1.3
    az mysql flexible-server restart --resource-group <resource-group> --name <server>
  terraform: |-
    resource "azurerm_mysql_flexible_server_configuration" "tls_version" {
      name                = "tls_version"
      resource_group_name = azurerm_resource_group.this.name
      server_name         = azurerm_mysql_flexible_server.this.name
      value               = "TLSv1.2,TLSv1.3"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.3.2: Ensure server parameter 'tls_version' is set to 'TLSv1.2' (or higher) for MySQL flexible server"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Encrypted connectivity using TLS/SSL in Azure Database for MySQL flexible server"
    url: https://learn.microsoft.com/azure/mysql/flexible-server/concepts-networking#tls-and-ssl
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
          WHERE json_type(config, '$.configurations') = 'array' AND json_extract(c.value, '$.name') = 'tls_version') AS v
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.DBforMySQL/flexibleServers'
), judged AS (
  SELECT *, ',' || upper(replace(coalesce(v, ''), ' ', '')) || ',' AS set_
  FROM servers
), verdict AS (
  SELECT *,
    CASE
      WHEN c_type IS NOT 'array' OR typeof(v) IS NOT 'text' THEN 'error'
      WHEN set_ LIKE '%,TLSV1,%' OR set_ LIKE '%,TLSV1.0,%' OR set_ LIKE '%,TLSV1.1,%' THEN 'fail'
      WHEN set_ LIKE '%,TLSV1.2,%' OR set_ LIKE '%,TLSV1.3,%' THEN 'pass'
      ELSE 'error'
    END AS status
  FROM judged
)
SELECT uid AS resource_uid, status,
  CASE
    WHEN c_type IS NULL THEN 'Server parameters of MySQL flexible server ' || name || ' were not collected (MySqlFlexibleConfigurations_ListByServer failed), so the accepted TLS versions are unconfirmed'
    WHEN c_type IS NOT 'array' THEN 'Server parameters of MySQL flexible server ' || name || ' were collected in an unexpected form (not a list)'
    WHEN v IS NULL THEN 'Server parameter tls_version of MySQL flexible server ' || name || ' was not reported among its ' || json_array_length(config, '$.configurations') || ' parameters, so the accepted TLS versions are unconfirmed'
    WHEN status = 'fail' THEN 'MySQL flexible server ' || name || ' accepts deprecated TLS versions (tls_version ' || v || ')'
    WHEN status = 'pass' THEN 'MySQL flexible server ' || name || ' accepts only TLS 1.2 or newer (tls_version ' || v || ')'
    ELSE 'Server parameter tls_version of MySQL flexible server ' || name || ' has an unexpected value (' || quote(v) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'tls_version', v) AS evidence
FROM verdict
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'MySQL flexible servers of subscription ' || s.name || ' were not collected (MySqlFlexibleServers_List failed: ' || e.code || '), so the accepted TLS versions on every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'MySqlFlexibleServers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
