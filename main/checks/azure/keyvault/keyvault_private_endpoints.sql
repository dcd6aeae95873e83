/* ---
id: keyvault_private_endpoints
title: "Key vault is reachable through an approved private endpoint"
severity: medium
provider: azure
service: keyvault
resource_type: Microsoft.KeyVault/vaults
rationale: >-
  A private endpoint gives the vault an address inside a virtual network, so applications reach keys and secrets
  without crossing the internet, and the public endpoint can then be closed (publicNetworkAccess = Disabled). This
  check passes when at least one private endpoint connection is Approved
  (properties.privateEndpointConnections[].properties.privateLinkServiceConnectionState.status); pending or rejected
  connections carry no traffic. Resource Manager omits privateEndpointConnections for a vault that has none, so its
  absence fails and the reason says so; the public network access setting is reported as evidence.
remediation:
  console: >-
    Azure portal > Key vaults > the vault > Settings > Networking > Private endpoint connections > "+ Create": choose
    the virtual network and subnet, integrate with the privatelink.vaultcore.azure.net private DNS zone, then on the
    Firewalls and virtual networks tab choose "Disable public access" once clients use the private endpoint.
  cli: |-
    az network private-endpoint create --resource-group <resource-group> --name pe-<vault> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <vault-id> --group-id vault --connection-name <vault>-connection
    az keyvault update --resource-group <resource-group> --name <vault> --public-network-access Disabled
  terraform: |-
    resource "azurerm_private_endpoint" "vault" {
      name                = "pe-${azurerm_key_vault.this.name}"
      location            = azurerm_key_vault.this.location
      resource_group_name = azurerm_key_vault.this.resource_group_name
      subnet_id           = azurerm_subnet.private_endpoints.id
      private_service_connection {
        name                           = "vault"
        private_connection_resource_id = azurerm_key_vault.this.id
        subresource_names              = ["vault"]
        is_manual_connection           = false
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.3.7: Ensure that Private Endpoints are Used for Azure Key Vault"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Integrate Key Vault with Azure Private Link"
    url: https://learn.microsoft.com/azure/key-vault/general/private-link-service
  - title: "Microsoft cloud security benchmark NS-2: Secure cloud services with network controls"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-2-secure-cloud-services-with-network-controls
  - title: "Azure REST API: Vaults - List By Subscription"
    url: https://learn.microsoft.com/rest/api/keyvault/keyvault/vaults/list-by-subscription
frameworks:
  soc2-2017: [CC6.6]
  iso27001-2022: [A.8.20]
--- */
WITH v AS (
  SELECT uid, name, config, json_type(config, '$.properties.privateEndpointConnections') AS pec_type,
    (SELECT count(*) FROM json_each(CASE WHEN json_type(config, '$.properties.privateEndpointConnections') = 'array' THEN config -> '$.properties.privateEndpointConnections' ELSE '[]' END) c
      WHERE c.value ->> '$.properties.privateLinkServiceConnectionState.status' = 'Approved') AS approved,
    (SELECT group_concat(coalesce(c.value ->> '$.properties.privateLinkServiceConnectionState.status', 'unreported'), ', ')
      FROM json_each(CASE WHEN json_type(config, '$.properties.privateEndpointConnections') = 'array' THEN config -> '$.properties.privateEndpointConnections' ELSE '[]' END) c) AS states
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.KeyVault/vaults'
)
SELECT uid AS resource_uid,
  CASE
    WHEN pec_type = 'array' AND approved > 0 THEN 'pass'
    WHEN pec_type = 'array' OR ((pec_type IS NULL OR pec_type = 'null') AND json_type(config, '$.properties') = 'object') THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN pec_type = 'array' AND approved > 0 THEN
      'Key vault ' || name || ' has ' || approved || ' approved private endpoint connection(s) (public network access ' || coalesce(config ->> '$.properties.publicNetworkAccess', 'not reported') || ')'
    WHEN pec_type = 'array' AND json_array_length(config, '$.properties.privateEndpointConnections') > 0 THEN
      'Key vault ' || name || ' has no approved private endpoint: its connections are ' || states || ' (public network access ' || coalesce(config ->> '$.properties.publicNetworkAccess', 'not reported') || ')'
    WHEN pec_type = 'array' THEN
      'Key vault ' || name || ' has no private endpoint connection (public network access ' || coalesce(config ->> '$.properties.publicNetworkAccess', 'not reported') || ')'
    WHEN (pec_type IS NULL OR pec_type = 'null') AND json_type(config, '$.properties') = 'object' THEN
      'Key vault ' || name || ' has no private endpoint connection: privateEndpointConnections is not reported, which Resource Manager does for a vault without any (public network access ' ||
      coalesce(config ->> '$.properties.publicNetworkAccess', 'not reported') || ')'
    WHEN json_type(config, '$.properties') IS NULL OR json_type(config, '$.properties') <> 'object' THEN
      'Properties of key vault ' || name || ' were not reported by Resource Manager, so its private endpoints are unconfirmed'
    ELSE 'Private endpoint connections of key vault ' || name || ' were reported in an unexpected form (' || pec_type || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'publicNetworkAccess', config -> '$.properties.publicNetworkAccess',
              'privateEndpointConnections', config -> '$.properties.privateEndpointConnections') AS evidence
FROM v
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Key vaults of subscription ' || s.name || ' were not collected (Vaults_ListBySubscription failed: ' || e.code || '), so private endpoints on every vault is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'Vaults_ListBySubscription' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
