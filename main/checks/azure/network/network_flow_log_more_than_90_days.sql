/* ---
id: network_flow_log_more_than_90_days
title: NSG flow log keeps its records for at least 90 days
severity: medium
provider: azure
service: network
resource_type: Microsoft.Network/networkWatchers/flowLogs
rationale: >-
  Flow logs record the IP traffic through a network security group (or virtual network); they are the evidence
  for investigating a breach found weeks later and for spotting anomalies. Kept for less than 90 days, the records
  of an intrusion are often gone by the time it is discovered. Each flow log passes when it is enabled and its
  retention policy is enabled with days of 90 or more, or 0 (Azure keeps the records indefinitely). A disabled
  flow log, a disabled retention policy or fewer than 90 days fails. A Network Watcher whose flow logs could not be
  listed answers error.
remediation:
  console: >-
    Azure portal > Network Watcher > Flow logs > the flow log: set Retention (days) to 90 or more (or 0 to keep
    the records indefinitely) and Save. Make sure the flow log Status is On.
  cli: |-
    az network watcher flow-log update --location <region> --name <flow-log> --retention 90
  terraform: |-
    resource "azurerm_network_watcher_flow_log" "this" {
      # ...
      enabled = true
      retention_policy {
        enabled = true
        days    = 90
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 7.5: Ensure that Network Security Group Flow Log retention period is 'greater than 90 days'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark LT-6: Configure log storage retention"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-logging-threat-detection#lt-6-configure-log-storage-retention
  - title: "Microsoft Learn: Flow logging for network security groups"
    url: https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-overview
  - title: "Azure REST API: Flow Logs - List"
    url: https://learn.microsoft.com/rest/api/network-watcher/flow-logs/list
frameworks:
  iso27001-2022: [A.8.15]
--- */
WITH logs AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.enabled') AS enabled_type,
         json_type(config, '$.properties.retentionPolicy.enabled') AS retention_type,
         json_type(config, '$.properties.retentionPolicy.days') AS days_type,
         json_extract(config, '$.properties.retentionPolicy.days') AS days,
         json_extract(config, '$.properties.targetResourceId') AS target
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Network/networkWatchers/flowLogs'
)
SELECT uid AS resource_uid,
  CASE
    WHEN enabled_type = 'false' THEN 'fail'
    WHEN enabled_type IS NOT 'true' OR retention_type NOT IN ('true', 'false') OR retention_type IS NULL THEN 'error'
    WHEN retention_type = 'false' THEN 'fail'
    WHEN days_type IS NOT 'integer' THEN 'error'
    WHEN days = 0 OR days >= 90 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN enabled_type = 'false' THEN
      'Flow log ' || name || ' (target ' || coalesce(target, 'unknown') || ') is disabled, so it records no traffic to retain'
    WHEN enabled_type IS NULL THEN
      'State of flow log ' || name || ' was not reported (properties.enabled is absent), so its retention is unconfirmed'
    WHEN enabled_type IS NOT 'true' THEN
      'State of flow log ' || name || ' was reported in an unexpected form (' || enabled_type || ')'
    WHEN retention_type IS NULL THEN
      'Retention policy of flow log ' || name || ' was not reported (properties.retentionPolicy.enabled is absent), so 90-day retention is unconfirmed'
    WHEN retention_type NOT IN ('true', 'false') THEN
      'Retention policy of flow log ' || name || ' was reported in an unexpected form (' || retention_type || ')'
    WHEN retention_type = 'false' THEN
      'Flow log ' || name || ' (target ' || coalesce(target, 'unknown') || ') has its retention policy disabled, so no retention period of at least 90 days is set'
    WHEN days_type IS NULL THEN
      'Retention days of flow log ' || name || ' were not reported (properties.retentionPolicy.days is absent)'
    WHEN days_type IS NOT 'integer' THEN
      'Retention days of flow log ' || name || ' were reported in an unexpected form (' || days_type || ')'
    WHEN days = 0 THEN
      'Flow log ' || name || ' (target ' || coalesce(target, 'unknown') || ') keeps its records indefinitely (retentionPolicy.days is 0)'
    WHEN days >= 90 THEN
      'Flow log ' || name || ' (target ' || coalesce(target, 'unknown') || ') keeps its records ' || days || ' days (at least 90)'
    ELSE 'Flow log ' || name || ' (target ' || coalesce(target, 'unknown') || ') keeps its records only ' || days || ' days (fewer than 90)'
  END AS reason,
  json_object('id', config ->> '$.id', 'location', config ->> '$.location', 'targetResourceId', target,
              'enabled', config -> '$.properties.enabled',
              'retentionPolicy', config -> '$.properties.retentionPolicy') AS evidence
FROM logs
UNION ALL
-- A watcher whose FlowLogs_List failed: its flow logs (and their retention) are unknown.
SELECT w.uid AS resource_uid, 'error' AS status,
  'Flow logs of Network Watcher ' || w.name || ' were not collected (FlowLogs_List failed' ||
  coalesce(': ' || (SELECT e.code FROM collection_errors e WHERE e.snapshot_id = @snapshot_id
                      AND e.operation = 'FlowLogs_List' AND lower(e.resource) = w.uid ORDER BY e.seq LIMIT 1), '')
  || '), so their retention is unconfirmed' AS reason,
  json_object('id', w.config ->> '$.id', 'location', w.config ->> '$.location') AS evidence
FROM resources w
WHERE w.snapshot_id = @snapshot_id AND w.type = 'Microsoft.Network/networkWatchers'
  AND json_type(w.config, '$.flowLogIds') IS NOT 'array'
UNION ALL
-- The watcher list failed: no flow log of the subscription is known.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Network Watchers of subscription ' || s.name || ' were not collected (NetworkWatchers_ListAll failed: ' || e.code || '), so flow log retention is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN collection_errors e ON e.snapshot_id = @snapshot_id AND e.operation = 'NetworkWatchers_ListAll'
  AND (e.resource IS NULL OR lower(e.resource) = s.uid)
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
