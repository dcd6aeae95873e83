/* ---
id: keyvault_rbac_enabled
title: "Key vault uses the Azure RBAC permission model"
severity: medium
provider: azure
service: keyvault
resource_type: Microsoft.KeyVault/vaults
rationale: >-
  With vault access policies, anyone with Contributor on the vault can grant themselves access to its keys and
  secrets, and permissions cannot be scoped to a single key or secret. The Azure RBAC permission model
  (properties.enableRbacAuthorization = true) separates managing the vault from using its contents, supports
  per-object scopes, Privileged Identity Management and deny assignments. The documented default when the
  property is not set is false (access policies), so a vault that does not report it fails, and the reason says so.
remediation:
  console: >-
    First grant equivalent Key Vault RBAC roles (Key Vault Secrets User, Crypto User...) to every principal in the
    vault's access policies. Then Azure portal > Key vaults > the vault > Settings > Access configuration: choose
    "Azure role-based access control" and Apply.
  cli: |-
    az keyvault update --resource-group <resource-group> --name <vault> --enable-rbac-authorization true
  terraform: |-
    resource "azurerm_key_vault" "this" {
      # ...
      enable_rbac_authorization = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.3.6: Enable Role Based Access Control for Azure Key Vault"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Migrate from vault access policy to an Azure role-based access control permission model"
    url: https://learn.microsoft.com/azure/key-vault/general/rbac-migration
  - title: "Microsoft cloud security benchmark PA-7: Follow just enough administration (least privilege) principle"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-privileged-access#pa-7-follow-just-enough-administration-least-privilege-principle
  - title: "Azure REST API: Vaults - List By Subscription"
    url: https://learn.microsoft.com/rest/api/keyvault/keyvault/vaults/list-by-subscription
frameworks:
  soc2-2017: [CC6.3]
  iso27001-2022: [A.5.15]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.properties.enableRbacAuthorization')
    WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' WHEN 'null' THEN 'fail' ELSE
      CASE WHEN json_type(config, '$.properties.enableRbacAuthorization') IS NULL AND json_type(config, '$.properties') = 'object' THEN 'fail' ELSE 'error' END
  END AS status,
  CASE
    WHEN json_type(config, '$.properties.enableRbacAuthorization') = 'true' THEN
      'Key vault ' || name || ' authorizes data access with Azure RBAC (enableRbacAuthorization is true)'
    WHEN json_type(config, '$.properties.enableRbacAuthorization') = 'false' THEN
      'Key vault ' || name || ' uses vault access policies (enableRbacAuthorization is false, ' || coalesce(json_array_length(config, '$.properties.accessPolicies'), 0) || ' access policies)'
    WHEN (json_type(config, '$.properties.enableRbacAuthorization') IS NULL OR json_type(config, '$.properties.enableRbacAuthorization') = 'null') AND json_type(config, '$.properties') = 'object' THEN
      'Key vault ' || name || ' uses vault access policies: enableRbacAuthorization is not reported, and the service default is false (' || coalesce(json_array_length(config, '$.properties.accessPolicies'), 0) || ' access policies)'
    WHEN json_type(config, '$.properties') IS NULL OR json_type(config, '$.properties') <> 'object' THEN
      'Properties of key vault ' || name || ' were not reported by Resource Manager, so its permission model is unconfirmed'
    ELSE 'Permission model of key vault ' || name || ' was reported in an unexpected form (' || json_type(config, '$.properties.enableRbacAuthorization') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'enableRbacAuthorization', config -> '$.properties.enableRbacAuthorization',
              'accessPolicies', json_array_length(config, '$.properties.accessPolicies')) AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.KeyVault/vaults'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Key vaults of subscription ' || s.name || ' were not collected (Vaults_ListBySubscription failed: ' || e.code || '), so the permission model of every vault is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Vaults_ListBySubscription' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
