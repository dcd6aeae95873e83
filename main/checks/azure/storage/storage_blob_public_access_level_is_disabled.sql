/* ---
id: storage_blob_public_access_level_is_disabled
title: Storage account does not allow anonymous public access to blobs
severity: high
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  When a storage account allows blob public access, any container in it can be switched to anonymous read
  access, and its blobs can then be listed and downloaded by anyone on the internet without a key or token.
  Disallowing it on the account (properties.allowBlobPublicAccess = false) overrides every container's own
  public access level. Accounts that never set it may omit the property; their setting is then unconfirmed.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Settings > Configuration: set "Allow Blob anonymous access"
    to Disabled and Save. Before that, check which containers are public (Containers, "Public access level"
    column) and move any content that must stay public to a CDN or SAS-based sharing.
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --allow-blob-public-access false
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      allow_nested_items_to_be_public = false
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.17: Ensure that 'Allow Blob Anonymous Access' is set to 'Disabled'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Remediate anonymous read access to blob data (Azure Resource Manager deployments)"
    url: https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent
  - title: "Azure REST API: Storage Accounts - List (properties.allowBlobPublicAccess)"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.3]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.properties.allowBlobPublicAccess')
    WHEN 'false' THEN 'pass' WHEN 'true' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN json_type(config, '$.properties.allowBlobPublicAccess') = 'false' THEN
      'Storage account ' || name || ' disallows anonymous public access to its blobs (allowBlobPublicAccess is false)'
    WHEN json_type(config, '$.properties.allowBlobPublicAccess') = 'true' THEN
      'Storage account ' || name || ' allows containers to be made publicly readable (allowBlobPublicAccess is true)'
    WHEN json_type(config, '$.properties.allowBlobPublicAccess') IS NULL THEN
      'Blob public access setting of storage account ' || name || ' was not reported by Resource Manager (properties.allowBlobPublicAccess is absent), so anonymous access being disallowed is unconfirmed'
    ELSE 'Blob public access setting of storage account ' || name || ' was reported in an unexpected form ('
      || json_type(config, '$.properties.allowBlobPublicAccess') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'location', config ->> '$.location',
              'allowBlobPublicAccess', config -> '$.properties.allowBlobPublicAccess') AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so blob public access being disallowed on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
