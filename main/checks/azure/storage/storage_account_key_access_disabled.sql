/* ---
id: storage_account_key_access_disabled
title: "Storage account disallows Shared Key (account key) authorization"
severity: medium
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  The two account keys give full access to all data in the account, are shared by everyone who holds them, and
  leave no record of which person or workload used them; SAS tokens signed with them inherit the same weakness.
  Disallowing Shared Key (properties.allowSharedKeyAccess = false) forces Entra ID authorization, which is
  per-identity, governed by RBAC and logged. Resource Manager documents an unset value (absent or null) as
  equivalent to true, so an account that does not report it is judged as allowing Shared Key, and the reason says so.
remediation:
  console: >-
    First move clients to Entra ID (RBAC data roles, user delegation SAS) and check the account's logs for
    "SharedKey" requests. Then Azure portal > Storage accounts > the account > Settings > Configuration: set
    "Allow storage account key access" to Disabled and Save.
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --allow-shared-key-access false
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      shared_access_key_enabled       = false
      default_to_oauth_authentication = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark, later versions (not in v3.0.0): Ensure that 'Allow storage account key access' for Azure Storage Accounts is 'Disabled'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Prevent Shared Key authorization for an Azure Storage account"
    url: https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
  - title: "Microsoft cloud security benchmark IM-1: Use centralized identity and authentication system"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-identity-management#im-1-use-centralized-identity-and-authentication-system
  - title: "Azure REST API: Storage Accounts - List"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.2.2]
  iso27001-2022: [A.8.5]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.properties') <> 'object' OR json_type(config, '$.properties') IS NULL THEN 'error'
    WHEN json_type(config, '$.properties.allowSharedKeyAccess') = 'false' THEN 'pass'
    WHEN json_type(config, '$.properties.allowSharedKeyAccess') = 'true' THEN 'fail'
    WHEN json_type(config, '$.properties.allowSharedKeyAccess') IS NULL OR json_type(config, '$.properties.allowSharedKeyAccess') = 'null' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_type(config, '$.properties') <> 'object' OR json_type(config, '$.properties') IS NULL THEN
      'Properties of storage account ' || name || ' were not reported by Resource Manager, so Shared Key authorization being disallowed is unconfirmed'
    WHEN json_type(config, '$.properties.allowSharedKeyAccess') = 'false' THEN 'Storage account ' || name || ' disallows Shared Key authorization, so requests need an Entra ID identity (allowSharedKeyAccess is false)'
    WHEN json_type(config, '$.properties.allowSharedKeyAccess') = 'true' THEN 'Storage account ' || name || ' accepts requests authorized with its account keys (allowSharedKeyAccess is true)'
    WHEN json_type(config, '$.properties.allowSharedKeyAccess') IS NULL OR json_type(config, '$.properties.allowSharedKeyAccess') = 'null' THEN 'Storage account ' || name || ' accepts requests authorized with its account keys: allowSharedKeyAccess is not reported, and the service default (unset) permits Shared Key'
    ELSE 'Shared Key authorization being disallowed of storage account ' || name || ' was reported in an unexpected form (' || json_type(config, '$.properties.allowSharedKeyAccess') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'allowSharedKeyAccess', config -> '$.properties.allowSharedKeyAccess') AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so Shared Key authorization being disallowed on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
