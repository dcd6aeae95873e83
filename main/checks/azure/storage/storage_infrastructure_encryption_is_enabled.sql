/* ---
id: storage_infrastructure_encryption_is_enabled
title: "Storage account requires infrastructure (double) encryption"
severity: low
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  Azure Storage always encrypts data at rest at the service level. Infrastructure encryption
  (properties.encryption.requireInfrastructureEncryption) adds a second, independent layer with a different key and
  algorithm, so data stays protected if one layer or key is compromised; regulated workloads often require it. It
  can only be chosen when an account is created. Resource Manager omits the flag for accounts created without it, so
  an absent flag with an encryption block reported is judged on the documented default (off) and the reason says
  so; an account whose encryption block was not reported is unconfirmed.
remediation:
  console: >-
    Infrastructure encryption cannot be turned on for an existing account. Create a new account: Azure portal >
    Storage accounts > Create > Encryption tab > "Enable infrastructure encryption", then copy the data across (for
    example with AzCopy or object replication) and retire the old account.
  cli: |-
    az storage account create --resource-group <resource-group> --name <new-account> --location <region> --sku Standard_ZRS --kind StorageV2 --require-infrastructure-encryption
    azcopy copy "https://<account>.blob.core.windows.net/?<sas>" "https://<new-account>.blob.core.windows.net/?<sas>" --recursive
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ... (changing this forces a new account)
      infrastructure_encryption_enabled = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.2: Ensure that 'Enable Infrastructure Encryption' for Each Storage Account in Azure Storage is Set to 'enabled'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Enable infrastructure encryption for double encryption of data"
    url: https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable
  - title: "Microsoft cloud security benchmark DP-4: Enable data at rest encryption by default"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-4-enable-data-at-rest-encryption-by-default
  - title: "Azure REST API: Storage Accounts - List"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_type(config, '$.properties.encryption') <> 'object' OR json_type(config, '$.properties.encryption') IS NULL THEN 'error'
    WHEN json_type(config, '$.properties.encryption.requireInfrastructureEncryption') = 'true' THEN 'pass'
    WHEN json_type(config, '$.properties.encryption.requireInfrastructureEncryption') IN ('false', 'null') THEN 'fail'
    WHEN json_type(config, '$.properties.encryption.requireInfrastructureEncryption') IS NULL THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_type(config, '$.properties.encryption') <> 'object' OR json_type(config, '$.properties.encryption') IS NULL THEN
      'Encryption settings of storage account ' || name || ' were not reported by Resource Manager (properties.encryption is absent), so infrastructure encryption is unconfirmed'
    WHEN json_type(config, '$.properties.encryption.requireInfrastructureEncryption') = 'true' THEN
      'Storage account ' || name || ' encrypts data at rest twice (requireInfrastructureEncryption is true)'
    WHEN json_type(config, '$.properties.encryption.requireInfrastructureEncryption') = 'false' THEN
      'Storage account ' || name || ' encrypts data at rest at the service layer only (requireInfrastructureEncryption is false)'
    WHEN json_type(config, '$.properties.encryption.requireInfrastructureEncryption') IN ('null') OR json_type(config, '$.properties.encryption.requireInfrastructureEncryption') IS NULL THEN
      'Storage account ' || name || ' does not require infrastructure encryption: requireInfrastructureEncryption is not reported, and the service default is off unless it was chosen when the account was created'
    ELSE 'Infrastructure encryption of storage account ' || name || ' was reported in an unexpected form (' || json_type(config, '$.properties.encryption.requireInfrastructureEncryption') || ')'
  END AS reason,
  json_object('id', config ->> '$.id',
              'requireInfrastructureEncryption', config -> '$.properties.encryption.requireInfrastructureEncryption',
              'keySource', config -> '$.properties.encryption.keySource') AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so infrastructure encryption on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
