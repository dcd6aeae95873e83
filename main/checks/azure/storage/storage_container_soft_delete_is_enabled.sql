/* ---
id: storage_container_soft_delete_is_enabled
title: "Storage account keeps deleted containers for a retention period (container soft delete)"
severity: medium
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  Deleting a container deletes every blob in it, and blob soft delete does not bring them back. Container soft
  delete (blobServices/default containerDeleteRetentionPolicy.enabled) keeps a deleted container and its
  contents restorable for the retention period. The setting is read by a follow-up call; when that call failed, or
  Resource Manager did not report the policy, it is unconfirmed.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Data management > Data protection: tick "Enable soft delete for
    containers", set the retention days (7 or more) and Save.
  cli: |-
    az storage account blob-service-properties update --resource-group <resource-group> --account-name <account> --enable-container-delete-retention true --container-delete-retention-days 14
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      blob_properties {
        container_delete_retention_policy {
          days = 14
        }
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.10: Ensure Soft Delete is Enabled for Azure Containers and Blob Storage"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Soft delete for containers"
    url: https://learn.microsoft.com/azure/storage/blobs/soft-delete-container-overview
  - title: "Azure REST API: Blob Services - Get Service Properties"
    url: https://learn.microsoft.com/rest/api/storagerp/blob-services/get-service-properties
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.13]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.blobServiceProperties') IS NULL THEN 'error'
    WHEN json_type(config, '$.blobServiceProperties.properties.containerDeleteRetentionPolicy.enabled') = 'true' THEN 'pass'
    WHEN json_type(config, '$.blobServiceProperties.properties.containerDeleteRetentionPolicy.enabled') = 'false' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_type(config, '$.blobServiceProperties') IS NULL THEN
      'Blob service settings of storage account ' || name || ' were not collected (BlobServices_GetServiceProperties failed), so container soft delete is unconfirmed'
    WHEN json_type(config, '$.blobServiceProperties.properties.containerDeleteRetentionPolicy.enabled') = 'true' THEN
      'Storage account ' || name || ' keeps deleted containers for ' || coalesce(json_extract(config, '$.blobServiceProperties.properties.containerDeleteRetentionPolicy.days'), 'an unreported number of') || ' day(s) (containerDeleteRetentionPolicy.enabled is true)'
    WHEN json_type(config, '$.blobServiceProperties.properties.containerDeleteRetentionPolicy.enabled') = 'false' THEN
      'Storage account ' || name || ' does not keep deleted containers: a deleted container is gone at once (containerDeleteRetentionPolicy.enabled is false)'
    WHEN json_type(config, '$.blobServiceProperties.properties.containerDeleteRetentionPolicy.enabled') IS NULL THEN
      'Container soft delete of storage account ' || name || ' was not reported by Resource Manager (blobServices/default properties.containerDeleteRetentionPolicy is absent), so it is unconfirmed'
    ELSE 'Container soft delete of storage account ' || name || ' was reported in an unexpected form (' || json_type(config, '$.blobServiceProperties.properties.containerDeleteRetentionPolicy.enabled') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'containerDeleteRetentionPolicy', config -> '$.blobServiceProperties.properties.containerDeleteRetentionPolicy') AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so container soft delete on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
