/* ---
id: storage_ensure_minimum_tls_version_12
title: Storage account refuses TLS versions older than 1.2
severity: medium
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996). A storage account whose minimum TLS
  version is below 1.2 lets a client, or an attacker downgrading one, talk to it with them. Resource Manager
  reports the setting as properties.minimumTlsVersion (TLS1_0, TLS1_1, TLS1_2 or TLS1_3); accounts that never set
  it may omit it, and then the effective minimum cannot be confirmed from the API.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Settings > Configuration: set "Minimum TLS version" to
    "Version 1.2" and Save. Check first that no client still connects with TLS 1.0/1.1 (the account's
    diagnostic logs record the TLS version of each request).
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --min-tls-version TLS1_2
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      min_tls_version = "TLS1_2"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.15: Ensure the 'Minimum TLS version' for storage accounts is set to 'Version 1.2'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Enforce a minimum required version of Transport Layer Security (TLS) for requests to a storage account"
    url: https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
  - title: "Azure REST API: Storage Accounts - List (properties.minimumTlsVersion)"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH accounts AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.minimumTlsVersion') AS tls_type,
         json_extract(config, '$.properties.minimumTlsVersion') AS tls
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
)
SELECT uid AS resource_uid,
  CASE
    WHEN tls_type = 'text' AND tls IN ('TLS1_2', 'TLS1_3') THEN 'pass'
    WHEN tls_type = 'text' AND tls IN ('TLS1_0', 'TLS1_1') THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN tls_type = 'text' AND tls IN ('TLS1_2', 'TLS1_3') THEN
      'Storage account ' || name || ' requires at least ' || tls || ' (minimumTlsVersion)'
    WHEN tls_type = 'text' AND tls IN ('TLS1_0', 'TLS1_1') THEN
      'Storage account ' || name || ' accepts ' || tls || ' (minimumTlsVersion is below TLS1_2)'
    WHEN tls_type IS NULL OR tls_type = 'null' THEN
      'Minimum TLS version of storage account ' || name || ' was not reported by Resource Manager (properties.minimumTlsVersion is absent), so TLS 1.0/1.1 being refused is unconfirmed'
    ELSE 'Minimum TLS version of storage account ' || name || ' was reported in an unexpected form ('
      || coalesce(quote(tls), tls_type) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'location', config ->> '$.location',
              'minimumTlsVersion', config -> '$.properties.minimumTlsVersion') AS evidence
FROM accounts
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so the minimum TLS version of every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
