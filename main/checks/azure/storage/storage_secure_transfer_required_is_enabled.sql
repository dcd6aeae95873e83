/* ---
id: storage_secure_transfer_required_is_enabled
title: Storage account requires secure transfer (HTTPS only)
severity: high
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  With secure transfer required, the storage account refuses requests over plain HTTP (and SMB without
  encryption), so account keys, SAS tokens and the data itself never cross a network in clear text. Resource
  Manager reports the setting as properties.supportsHttpsTrafficOnly.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Settings > Configuration: set "Secure transfer required" to
    Enabled and Save.
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --https-only true
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      https_traffic_only_enabled = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.1: Ensure that 'Secure transfer required' is set to 'Enabled'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Require secure transfer to ensure secure connections"
    url: https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer
  - title: "Azure REST API: Storage Accounts - List (properties.supportsHttpsTrafficOnly)"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.properties.supportsHttpsTrafficOnly')
    WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN json_type(config, '$.properties.supportsHttpsTrafficOnly') = 'true' THEN
      'Storage account ' || name || ' accepts only secure transfer (supportsHttpsTrafficOnly is true)'
    WHEN json_type(config, '$.properties.supportsHttpsTrafficOnly') = 'false' THEN
      'Storage account ' || name || ' accepts plain HTTP requests (supportsHttpsTrafficOnly is false)'
    WHEN json_type(config, '$.properties.supportsHttpsTrafficOnly') IS NULL THEN
      'Secure transfer setting of storage account ' || name || ' was not reported by Resource Manager (properties.supportsHttpsTrafficOnly is absent)'
    ELSE 'Secure transfer setting of storage account ' || name || ' was reported in an unexpected form ('
      || json_type(config, '$.properties.supportsHttpsTrafficOnly') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'location', config ->> '$.location',
              'supportsHttpsTrafficOnly', config -> '$.properties.supportsHttpsTrafficOnly') AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so secure transfer on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
