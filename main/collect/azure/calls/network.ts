// The network group's Azure calls (ARM and Graph); see main/collect/azure/registry.ts for what an entry means.
// Network (Microsoft.Network, besides NetworkSecurityGroups_ListAll in the core registry) and Monitor
// (Microsoft.Insights). RBAC actions are from the resource provider operations list; all are in Reader.
import type { AzureArmCall, AzureGraphCall } from '../registry';

export const NETWORK_ARM_CALLS: readonly AzureArmCall[] = [
  {
    api: 'arm',
    operation: 'NetworkWatchers_ListAll',
    namespace: 'Microsoft.Network',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/networkWatchers',
    apiVersion: '2025-05-01',
    paged: true,
    action: 'Microsoft.Network/networkWatchers/read',
    why: 'Lists every Network Watcher and its region: whether each region the subscription uses is monitored (CIS 7.6), and the watchers whose flow logs are read next.',
  },
  {
    api: 'arm',
    operation: 'FlowLogs_List',
    namespace: 'Microsoft.Network',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkWatchers/{networkWatcherName}/flowLogs',
    apiVersion: '2025-05-01',
    paged: true,
    action: 'Microsoft.Network/networkWatchers/flowLogs/read',
    why: "Lists each Network Watcher's flow logs with their target, state and retention policy: how long network traffic records are kept (CIS 7.5).",
  },
  {
    api: 'arm',
    operation: 'SubscriptionDiagnosticSettings_List',
    namespace: 'Microsoft.Insights',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/diagnosticSettings',
    // No stable api-version exists for subscription-level diagnostic settings: 2021-05-01-preview is the
    // newest the REST API offers (and what the Azure portal and az monitor diagnostic-settings subscription use).
    apiVersion: '2021-05-01-preview',
    paged: true,
    action: 'Microsoft.Insights/DiagnosticSettings/Read',
    why: "Lists the subscription's activity-log diagnostic settings and the log categories each exports (CIS 6.1.1, 6.1.2). This operation exists only in a preview api-version (2021-05-01-preview); there is no stable one.",
  },
  {
    api: 'arm',
    operation: 'ActivityLogAlerts_ListBySubscriptionId',
    namespace: 'Microsoft.Insights',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/activityLogAlerts',
    apiVersion: '2020-10-01',
    paged: true,
    action: 'Microsoft.Insights/ActivityLogAlerts/Read',
    why: 'Lists the activity log alert rules with their conditions, state and action groups: whether changes to policy assignments, NSGs, security solutions, SQL firewall rules and public IPs, and service health events, alert anyone (CIS 6.2).',
  },
];
export const NETWORK_GRAPH_CALLS: readonly AzureGraphCall[] = [];
