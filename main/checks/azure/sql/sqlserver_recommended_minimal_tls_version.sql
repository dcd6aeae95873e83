/* ---
id: sqlserver_recommended_minimal_tls_version
title: SQL server refuses TLS versions older than 1.2
severity: medium
provider: azure
service: sql
resource_type: Microsoft.Sql/servers
rationale: >-
  TLS 1.0 and 1.1 are deprecated (RFC 8996) and have known weaknesses. A logical server's
  properties.minimalTlsVersion (1.0, 1.1, 1.2, 1.3 or None) is the oldest TLS version it accepts from clients;
  None accepts any. Servers that never set it may omit it, and then the minimum cannot be confirmed from the
  API.
remediation:
  console: >-
    Azure portal > SQL servers > the server > Security > Networking > Connectivity: set "Minimum TLS version" to
    1.2 and Save, after confirming no client still needs TLS 1.0/1.1.
  cli: |-
    az sql server update --resource-group <resource-group> --name <server> --minimal-tls-version 1.2
  terraform: |-
    resource "azurerm_mssql_server" "this" {
      # ...
      minimum_tls_version = "1.2"
    }
references:
  - title: "Microsoft Learn: Azure SQL connectivity settings - Minimum TLS version"
    url: https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimum-tls-version
  - title: "Azure REST API: Servers - List (properties.minimalTlsVersion)"
    url: https://learn.microsoft.com/rest/api/sql/servers/list
  - title: "Microsoft cloud security benchmark DP-3: Encrypt sensitive data in transit"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-3-encrypt-sensitive-data-in-transit
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH servers AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.minimalTlsVersion') AS t_type,
         json_extract(config, '$.properties.minimalTlsVersion') AS tls
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers'
)
SELECT uid AS resource_uid,
  CASE
    WHEN t_type = 'text' AND tls IN ('1.2', '1.3') THEN 'pass'
    WHEN t_type = 'text' AND tls IN ('1.0', '1.1', 'None') THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN t_type = 'text' AND tls IN ('1.2', '1.3') THEN 'SQL server ' || name || ' requires at least TLS ' || tls || ' (minimalTlsVersion)'
    WHEN t_type = 'text' AND tls = 'None' THEN 'SQL server ' || name || ' accepts any TLS version (minimalTlsVersion None)'
    WHEN t_type = 'text' AND tls IN ('1.0', '1.1') THEN 'SQL server ' || name || ' accepts TLS ' || tls || ' (minimalTlsVersion is below 1.2)'
    WHEN t_type IS NULL OR t_type = 'null' THEN 'Minimal TLS version of SQL server ' || name || ' was not reported by Resource Manager (properties.minimalTlsVersion is absent), so TLS 1.0/1.1 being refused is unconfirmed'
    ELSE 'Minimal TLS version of SQL server ' || name || ' was reported in an unexpected form (' || coalesce(quote(tls), t_type) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'minimalTlsVersion', config -> '$.properties.minimalTlsVersion') AS evidence
FROM servers
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so the minimal TLS version of every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
