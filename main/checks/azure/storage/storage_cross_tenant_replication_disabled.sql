/* ---
id: storage_cross_tenant_replication_disabled
title: "Storage account does not allow object replication to other Entra ID tenants"
severity: medium
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  When cross-tenant replication is allowed (properties.allowCrossTenantReplication), anyone able to write an object
  replication policy on the account can copy its blobs continuously to a storage account in a different Entra ID
  tenant, outside the organisation's control. Accounts created before December 2023 allowed it unless told
  otherwise, and such accounts may not report the property at all, so an absent value is unconfirmed, not assumed.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Data management > Object replication > Advanced settings: clear
    "Allow cross-tenant replication" and Save (existing cross-tenant policies must be removed first).
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --allow-cross-tenant-replication false
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      cross_tenant_replication_enabled = false
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.16: Ensure 'Cross Tenant Replication' is not enabled"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Prevent object replication across Microsoft Entra tenants"
    url: https://learn.microsoft.com/azure/storage/blobs/object-replication-prevent-cross-tenant-policies
  - title: "Azure REST API: Storage Accounts - List"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.7]
  iso27001-2022: [A.8.12]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.properties') <> 'object' OR json_type(config, '$.properties') IS NULL THEN 'error'
    WHEN json_type(config, '$.properties.allowCrossTenantReplication') = 'false' THEN 'pass'
    WHEN json_type(config, '$.properties.allowCrossTenantReplication') = 'true' THEN 'fail'
    WHEN json_type(config, '$.properties.allowCrossTenantReplication') IS NULL OR json_type(config, '$.properties.allowCrossTenantReplication') = 'null' THEN 'error'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_type(config, '$.properties') <> 'object' OR json_type(config, '$.properties') IS NULL THEN
      'Properties of storage account ' || name || ' were not reported by Resource Manager, so cross-tenant replication being disallowed is unconfirmed'
    WHEN json_type(config, '$.properties.allowCrossTenantReplication') = 'false' THEN 'Storage account ' || name || ' disallows object replication to other Entra ID tenants (allowCrossTenantReplication is false)'
    WHEN json_type(config, '$.properties.allowCrossTenantReplication') = 'true' THEN 'Storage account ' || name || ' allows object replication to storage accounts in other Entra ID tenants (allowCrossTenantReplication is true)'
    WHEN json_type(config, '$.properties.allowCrossTenantReplication') IS NULL OR json_type(config, '$.properties.allowCrossTenantReplication') = 'null' THEN 'Cross-tenant replication being disallowed of storage account ' || name || ' was not reported by Resource Manager (properties.allowCrossTenantReplication is absent), so it is unconfirmed'
    ELSE 'Cross-tenant replication being disallowed of storage account ' || name || ' was reported in an unexpected form (' || json_type(config, '$.properties.allowCrossTenantReplication') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'allowCrossTenantReplication', config -> '$.properties.allowCrossTenantReplication') AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so cross-tenant replication being disallowed on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
