/* ---
id: storage_ensure_encryption_with_customer_managed_keys
title: "Storage account holding confidential or restricted data is encrypted with a customer-managed key"
severity: medium
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  By default a storage account is encrypted with a Microsoft-managed key. For critical data a customer-managed key
  in Key Vault (properties.encryption.keySource = Microsoft.Keyvault) puts the key under the organisation's control:
  it can be rotated on its own schedule, its use is logged, and revoking it makes the data unreadable. Rule used
  here: the recommendation applies to accounts tagged data-classification = confidential or restricted (case
  does not matter); other accounts answer n/a. Tag accounts holding critical data so the check sees them.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Security + networking > Encryption: choose "Customer-managed
    keys", select the key vault and key (the vault needs soft delete and purge protection), choose a user-assigned or
    the system-assigned identity with the Key Vault Crypto Service Encryption User role, and Save.
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --assign-identity
    az role assignment create --assignee <identity-principal-id> --role "Key Vault Crypto Service Encryption User" --scope <key-vault-id>
    az storage account update --resource-group <resource-group> --name <account> --encryption-key-source Microsoft.Keyvault --encryption-key-vault https://<vault>.vault.azure.net --encryption-key-name <key>
  terraform: |-
    resource "azurerm_storage_account_customer_managed_key" "this" {
      storage_account_id = azurerm_storage_account.this.id
      key_vault_id       = azurerm_key_vault.this.id
      key_name           = azurerm_key_vault_key.storage.name
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.11: Ensure Storage for Critical Data are Encrypted with Customer Managed Keys (CMK)"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Customer-managed keys for Azure Storage encryption"
    url: https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview
  - title: "Microsoft cloud security benchmark DP-5: Use customer-managed key option in data at rest encryption when required"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-5-use-customer-managed-key-option-in-data-at-rest-encryption-when-required
  - title: "Azure REST API: Storage Accounts - List"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
WITH a AS (
  SELECT uid, name, config, lower(tags ->> '$."data-classification"') AS classification
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
)
SELECT uid AS resource_uid,
  CASE
    WHEN classification IS NULL OR classification NOT IN ('confidential', 'restricted') THEN 'n/a'
    WHEN config ->> '$.properties.encryption.keySource' = 'Microsoft.Keyvault' THEN 'pass'
    WHEN config ->> '$.properties.encryption.keySource' = 'Microsoft.Storage' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN classification IS NULL OR classification NOT IN ('confidential', 'restricted') THEN
      'Storage account ' || name || ' is not tagged data-classification confidential or restricted (tag is ' || coalesce(classification, 'absent') || '), so customer-managed keys are not required'
    WHEN config ->> '$.properties.encryption.keySource' = 'Microsoft.Keyvault' THEN
      'Storage account ' || name || ' (' || classification || ') is encrypted with customer-managed key ' ||
      coalesce(config ->> '$.properties.encryption.keyvaultproperties.keyname', '(name not reported)') || ' from ' ||
      coalesce(config ->> '$.properties.encryption.keyvaultproperties.keyvaulturi', '(vault not reported)')
    WHEN config ->> '$.properties.encryption.keySource' = 'Microsoft.Storage' THEN
      'Storage account ' || name || ' is tagged ' || classification || ' but is encrypted with a Microsoft-managed key (keySource is Microsoft.Storage)'
    WHEN json_type(config, '$.properties.encryption.keySource') IS NULL THEN
      'Encryption key source of storage account ' || name || ' was not reported by Resource Manager (properties.encryption.keySource is absent), so customer-managed keys are unconfirmed'
    ELSE 'Encryption key source of storage account ' || name || ' was reported in an unexpected form (' || coalesce(config ->> '$.properties.encryption.keySource', 'null') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'dataClassification', classification,
              'keySource', config -> '$.properties.encryption.keySource',
              'keyvaultproperties', config -> '$.properties.encryption.keyvaultproperties') AS evidence
FROM a
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so customer-managed key encryption on every classified account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
