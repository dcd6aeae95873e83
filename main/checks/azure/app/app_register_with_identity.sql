/* ---
id: app_register_with_identity
title: App Service app has a managed identity
severity: low
provider: azure
service: app
resource_type: Microsoft.Web/sites
rationale: >-
  A managed identity lets the app authenticate to Key Vault, storage, SQL and other Azure services with tokens
  Azure rotates, instead of secrets kept in app settings or connection strings. The app's identity.type is
  SystemAssigned, UserAssigned, both, or None. Resource Manager omits the identity block for an app that never
  had one; the documented default is then no managed identity, which the check reports as a failure and says so.
remediation:
  console: >-
    Azure portal > App Services > the app > Settings > Identity: on the System assigned tab set Status to On and
    Save (or add a user-assigned identity). Then move secrets from app settings to Key Vault references.
  cli: |-
    az webapp identity assign --resource-group <resource-group> --name <app>
  terraform: |-
    resource "azurerm_linux_web_app" "this" {
      # ...
      identity {
        type = "SystemAssigned"
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 9.5: Ensure that Register with Entra ID is enabled on App Service"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Managed identities for App Service and Azure Functions"
    url: https://learn.microsoft.com/azure/app-service/overview-managed-identity
  - title: "Azure REST API: Web Apps - List (identity)"
    url: https://learn.microsoft.com/rest/api/appservice/web-apps/list
  - title: "Microsoft cloud security benchmark IM-3: Manage application identities securely and automatically"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-identity-management#im-3-manage-application-identities-securely-and-automatically
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.17]
--- */
WITH apps AS (
  SELECT uid, name, config, json_type(config, '$.identity') AS i_type,
         json_extract(config, '$.identity.type') AS t
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Web/sites'
)
SELECT uid AS resource_uid,
  CASE
    WHEN i_type = 'object' AND (t LIKE '%SystemAssigned%' OR t LIKE '%UserAssigned%') THEN 'pass'
    WHEN i_type IS NULL OR i_type = 'null' OR (i_type = 'object' AND t = 'None') THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN i_type = 'object' AND (t LIKE '%SystemAssigned%' OR t LIKE '%UserAssigned%') THEN 'App ' || name || ' has a managed identity (' || t || ')'
    WHEN i_type = 'object' AND t = 'None' THEN 'App ' || name || ' has no managed identity (identity.type None)'
    WHEN i_type IS NULL OR i_type = 'null' THEN 'Managed identity of app ' || name || ' not reported (no identity block); the service default is no managed identity'
    ELSE 'Managed identity of app ' || name || ' was reported in an unexpected form (' || coalesce(quote(t), i_type) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'kind', config ->> '$.kind', 'identityType', t) AS evidence
FROM apps
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'App Service apps of subscription ' || s.name || ' were not collected (WebApps_List failed: ' || e.code || '), so a managed identity on every app is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'WebApps_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
