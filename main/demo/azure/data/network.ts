// The demo tenant's network and monitor facts: per subscription id (nothing tenant-wide). Built from the REST
// API examples in ../examples (real ARM shapes) with ids rewritten. What each check finds:
//
// Production (3f9a2c71-...): resources in eastus and westeurope.
//  - network_watcher_enabled: NetworkWatcher_eastus exists -> eastus passes; no watcher in westeurope -> fails.
//  - network_flow_log_more_than_90_days: fl-nsg-bastion keeps 90 days -> pass; fl-nsg-app keeps 30 days -> fail.
//  - monitor_diagnostic_settings_exists / monitor_diagnostic_setting_with_appropriate_categories: the activity
//    log is exported nowhere -> both fail (development passes both).
//  - the eleven monitor_alert_* checks fail: the only alerts are near misses (NSG write alert disabled, policy
//    assignment alert without an action group, a generic "Administrative errors" alert) -> development, which has
//    every alert, passes them.
// Development (b8e4d0c2-...): well configured; watchers in eastus and westeurope, one flow log kept 365 days,
// one diagnostic setting with categoryGroup allLogs, every CIS 6.2 alert enabled with an action group.
// (The NSG exposure checks read the NSGs in ../estate.ts.)
import alertsExample from '../examples/Microsoft.Insights/activityLogAlerts_listBySubscription.json';
import diagnosticExample from '../examples/Microsoft.Insights/subscriptionDiagnosticSettings_list.json';
import flowLogsExample from '../examples/Microsoft.Network/networkWatchers_flowLogs_list.json';
import watchersExample from '../examples/Microsoft.Network/networkWatchers_listAll.json';
import type { NetworkSection, NetworkTenantSection } from '../sections/network';
import { NORTHWIND_PROD_SUBSCRIPTION as P, NORTHWIND_DEV_SUBSCRIPTION as D } from '../ids';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A watcher as NetworkWatchers_ListAll returns it; Azure names the automatic ones NetworkWatcher_<region>. */
export function networkWatcher(subscriptionId: string, location: string): Json {
  const name = `NetworkWatcher_${location}`;
  return {
    ...clone(watchersExample.responses['200'].body.value[0]),
    name,
    id: `/subscriptions/${subscriptionId}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/${name}`,
    location,
  };
}

/** A flow log of an NSG, as FlowLogs_List returns it, keeping `days` (0 = indefinitely) when enabled. */
export function flowLog(
  subscriptionId: string,
  watcherLocation: string,
  name: string,
  nsg: { resourceGroup: string; name: string },
  retention: { enabled: boolean; days: number },
): Json {
  const base = clone(flowLogsExample.responses['200'].body.value[1]) as Json & { properties: Json };
  return {
    ...base,
    name,
    id: `/subscriptions/${subscriptionId}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_${watcherLocation}/FlowLogs/${name}`,
    location: watcherLocation,
    identity: undefined,
    properties: {
      ...base.properties,
      targetResourceId: `/subscriptions/${subscriptionId}/resourceGroups/${nsg.resourceGroup}/providers/Microsoft.Network/networkSecurityGroups/${nsg.name}`,
      storageId: `/subscriptions/${subscriptionId}/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/nwhflowlogs`,
      enabledFilteringCriteria: undefined,
      retentionPolicy: retention,
    },
  };
}

/** A subscription diagnostic setting (id without a leading slash, as ARM returns it) exporting these logs. */
export function diagnosticSetting(subscriptionId: string, name: string, logs: Json[]): Json {
  const base = clone(diagnosticExample.responses['200'].body.value[0]) as Json & { properties: Json };
  return {
    ...base,
    name,
    id: `subscriptions/${subscriptionId}/providers/AzureResourceManager/diagnosticSettings/${name}`,
    properties: {
      workspaceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/nwh-logs`,
      logs,
    },
  };
}

type AlertSpec = {
  name: string;
  /** allOf conditions beyond none: e.g. [{field:'category', equals:'Administrative'}, {field:'operationName', ...}] */
  allOf: Json[];
  enabled?: boolean;
  actionGroup?: boolean;
};

/** An activity log alert rule as ActivityLogAlerts_ListBySubscriptionId returns it. */
export function activityLogAlert(subscriptionId: string, spec: AlertSpec): Json {
  const base = clone(alertsExample.responses['200'].body.value[0]) as Json & { properties: Json };
  return {
    ...base,
    name: spec.name,
    id: `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring/providers/microsoft.insights/activityLogAlerts/${spec.name}`,
    properties: {
      ...base.properties,
      scopes: [`/subscriptions/${subscriptionId}`],
      condition: { allOf: spec.allOf },
      actions: {
        actionGroups:
          spec.actionGroup === false
            ? []
            : [
                {
                  actionGroupId: `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring/providers/microsoft.insights/actionGroups/secops-oncall`,
                  webhookProperties: {},
                },
              ],
      },
      enabled: spec.enabled ?? true,
      description: `Alerts security operations: ${spec.name}.`,
    },
  };
}

const admin = (operationName: string): Json[] => [
  { field: 'category', equals: 'Administrative' },
  { field: 'operationName', equals: operationName },
];

/** Every CIS 6.2 alert, as a well-run subscription has them. */
const ALL_ALERTS: AlertSpec[] = [
  { name: 'policy-assignment-write', allOf: admin('Microsoft.Authorization/policyAssignments/write') },
  { name: 'policy-assignment-delete', allOf: admin('Microsoft.Authorization/policyAssignments/delete') },
  { name: 'nsg-write', allOf: admin('Microsoft.Network/networkSecurityGroups/write') },
  { name: 'nsg-delete', allOf: admin('Microsoft.Network/networkSecurityGroups/delete') },
  { name: 'security-solution-write', allOf: admin('Microsoft.Security/securitySolutions/write') },
  { name: 'security-solution-delete', allOf: admin('Microsoft.Security/securitySolutions/delete') },
  // operationName compares case-insensitively, as Azure Monitor does.
  { name: 'sql-firewall-write', allOf: admin('microsoft.sql/servers/firewallrules/write') },
  { name: 'sql-firewall-delete', allOf: admin('Microsoft.Sql/servers/firewallRules/delete') },
  { name: 'public-ip-write', allOf: admin('Microsoft.Network/publicIPAddresses/write') },
  { name: 'public-ip-delete', allOf: admin('Microsoft.Network/publicIPAddresses/delete') },
  {
    name: 'service-health',
    allOf: [
      { field: 'category', equals: 'ServiceHealth' },
      { anyOf: [{ field: 'properties.incidentType', equals: 'Incident' }] },
    ],
  },
];

export const NETWORK_BY_SUBSCRIPTION: Record<string, NetworkSection> = {
  [P]: {
    networkWatchers: [networkWatcher(P, 'eastus')],
    flowLogs: {
      networkwatcher_eastus: [
        flowLog(
          P,
          'eastus',
          'fl-nsg-bastion',
          { resourceGroup: 'rg-mgmt', name: 'nsg-bastion' },
          { enabled: true, days: 90 },
        ),
        flowLog(
          P,
          'eastus',
          'fl-nsg-app',
          { resourceGroup: 'rg-web', name: 'nsg-app' },
          { enabled: true, days: 30 },
        ),
      ],
    },
    diagnosticSettings: [],
    activityLogAlerts: [
      { name: 'nsg-write', allOf: admin('Microsoft.Network/networkSecurityGroups/write'), enabled: false },
      {
        name: 'policy-assignment-write',
        allOf: admin('Microsoft.Authorization/policyAssignments/write'),
        actionGroup: false,
      },
      {
        name: 'administrative-errors',
        allOf: [
          { field: 'category', equals: 'Administrative' },
          { field: 'level', equals: 'Error' },
        ],
      },
    ].map((a) => activityLogAlert(P, a)),
  },
  [D]: {
    networkWatchers: [networkWatcher(D, 'eastus'), networkWatcher(D, 'westeurope')],
    flowLogs: {
      networkwatcher_eastus: [
        flowLog(
          D,
          'eastus',
          'fl-nsg-dev',
          { resourceGroup: 'rg-dev', name: 'nsg-dev' },
          { enabled: true, days: 365 },
        ),
      ],
    },
    diagnosticSettings: [
      diagnosticSetting(D, 'activity-log-to-workspace', [{ categoryGroup: 'allLogs', enabled: true }]),
    ],
    activityLogAlerts: ALL_ALERTS.map((a) => activityLogAlert(D, a)),
  },
};
export const NETWORK_TENANT: NetworkTenantSection | undefined = undefined;
