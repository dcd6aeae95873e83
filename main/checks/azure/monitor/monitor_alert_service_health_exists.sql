/* ---
id: monitor_alert_service_health_exists
title: An activity log alert notifies on Azure service health events
severity: low
provider: azure
service: monitor
resource_type: Microsoft.Resources/subscriptions
rationale: >-
  Service health events tell of Azure outages, planned maintenance and security advisories affecting the services of the subscription; without an alert they are noticed only when something breaks. The activity log records the change, but nobody learns of it unless an alert rule fires
  and notifies someone. One finding per subscription: it passes when an enabled activity log alert rule (properties.enabled true)
  with at least one action group has allOf conditions matching category ServiceHealth
  (compared case-insensitively); it fails when no such rule exists (naming matching rules that are disabled or
  notify no one), and answers error when the alert rules could not be listed or a matching rule's state was not reported.
remediation:
  console: >-
    Azure portal > Service Health > Health alerts > Create service health alert: scope = the subscription;
    choose the services, regions and event types (service issues, planned maintenance, health and security advisories);
    actions = an action group that reaches operations; enable the rule.
  cli: |-
    az monitor activity-log alert create --resource-group <resource-group> --name service-health \
      --scope /subscriptions/<subscription-id> \
      --condition category=ServiceHealth \
      --action-group <action-group-id>
  terraform: |-
    resource "azurerm_monitor_activity_log_alert" "service_health" {
      name                = "service-health"
      resource_group_name = azurerm_resource_group.monitoring.name
      location            = "global"
      scopes              = [data.azurerm_subscription.current.id]
      criteria {
        category = "ServiceHealth"
      }
      action {
        action_group_id = azurerm_monitor_action_group.ops.id
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark, later versions (not in v3.0.0): Ensure that an Activity Log Alert exists for Service Health"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Create or edit an activity log alert rule"
    url: https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-activity-log-alert-rule
  - title: "Azure REST API: Activity Log Alerts - List By Subscription Id"
    url: https://learn.microsoft.com/rest/api/monitor/activity-log-alerts/list-by-subscription-id
frameworks:
  soc2-2017: [CC7.2]
--- */
WITH subs AS (
  SELECT s.uid, s.name, s.config, (SELECT e.code FROM collection_errors e WHERE e.snapshot_id = @snapshot_id AND e.operation = 'ActivityLogAlerts_ListBySubscriptionId'
          AND (e.resource IS NULL OR lower(e.resource) = s.uid) ORDER BY e.seq LIMIT 1) AS gap_code
  FROM resources s
  WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions'
), candidates AS (
  -- Alert rules whose allOf conditions match category ServiceHealth (case-insensitive), whatever their state.
  SELECT s.uid AS sub_uid, a.name, a.config,
         json_type(a.config, '$.properties.enabled') AS enabled_type,
         coalesce(json_array_length(a.config, '$.properties.actions.actionGroups'), 0) AS action_groups
  FROM subs s JOIN resources a ON a.snapshot_id = @snapshot_id
    AND a.type = 'Microsoft.Insights/activityLogAlerts' AND a.uid LIKE s.uid || '/%'
  WHERE EXISTS (SELECT 1 FROM json_each(a.config, '$.properties.condition.allOf') c
                WHERE lower(json_extract(c.value, '$.field')) = 'category'
                  AND lower(json_extract(c.value, '$.equals')) = 'servicehealth')
    
), verdict AS (
  SELECT s.uid,
    (SELECT group_concat(c.name, ', ') FROM candidates c WHERE c.sub_uid = s.uid
       AND c.enabled_type = 'true' AND c.action_groups > 0) AS active,
    (SELECT group_concat(c.name, ', ') FROM candidates c WHERE c.sub_uid = s.uid AND c.enabled_type IS NULL) AS state_unknown,
    (SELECT group_concat(c.name || CASE WHEN c.enabled_type = 'false' THEN ' (disabled)' ELSE ' (no action group)' END, ', ')
     FROM candidates c WHERE c.sub_uid = s.uid AND c.enabled_type IS NOT NULL
       AND NOT (c.enabled_type = 'true' AND c.action_groups > 0)) AS inactive,
    (SELECT json_group_array(json_object('name', c.name, 'enabled', c.config -> '$.properties.enabled',
                                         'actionGroups', c.action_groups,
                                         'condition', c.config -> '$.properties.condition'))
     FROM candidates c WHERE c.sub_uid = s.uid) AS evidence
  FROM subs s
)
SELECT s.uid AS resource_uid,
  CASE
    WHEN v.active IS NOT NULL THEN 'pass'
    WHEN s.gap_code IS NOT NULL OR v.state_unknown IS NOT NULL THEN 'error'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN v.active IS NOT NULL THEN
      'Subscription ' || s.name || ' has an enabled activity log alert with an action group for service health events: ' || v.active
    WHEN s.gap_code IS NOT NULL THEN
      'Activity log alerts of subscription ' || s.name || ' were not collected (ActivityLogAlerts_ListBySubscriptionId failed: '
      || s.gap_code || '), so an alert for service health events is unconfirmed'
    WHEN v.state_unknown IS NOT NULL THEN
      'The state of activity log alert(s) ' || v.state_unknown || ' for service health events in subscription ' || s.name
      || ' was not reported (properties.enabled is absent), so an active alert is unconfirmed'
    ELSE 'Subscription ' || s.name || ' has no enabled activity log alert with an action group for service health events'
      || coalesce(' (matching but inactive: ' || v.inactive || ')', '')
  END AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'category', 'ServiceHealth', 'operationName', NULL,
              'matchingAlerts', json(v.evidence), 'listError', s.gap_code) AS evidence
FROM subs s JOIN verdict v ON v.uid = s.uid;
