/* ---
id: storage_key_rotation_reminders_enabled
title: "Storage account has a key expiration policy of 90 days or less (key rotation reminders)"
severity: medium
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  A key expiration policy (properties.keyPolicy.keyExpirationPeriodInDays) makes Azure flag the account's access
  keys once they are older than the period, prompting their regeneration; without one, keys can stay in use for
  years. This check passes when a period of at most 90 days is set. Resource Manager omits keyPolicy for accounts
  that never set one (no policy is the service default), so an account that does not report it fails, and the
  reason says so.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Security + networking > Access keys > "Set rotation reminder":
    tick "Enable key rotation reminders", choose a period of 90 days or less, and Save.
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --key-exp-days 90
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      sas_policy {
        expiration_period = "00.01:00:00"
      }
    }
    # The key expiration period has no azurerm argument; set it with azapi_update_resource:
    resource "azapi_update_resource" "key_policy" {
      type        = "Microsoft.Storage/storageAccounts@2023-05-01"
      resource_id = azurerm_storage_account.this.id
      body        = { properties = { keyPolicy = { keyExpirationPeriodInDays = 90 } } }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.3: Ensure that 'Enable key rotation reminders' is enabled for each Storage Account"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Create a key expiration policy"
    url: https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage#create-a-key-expiration-policy
  - title: "Microsoft cloud security benchmark DP-6: Use a secure key management process"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-6-use-a-secure-key-management-process
  - title: "Azure REST API: Storage Accounts - List"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  iso27001-2022: [A.5.17]
--- */
WITH a AS (
  SELECT uid, name, config, json_type(config, '$.properties') AS props_type,
    json_type(config, '$.properties.keyPolicy') AS policy_type,
    json_type(config, '$.properties.keyPolicy.keyExpirationPeriodInDays') AS days_type,
    json_extract(config, '$.properties.keyPolicy.keyExpirationPeriodInDays') AS days
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
)
SELECT uid AS resource_uid,
  CASE
    WHEN props_type IS NULL OR props_type <> 'object' THEN 'error'
    WHEN policy_type IS NULL OR policy_type = 'null' THEN 'fail'
    WHEN days_type IN ('integer', 'real') AND days > 0 AND days <= 90 THEN 'pass'
    WHEN days_type IN ('integer', 'real') AND days > 90 THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN props_type IS NULL OR props_type <> 'object' THEN
      'Properties of storage account ' || name || ' were not reported by Resource Manager, so its key expiration policy is unconfirmed'
    WHEN policy_type IS NULL OR policy_type = 'null' THEN
      'Storage account ' || name || ' has no key expiration policy: properties.keyPolicy is not reported, and Azure sets none unless one is configured'
    WHEN days_type IN ('integer', 'real') AND days > 0 AND days <= 90 THEN
      'Storage account ' || name || ' flags its access keys for rotation after ' || days || ' days (keyPolicy.keyExpirationPeriodInDays)'
    WHEN days_type IN ('integer', 'real') AND days > 90 THEN
      'Storage account ' || name || ' flags its access keys only after ' || days || ' days, more than 90 (keyPolicy.keyExpirationPeriodInDays)'
    ELSE 'Key expiration policy of storage account ' || name || ' was reported in an unexpected form (keyExpirationPeriodInDays is ' || coalesce(days_type, 'absent') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'keyPolicy', config -> '$.properties.keyPolicy') AS evidence
FROM a
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so a key expiration policy on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
