/* ---
id: keyvault_recoverable
title: "Key vault is recoverable: soft delete and purge protection are enabled"
severity: high
provider: azure
service: keyvault
resource_type: Microsoft.KeyVault/vaults
rationale: >-
  Deleting a key vault, or a key in it, can make every resource encrypted with its keys unreadable for good. Soft
  delete (properties.enableSoftDelete) keeps deleted vaults and objects restorable for the retention period, and
  purge protection (properties.enablePurgeProtection) stops anyone, including an administrator or an attacker with
  their rights, from purging them before it ends. Purge protection is off unless it was set (Resource Manager then
  omits it), so its absence fails and the reason says so; an absent soft delete flag is unconfirmed.
remediation:
  console: >-
    Azure portal > Key vaults > the vault > Settings > Properties: under "Purge protection" choose "Enable purge
    protection (enforce a mandatory retention period for deleted vaults and vault objects)" and Save. Soft delete is
    on for all vaults since 2020 and cannot be turned off; purge protection cannot be turned off once enabled.
  cli: |-
    az keyvault update --resource-group <resource-group> --name <vault> --enable-purge-protection true
  terraform: |-
    resource "azurerm_key_vault" "this" {
      # ...
      soft_delete_retention_days = 90
      purge_protection_enabled   = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.3.5: Ensure the Key Vault is Recoverable"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Azure Key Vault soft-delete overview (purge protection)"
    url: https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
  - title: "Microsoft cloud security benchmark DP-8: Ensure security of key and certificate repository"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-8-ensure-security-of-key-and-certificate-repository
  - title: "Azure REST API: Vaults - List By Subscription"
    url: https://learn.microsoft.com/rest/api/keyvault/keyvault/vaults/list-by-subscription
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.24]
--- */
WITH v AS (
  SELECT uid, name, config,
    json_type(config, '$.properties.enableSoftDelete') AS sd,
    json_type(config, '$.properties.enablePurgeProtection') AS pp
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.KeyVault/vaults'
)
SELECT uid AS resource_uid,
  CASE
    WHEN sd = 'false' THEN 'fail'
    WHEN sd = 'true' AND pp = 'true' THEN 'pass'
    WHEN sd = 'true' AND (pp IS NULL OR pp IN ('false', 'null')) THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN sd = 'false' THEN 'Key vault ' || name || ' has soft delete disabled (enableSoftDelete is false): a deleted vault or key is lost at once'
    WHEN sd = 'true' AND pp = 'true' THEN
      'Key vault ' || name || ' has soft delete (' || coalesce(json_extract(config, '$.properties.softDeleteRetentionInDays'), 'default') || ' days retention) and purge protection enabled'
    WHEN sd = 'true' AND pp = 'false' THEN 'Key vault ' || name || ' has soft delete but no purge protection (enablePurgeProtection is false): deleted keys and secrets can be purged at once'
    WHEN sd = 'true' AND (pp IS NULL OR pp = 'null') THEN
      'Key vault ' || name || ' has soft delete but no purge protection: enablePurgeProtection is not reported, and purge protection is off unless it was enabled'
    WHEN sd IS NULL OR sd = 'null' THEN
      'Soft delete setting of key vault ' || name || ' was not reported by Resource Manager (properties.enableSoftDelete is absent), so its recoverability is unconfirmed'
    ELSE 'Recovery settings of key vault ' || name || ' were reported in an unexpected form (enableSoftDelete ' || sd || ', enablePurgeProtection ' || coalesce(pp, 'absent') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'enableSoftDelete', config -> '$.properties.enableSoftDelete',
              'softDeleteRetentionInDays', config -> '$.properties.softDeleteRetentionInDays',
              'enablePurgeProtection', config -> '$.properties.enablePurgeProtection') AS evidence
FROM v
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Key vaults of subscription ' || s.name || ' were not collected (Vaults_ListBySubscription failed: ' || e.code || '), so soft delete and purge protection on every vault is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Vaults_ListBySubscription' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
