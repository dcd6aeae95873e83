/* ---
id: keyvault_rbac_key_expiration_set
title: "Every enabled key in an RBAC key vault has an expiration date"
severity: medium
provider: azure
service: keyvault
resource_type: Microsoft.KeyVault/vaults
rationale: >-
  A key without an expiration date can be used forever, so a leaked or forgotten key never stops working and
  nothing prompts its renewal. Setting an expiry (attributes.exp) bounds the key's lifetime (its cryptoperiod) and lets
  Key Vault raise near-expiry events. This check applies to vaults using the RBAC permission model
  (properties.enableRbacAuthorization true) and fails when
  any enabled key lacks an expiry; disabled keys cannot be used and are not counted. The keys are listed through
  Resource Manager (Keys_List: attributes only, never key material); when that
  list failed the answer is error.
remediation:
  console: >-
    Azure portal > Key vaults > the vault > Objects > Keys > the key > the current version: set
    "Set expiration date" and an expiry, then Save. For keys, also configure a rotation policy (Rotation policy > Enable auto rotation) so a new version is created before expiry.
  cli: |-
    az keyvault key set-attributes --vault-name <vault> --name <key> --expires 2026-12-31T00:00:00Z
  terraform: |-
    resource "azurerm_key_vault_key" "this" {
      # ...
      expiration_date = "2026-12-31T00:00:00Z"
      rotation_policy {
        automatic {
          time_before_expiry = "P30D"
        }
        expire_after = "P1Y"
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.3.1: Ensure that the Expiration Date is set for all Keys in RBAC Key Vaults"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: About Azure Key Vault keys, secrets and certificates (object attributes: exp)"
    url: https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#object-attributes
  - title: "Microsoft cloud security benchmark DP-6: Use a secure key management process"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-6-use-a-secure-key-management-process
  - title: "Azure REST API: Keys - List"
    url: https://learn.microsoft.com/rest/api/keyvault/keyvault/keys/list
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [3.7.4]
  iso27001-2022: [A.8.24]
--- */
WITH v AS (
  SELECT uid, name, config, json_type(config, '$.properties.enableRbacAuthorization') AS rbac,
    json_type(config, '$.keys') AS list_type,
    (SELECT count(*) FROM json_each(CASE WHEN json_type(config, '$.keys') = 'array' THEN config -> '$.keys' ELSE '[]' END) o
      WHERE coalesce(json_type(o.value, '$.properties.attributes.enabled'), 'true') <> 'false') AS enabled_count,
    (SELECT group_concat(o.value ->> '$.name', ', ') FROM json_each(CASE WHEN json_type(config, '$.keys') = 'array' THEN config -> '$.keys' ELSE '[]' END) o
      WHERE coalesce(json_type(o.value, '$.properties.attributes.enabled'), 'true') <> 'false'
        AND coalesce(json_type(o.value, '$.properties.attributes.exp'), 'null') NOT IN ('integer', 'real')) AS without_exp
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.KeyVault/vaults'
)
SELECT uid AS resource_uid,
  CASE
    WHEN rbac IS NOT NULL AND rbac NOT IN ('true', 'false', 'null') THEN 'error'
    WHEN rbac IN ('false', 'null') OR rbac IS NULL THEN 'n/a'
    WHEN list_type IS NULL OR list_type <> 'array' THEN 'error'
    WHEN without_exp IS NOT NULL THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN rbac IS NOT NULL AND rbac NOT IN ('true', 'false', 'null') THEN
      'Permission model of key vault ' || name || ' was reported in an unexpected form (' || rbac || '), so which expiry check applies is unknown'
    WHEN rbac IN ('false', 'null') OR rbac IS NULL THEN 'Key vault ' || name || ' does not use the Azure RBAC permission model (enableRbacAuthorization is ' || coalesce(config ->> '$.properties.enableRbacAuthorization', 'not reported; default false') || '); the access-policy check judges its keys'
    WHEN list_type IS NULL THEN
      'The keys of key vault ' || name || ' were not collected (Keys_List failed), so an expiry date on every enabled key is unconfirmed'
    WHEN list_type <> 'array' THEN
      'The keys of key vault ' || name || ' were reported in an unexpected form (' || list_type || ')'
    WHEN without_exp IS NOT NULL THEN
      'Key vault ' || name || ' (RBAC) has enabled keys without an expiration date: ' || without_exp
    WHEN enabled_count = 0 THEN
      'Key vault ' || name || ' (RBAC) has no enabled keys, so none lacks an expiration date'
    ELSE 'Every enabled key of key vault ' || name || ' (RBAC, ' || enabled_count || ' keys) has an expiration date'
  END AS reason,
  json_object('id', config ->> '$.id', 'enableRbacAuthorization', config -> '$.properties.enableRbacAuthorization',
              'keys', (SELECT json_group_array(json_object('name', o.value ->> '$.name',
                          'enabled', o.value -> '$.properties.attributes.enabled', 'exp', o.value -> '$.properties.attributes.exp'))
                        FROM json_each(CASE WHEN json_type(config, '$.keys') = 'array' THEN config -> '$.keys' ELSE '[]' END) o)) AS evidence
FROM v
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Key vaults of subscription ' || s.name || ' were not collected (Vaults_ListBySubscription failed: ' || e.code || '), so an expiry date on every key of every vault is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Vaults_ListBySubscription' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
