// What the network group's Azure collectors store (beside the NSGs described in ./shapes.ts). As everywhere in
// Azure collection, config is the ARM JSON exactly as returned (properties not flattened) and follow-ups are
// attached under the keys below: ABSENT when the follow-up call failed (a gap names it), never a guess.

export const AZURE_NETWORK_WATCHER = 'Microsoft.Network/networkWatchers';
/** ARM's own type string for flow logs (FlowLogs_List answers "Microsoft.Network/networkWatchers/FlowLogs"). */
export const AZURE_FLOW_LOG = 'Microsoft.Network/networkWatchers/flowLogs';
export const AZURE_SUBSCRIPTION_DIAGNOSTIC_SETTING = 'Microsoft.Insights/diagnosticSettings';
export const AZURE_ACTIVITY_LOG_ALERT = 'Microsoft.Insights/activityLogAlerts';

/**
 * A Network Watcher from NetworkWatchers_ListAll, plus its flow logs.
 * flowLogIds: the ids (lower-cased, = the flow log resources' uids) FlowLogs_List returned for this watcher,
 * [] when it has none; ABSENT when FlowLogs_List failed for it (its flow logs are then unknown).
 */
export type NetworkWatcherConfig = Record<string, unknown> & {
  id: string;
  name: string;
  location?: string;
  properties?: { provisioningState?: string } & Record<string, unknown>;
  flowLogIds?: string[];
};

/**
 * A flow log from FlowLogs_List as returned: properties.enabled, properties.targetResourceId (the NSG or virtual
 * network), properties.retentionPolicy {enabled, days} (days 0 = kept indefinitely). No follow-ups.
 */
export type FlowLogConfig = Record<string, unknown> & {
  id: string;
  name: string;
  properties?: Record<string, unknown>;
};

/**
 * A subscription activity-log diagnostic setting from SubscriptionDiagnosticSettings_List as returned:
 * properties.logs [{category | categoryGroup, enabled}], and the destinations (storageAccountId, workspaceId,
 * eventHubAuthorizationRuleId). ARM returns its id without the leading slash; the uid adds it.
 */
export type SubscriptionDiagnosticSettingConfig = Record<string, unknown> & {
  id: string;
  name: string;
  properties?: { logs?: unknown[] } & Record<string, unknown>;
};

/**
 * An activity log alert rule from ActivityLogAlerts_ListBySubscriptionId as returned: properties.enabled,
 * properties.scopes, properties.condition.allOf [{field, equals} | {anyOf: [...]}], properties.actions.actionGroups.
 */
export type ActivityLogAlertConfig = Record<string, unknown> & {
  id: string;
  name: string;
  properties?: Record<string, unknown>;
};

/** The scope a subscription-wide list's gap names (the subscription resource's uid), so checks can match it. */
export function subscriptionScope(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId.toLowerCase()}`;
}
