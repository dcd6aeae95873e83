/* ---
id: storage_default_network_access_rule_is_denied
title: "Storage account denies network access by default"
severity: high
provider: azure
service: storage
resource_type: Microsoft.Storage/storageAccounts
rationale: >-
  A storage account whose firewall default action is Allow accepts connections from any network, so its data is
  one leaked key or SAS token away from anyone on the internet. Setting the default action to Deny
  (properties.networkAcls.defaultAction) limits access to the virtual networks, IP ranges and trusted services
  listed; disabling public network access (properties.publicNetworkAccess = Disabled) leaves only private
  endpoints and also passes. A network rule set that was not reported is unconfirmed, not assumed open or closed.
remediation:
  console: >-
    Azure portal > Storage accounts > the account > Security + networking > Networking > Firewalls and virtual
    networks: choose "Enabled from selected virtual networks and IP addresses" (or "Disabled" with private
    endpoints), add the virtual networks and IP ranges that need access, keep "Allow Azure services on the trusted
    services list" if required, and Save.
  cli: |-
    az storage account update --resource-group <resource-group> --name <account> --default-action Deny
    az storage account network-rule add --resource-group <resource-group> --account-name <account> --vnet-name <vnet> --subnet <subnet>
  terraform: |-
    resource "azurerm_storage_account" "this" {
      # ...
      network_rules {
        default_action             = "Deny"
        bypass                     = ["AzureServices"]
        virtual_network_subnet_ids = [azurerm_subnet.app.id]
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 4.7: Ensure Default Network Access Rule for Storage Accounts is Set to Deny"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Configure Azure Storage firewalls and virtual networks"
    url: https://learn.microsoft.com/azure/storage/common/storage-network-security
  - title: "Microsoft cloud security benchmark NS-2: Secure cloud services with network controls"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-2-secure-cloud-services-with-network-controls
  - title: "Azure REST API: Storage Accounts - List"
    url: https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.20]
--- */
WITH a AS (
  SELECT uid, name, config,
    config ->> '$.properties.publicNetworkAccess' AS pna,
    config ->> '$.properties.networkAcls.defaultAction' AS da,
    json_type(config, '$.properties.networkAcls.defaultAction') AS da_type
  FROM resources WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Storage/storageAccounts'
)
SELECT uid AS resource_uid,
  CASE WHEN pna = 'Disabled' THEN 'pass' WHEN da = 'Deny' THEN 'pass' WHEN da = 'Allow' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN pna = 'Disabled' THEN
      'Storage account ' || name || ' has public network access disabled (publicNetworkAccess is Disabled), so it is reachable only through private endpoints'
    WHEN da = 'Deny' THEN
      'Storage account ' || name || ' denies network access by default (networkAcls.defaultAction is Deny); only its ' ||
      json_array_length(config, '$.properties.networkAcls.virtualNetworkRules') || ' virtual network rule(s), ' ||
      json_array_length(config, '$.properties.networkAcls.ipRules') || ' IP rule(s) and bypass "' ||
      coalesce(config ->> '$.properties.networkAcls.bypass', 'None') || '" are let in'
    WHEN da = 'Allow' THEN
      'Storage account ' || name || ' accepts connections from any network (networkAcls.defaultAction is Allow, publicNetworkAccess is ' ||
      coalesce(pna, 'not reported') || ')'
    WHEN da_type IS NULL THEN
      'Network rules of storage account ' || name || ' were not reported by Resource Manager (properties.networkAcls.defaultAction is absent and publicNetworkAccess is ' ||
      coalesce(pna, 'absent') || '), so a default deny is unconfirmed'
    ELSE 'Network default action of storage account ' || name || ' was reported in an unexpected form (' || da_type || ': ' || coalesce(da, 'null') || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'location', config ->> '$.location',
              'publicNetworkAccess', config -> '$.properties.publicNetworkAccess',
              'networkAcls', config -> '$.properties.networkAcls') AS evidence
FROM a
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Storage accounts of subscription ' || s.name || ' were not collected (StorageAccounts_List failed: ' || e.code || '), so a default deny network rule on every account is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'StorageAccounts_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
