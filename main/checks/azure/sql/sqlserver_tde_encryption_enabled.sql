/* ---
id: sqlserver_tde_encryption_enabled
title: SQL database has transparent data encryption on
severity: high
provider: azure
service: sql
resource_type: Microsoft.Sql/servers/databases
rationale: >-
  Transparent data encryption (TDE) encrypts a database's data and log files and its backups at rest, so a
  copied file or backup cannot be read without the key. It is on by default for new databases but can be turned
  off per database. TransparentDataEncryptions_Get reports properties.state (Enabled or Disabled). The master
  database cannot be encrypted by TDE (it holds the TDE objects) and is outside the population. When a server's
  database list could not be read, the server answers error: an unlisted database may be unencrypted.
remediation:
  console: >-
    Azure portal > SQL databases > the database > Security > Transparent data encryption: set Data encryption to
    On and Save.
  cli: |-
    az sql db tde set --resource-group <resource-group> --server <server> --database <database> --status Enabled
  terraform: |-
    # TDE is on by default; make sure it is not turned off, and manage the protector explicitly:
    resource "azurerm_mssql_server_transparent_data_encryption" "this" {
      server_id = azurerm_mssql_server.this.id
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.1.5: Ensure that 'Data encryption' is set to 'On' on a SQL Database"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Transparent data encryption for SQL Database"
    url: https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview
  - title: "Azure REST API: Transparent Data Encryptions - Get"
    url: https://learn.microsoft.com/rest/api/sql/transparent-data-encryptions/get
  - title: "Microsoft cloud security benchmark DP-4: Enable data at rest encryption by default"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-4-enable-data-at-rest-encryption-by-default
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
WITH dbs AS (
  SELECT uid, name, config,
         json_extract(config, '$.name') AS db,
         json_type(config, '$.transparentDataEncryption') AS t_type,
         json_extract(config, '$.transparentDataEncryption.properties.state') AS state
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers/databases'
)
SELECT uid AS resource_uid,
  CASE
    WHEN state = 'Enabled' THEN 'pass'
    WHEN state = 'Disabled' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN state = 'Enabled' THEN 'Transparent data encryption of database ' || name || ' is Enabled'
    WHEN state = 'Disabled' THEN 'Transparent data encryption of database ' || name || ' is Disabled'
    WHEN t_type IS NULL THEN 'Transparent data encryption of database ' || name || ' was not collected (TransparentDataEncryptions_Get failed), so encryption at rest is unconfirmed'
    ELSE 'Transparent data encryption state of database ' || name || ' was reported in an unexpected form (' || coalesce(quote(state), 'absent') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'state', state) AS evidence
FROM dbs
-- master holds the TDE objects themselves and cannot be encrypted by TDE: outside the population.
WHERE lower(coalesce(db, '')) <> 'master'
UNION ALL
-- A server whose database list failed: its databases are unknown, so it answers error for them.
SELECT uid AS resource_uid, 'error' AS status,
  'Databases of SQL server ' || name || ' were not collected (Databases_ListByServer failed), so transparent data encryption of its databases is unconfirmed' AS reason,
  json_object('id', config ->> '$.id', 'operation', 'Databases_ListByServer') AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers' AND json_type(config, '$.databaseNames') IS NOT 'array'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so transparent data encryption of every database is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
