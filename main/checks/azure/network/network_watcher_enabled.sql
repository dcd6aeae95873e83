/* ---
id: network_watcher_enabled
title: Network Watcher is enabled in every region the subscription uses
severity: medium
provider: azure
service: network
resource_type: Microsoft.Network/locations
rationale: >-
  Network Watcher provides the flow logs, packet capture, connection troubleshooting and topology that network
  monitoring and incident investigation rely on; it works only in regions where it is enabled. One finding per
  region where the snapshot collected resources of the subscription (their locations; subscription-wide resources
  such as activity log alerts are not in a region): it passes when a Network Watcher there is provisioned
  (provisioningState Succeeded), fails when there is none, and answers error when the watcher list could not be
  read. Regions are those of the resources this snapshot collected, so a region holding only resource types
  Evidence Desk does not collect is not judged.
remediation:
  console: >-
    Azure portal > Network Watcher > Overview: select the subscription, expand the region and Enable Network
    Watcher (Azure also enables it automatically when a virtual network is created in a region, unless opted out).
  cli: |-
    az network watcher configure --resource-group NetworkWatcherRG --locations <region> --enabled true
  terraform: |-
    resource "azurerm_network_watcher" "this" {
      name                = "NetworkWatcher_westeurope"
      location            = "westeurope"
      resource_group_name = "NetworkWatcherRG"
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 7.6: Ensure that Network Watcher is 'Enabled' for Azure Regions that are in use"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark LT-4: Enable network logging for security investigation"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-4-enable-network-logging-for-security-investigation
  - title: "Microsoft Learn: Enable or disable Azure Network Watcher"
    url: https://learn.microsoft.com/azure/network-watcher/network-watcher-create
  - title: "Azure REST API: Network Watchers - List All"
    url: https://learn.microsoft.com/rest/api/network-watcher/network-watchers/list-all
frameworks:
  soc2-2017: [CC7.2]
  iso27001-2022: [A.8.16]
--- */
WITH used AS (
  -- Regions where the subscription has collected resources (from their locations); subscription-wide
  -- resources (region global) are no region.
  SELECT DISTINCT substr(uid, 1, 51) AS sub_uid, lower(replace(region, ' ', '')) AS region
  FROM resources
  WHERE snapshot_id = @snapshot_id AND provider = 'azure' AND uid LIKE '/subscriptions/%/%'
    AND region IS NOT NULL AND lower(region) NOT IN ('global', '')
), watchers AS (
  SELECT substr(uid, 1, 51) AS sub_uid, lower(replace(json_extract(config, '$.location'), ' ', '')) AS region,
         name, json_extract(config, '$.properties.provisioningState') AS state
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Network/networkWatchers'
), listing AS (
  -- NetworkWatchers_ListAll failures, per subscription (the gap names the subscription).
  SELECT u.sub_uid, (SELECT e.code FROM collection_errors e
                     WHERE e.snapshot_id = @snapshot_id AND e.operation = 'NetworkWatchers_ListAll'
                       AND (e.resource IS NULL OR lower(e.resource) = u.sub_uid) ORDER BY e.seq LIMIT 1) AS code
  FROM (SELECT DISTINCT sub_uid FROM used) u
)
SELECT u.sub_uid || '/providers/microsoft.network/locations/' || u.region AS resource_uid,
  CASE
    WHEN EXISTS (SELECT 1 FROM watchers w WHERE w.sub_uid = u.sub_uid AND w.region = u.region AND w.state = 'Succeeded') THEN 'pass'
    WHEN l.code IS NOT NULL THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN EXISTS (SELECT 1 FROM watchers w WHERE w.sub_uid = u.sub_uid AND w.region = u.region AND w.state = 'Succeeded') THEN
      'Network Watcher ' || (SELECT w.name FROM watchers w WHERE w.sub_uid = u.sub_uid AND w.region = u.region AND w.state = 'Succeeded' LIMIT 1)
      || ' is enabled in region ' || u.region || ', where subscription ' || substr(u.sub_uid, 16) || ' has resources'
    WHEN l.code IS NOT NULL THEN
      'Network Watchers of subscription ' || substr(u.sub_uid, 16) || ' were not collected (NetworkWatchers_ListAll failed: '
      || l.code || '), so Network Watcher being enabled in region ' || u.region || ' is unconfirmed'
    WHEN EXISTS (SELECT 1 FROM watchers w WHERE w.sub_uid = u.sub_uid AND w.region = u.region) THEN
      'Network Watcher ' || (SELECT w.name FROM watchers w WHERE w.sub_uid = u.sub_uid AND w.region = u.region LIMIT 1)
      || ' in region ' || u.region || ' is not provisioned (provisioningState '
      || coalesce((SELECT w.state FROM watchers w WHERE w.sub_uid = u.sub_uid AND w.region = u.region LIMIT 1), 'not reported') || ')'
    ELSE 'No Network Watcher is enabled in region ' || u.region || ', where subscription ' || substr(u.sub_uid, 16) || ' has '
      || (SELECT count(*) FROM resources r WHERE r.snapshot_id = @snapshot_id AND substr(r.uid, 1, 51) = u.sub_uid
            AND lower(replace(r.region, ' ', '')) = u.region) || ' collected resources'
  END AS reason,
  json_object('subscriptionId', substr(u.sub_uid, 16), 'region', u.region,
              'watchers', (SELECT json_group_array(json_object('name', w.name, 'provisioningState', w.state))
                           FROM watchers w WHERE w.sub_uid = u.sub_uid AND w.region = u.region),
              'resourcesInRegion', (SELECT json_group_array(r.type || ' ' || r.name) FROM resources r
                                    WHERE r.snapshot_id = @snapshot_id AND substr(r.uid, 1, 51) = u.sub_uid
                                      AND lower(replace(r.region, ' ', '')) = u.region
                                      AND r.type <> 'Microsoft.Network/networkWatchers')) AS evidence
FROM used u JOIN listing l ON l.sub_uid = u.sub_uid;
