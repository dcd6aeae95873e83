/* ---
id: storage_key_rotation_90_days
title: "Storage account access keys were regenerated within the last 90 days"
severity: medium
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  Each account key grants full access to all of the account's data. Keys that are never regenerated keep working
  for anyone who ever copied them (former staff, old scripts, leaked configuration). This check reads when each key
  was last created (properties.keyCreationTime.key1 and key2) and fails when either is older than 90 days at the
  snapshot's time. Accounts that disallow Shared Key authorization answer n/a: their keys cannot authorize
  requests. A creation time that is null or absent is unconfirmed (Azure has no record of it for keys not
  regenerated since it began recording them).
remediation:
  console: >-
    Update every client to the secondary key, then Azure portal > Storage accounts > the account > Security +
    networking > Access keys > "Rotate key" for key1; move clients back to key1 and rotate key2. Better still,
    disallow Shared Key authorization and use Entra ID.
  cli: |-
    az storage account keys renew --resource-group <resource-group> --account-name <account> --key primary
    az storage account keys renew --resource-group <resource-group> --account-name <account> --key secondary
  terraform: |-
    # Terraform cannot regenerate account keys; rotate them with the CLI (above) or an automation runbook,
    # and store them in Key Vault if they are needed at all.
    resource "azurerm_storage_account" "this" {
      # ...
      shared_access_key_enabled = false
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.4: Ensure that Storage Account Access Keys are Periodically Regenerated"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Manage storage account access keys (rotate access keys)"
    url: https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage
  - title: "Microsoft cloud security benchmark DP-6: Use a secure key management process"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-6-use-a-secure-key-management-process
  - title: "Azure REST API: Storage Accounts - List"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.17]
--- */
WITH a AS (
  SELECT uid, name, config,
    json_type(config, '$.properties.allowSharedKeyAccess') AS shared,
    config ->> '$.properties.keyCreationTime.key1' AS key1,
    config ->> '$.properties.keyCreationTime.key2' AS key2
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
), b AS (
  SELECT *, julianday(@as_of) - julianday(key1) AS age1, julianday(@as_of) - julianday(key2) AS age2 FROM a
)
SELECT uid AS resource_uid,
  CASE
    WHEN shared = 'false' THEN 'n/a'
    WHEN age1 > 90 OR age2 > 90 THEN 'fail'
    WHEN age1 IS NOT NULL AND age2 IS NOT NULL THEN 'pass'
    ELSE 'error'
  END AS status,
  CASE
    WHEN shared = 'false' THEN
      'Storage account ' || name || ' disallows Shared Key authorization (allowSharedKeyAccess is false), so its access keys cannot be used and their age does not matter'
    WHEN age1 > 90 OR age2 > 90 THEN
      'Storage account ' || name || ' has an access key older than 90 days: key1 created ' || coalesce(key1, 'unknown') || ' (' || coalesce(CAST(CAST(age1 AS INTEGER) AS TEXT), '?') ||
      ' days), key2 created ' || coalesce(key2, 'unknown') || ' (' || coalesce(CAST(CAST(age2 AS INTEGER) AS TEXT), '?') || ' days)'
    WHEN age1 IS NOT NULL AND age2 IS NOT NULL THEN
      'Storage account ' || name || ' regenerated both access keys within 90 days: key1 ' || CAST(age1 AS INTEGER) || ' days ago, key2 ' || CAST(age2 AS INTEGER) || ' days ago'
    ELSE
      'Creation time of the access keys of storage account ' || name || ' was not reported by Resource Manager (keyCreationTime key1 ' || coalesce(key1, 'null') ||
      ', key2 ' || coalesce(key2, 'null') || '), so their regeneration within 90 days is unconfirmed'
  END AS reason,
  json_object('id', config ->> '$.id', 'keyCreationTime', config -> '$.properties.keyCreationTime',
              'allowSharedKeyAccess', config -> '$.properties.allowSharedKeyAccess', 'asOf', @as_of) AS evidence
FROM b
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so the age of every account''s access keys is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
