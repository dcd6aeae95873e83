/* ---
id: sqlserver_azuread_administrator_enabled
title: SQL server has a Microsoft Entra ID administrator
severity: medium
provider: azure
service: sql
resource_type: Microsoft.Sql/servers
rationale: >-
  With a Microsoft Entra ID administrator, database access can be granted to Entra ID identities and groups:
  central joiner/leaver management, MFA and conditional access, no shared SQL passwords. Without one only SQL
  authentication is possible. ServerAzureADAdministrators_ListByServer lists the administrator
  (administratorType ActiveDirectory); an empty list means none is set.
remediation:
  console: >-
    Azure portal > SQL servers > the server > Settings > Microsoft Entra ID: Set admin, choose a group of
    database administrators, and Save.
  cli: |-
    az sql server ad-admin create --resource-group <resource-group> --server-name <server> \
      --display-name <group-name> --object-id <group-object-id>
  terraform: |-
    resource "azurerm_mssql_server" "this" {
      # ...
      azuread_administrator {
        login_username = "sg-sql-admins"
        object_id      = var.sql_admins_group_object_id
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 5.1.4: Ensure that Microsoft Entra authentication is Configured for SQL Servers"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Configure and manage Microsoft Entra authentication with Azure SQL"
    url: https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure
  - title: "Azure REST API: Server Azure AD Administrators - List By Server"
    url: https://learn.microsoft.com/rest/api/sql/server-azure-ad-administrators/list-by-server
  - title: "Microsoft cloud security benchmark IM-1: Use centralized identity and authentication system"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-identity-management#im-1-use-centralized-identity-and-authentication-system
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.16]
--- */
WITH servers AS (
  SELECT uid, name, config, json_type(config, '$.administrators') AS a_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Sql/servers'
), admins AS (
  SELECT s.uid, json_group_array(json_extract(a.value, '$.properties.login')) AS logins
  FROM servers s, json_each(s.config, '$.administrators') a
  WHERE s.a_type = 'array' AND json_extract(a.value, '$.properties.administratorType') = 'ActiveDirectory'
  GROUP BY s.uid
)
SELECT s.uid AS resource_uid,
  CASE WHEN s.a_type IS NOT 'array' THEN 'error' WHEN a.uid IS NOT NULL THEN 'pass' ELSE 'fail' END AS status,
  CASE
    WHEN s.a_type IS NULL THEN 'Entra ID administrators of SQL server ' || s.name || ' were not collected (ServerAzureADAdministrators_ListByServer failed), so an Entra ID administrator is unconfirmed'
    WHEN s.a_type IS NOT 'array' THEN 'Entra ID administrators of SQL server ' || s.name || ' were collected in an unexpected form (not a list)'
    WHEN a.uid IS NOT NULL THEN 'SQL server ' || s.name || ' has Microsoft Entra ID administrator ' || (SELECT group_concat(value, ', ') FROM json_each(a.logins))
    ELSE 'SQL server ' || s.name || ' has no Microsoft Entra ID administrator (only SQL authentication can be administered)'
  END AS reason,
  json_object('id', s.config ->> '$.id', 'administrators', s.config -> '$.administrators') AS evidence
FROM servers s LEFT JOIN admins a ON a.uid = s.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'SQL servers of subscription ' || s.name || ' were not collected (Servers_List failed: ' || e.code || '), so an Entra ID administrator on every server is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Servers_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
