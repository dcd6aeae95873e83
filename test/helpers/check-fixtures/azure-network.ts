// Pass, fail and data-missing fixtures for the Azure network group's checks (merged into CHECK_FIXTURES).
// Configs are ARM JSON as Resource Manager returns it (see main/collect/azure/network-shapes.ts).
import type { CollectedResource, CollectionGap } from '../../../main/collect/types';
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { azureResource, nsgCase, nsgRule } from './azure';

export const SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
export const SUB_UID = `/subscriptions/${SUB}`;

/** The subscription resource (Subscriptions_Get as stored): the scope of the subscription-wide checks. */
export const subscription = azureResource(
  'Microsoft.Resources/subscriptions',
  SUB_UID,
  { subscriptionId: SUB, displayName: 'Production', state: 'Enabled' },
  { name: 'Production', region: 'global', service: 'subscription' },
);

/** A failed subscription-wide list, as recordedAzureList records it (resource = the subscription uid). */
export function azureGap(operation: string, namespace: string, resource: string = SUB_UID): CollectionGap {
  return {
    service: namespace,
    region: 'global',
    operation,
    resource,
    code: 'AuthorizationFailed',
    message: `The snapshot identity is not allowed to perform ${operation} in subscription ${SUB}.`,
  };
}

const subCase = (resources: CollectedResource[], gaps: CollectionGap[] = []): CheckCase => ({
  resources: [subscription, ...resources],
  gaps,
  uid: SUB_UID,
});

// Network Watchers and flow logs.
const WATCHER_ID = `${SUB_UID}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_eastus`;
export function watcher(location = 'eastus', extra: Record<string, unknown> = { flowLogIds: [] }) {
  const id = WATCHER_ID.replace('eastus', location);
  return azureResource(
    'Microsoft.Network/networkWatchers',
    id,
    { properties: { provisioningState: 'Succeeded' }, ...extra },
    { region: location, service: 'network' },
  );
}
const FLOW_LOG_ID = `${WATCHER_ID}/FlowLogs/fl-nsg-web`;
export const FLOW_LOG_UID = FLOW_LOG_ID.toLowerCase();
export const flowLogCase = (properties: Record<string, unknown>): CheckCase => ({
  resources: [
    azureResource(
      'Microsoft.Network/networkWatchers/flowLogs',
      FLOW_LOG_ID,
      {
        properties: {
          targetResourceId: `${SUB_UID}/resourceGroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg-web`,
          ...properties,
        },
      },
      { service: 'network' },
    ),
  ],
  uid: FLOW_LOG_UID,
});

/** A storage account in eastus: a resource that puts the subscription in that region. */
export const eastusAccount = azureResource(
  'Microsoft.Storage/storageAccounts',
  `${SUB_UID}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stapp`,
  { properties: {} },
  { region: 'eastus' },
);
export const EASTUS_UID = `${SUB_UID}/providers/microsoft.network/locations/eastus`;

// Diagnostic settings and activity log alerts.
export function diagnosticSetting(name: string, logs: unknown): CollectedResource {
  const id = `${SUB_UID}/providers/AzureResourceManager/diagnosticSettings/${name}`;
  const r = azureResource(
    'Microsoft.Insights/diagnosticSettings',
    id,
    { properties: logs === undefined ? {} : { logs } },
    { region: 'global', service: 'monitor' },
  );
  // ARM answers these ids without the leading slash; the collector adds it to the uid only.
  r.config.id = id.slice(1);
  return r;
}

export function alert(
  name: string,
  allOf: unknown[],
  opts: { enabled?: boolean | null; actionGroups?: number } = {},
): CollectedResource {
  const properties: Record<string, unknown> = {
    scopes: [SUB_UID],
    condition: { allOf },
    actions: {
      actionGroups: Array.from({ length: opts.actionGroups ?? 1 }, (_, i) => ({
        actionGroupId: `${SUB_UID}/resourceGroups/rg-mon/providers/microsoft.insights/actionGroups/ag${i}`,
      })),
    },
  };
  if (opts.enabled !== null) properties.enabled = opts.enabled ?? true;
  return azureResource(
    'Microsoft.Insights/activityLogAlerts',
    `${SUB_UID}/resourceGroups/rg-mon/providers/microsoft.insights/activityLogAlerts/${name}`,
    { properties },
    { region: 'global', service: 'monitor' },
  );
}

export const adminCondition = (operationName: string) => [
  { field: 'category', equals: 'Administrative' },
  { field: 'operationName', equals: operationName },
];

/** The CIS 6.2 alert checks and the operation each one looks for (null: service health, by category). */
export const ALERT_OPERATIONS: Record<string, string | null> = {
  monitor_alert_create_policy_assignment: 'Microsoft.Authorization/policyAssignments/write',
  monitor_alert_delete_policy_assignment: 'Microsoft.Authorization/policyAssignments/delete',
  monitor_alert_create_update_nsg: 'Microsoft.Network/networkSecurityGroups/write',
  monitor_alert_delete_nsg: 'Microsoft.Network/networkSecurityGroups/delete',
  monitor_alert_create_update_security_solution: 'Microsoft.Security/securitySolutions/write',
  monitor_alert_delete_security_solution: 'Microsoft.Security/securitySolutions/delete',
  monitor_alert_create_update_sqlserver_fr: 'Microsoft.Sql/servers/firewallRules/write',
  monitor_alert_delete_sqlserver_fr: 'Microsoft.Sql/servers/firewallRules/delete',
  monitor_alert_create_update_public_ip_address_rule: 'Microsoft.Network/publicIPAddresses/write',
  monitor_alert_delete_public_ip_address_rule: 'Microsoft.Network/publicIPAddresses/delete',
  monitor_alert_service_health_exists: null,
};

export const conditionFor = (operation: string | null) =>
  operation === null ? [{ field: 'category', equals: 'ServiceHealth' }] : adminCondition(operation);

function alertFixtures(operation: string | null): CheckFixtures {
  const ALERTS_LIST = 'ActivityLogAlerts_ListBySubscriptionId';
  return {
    pass: subCase([alert('matching', conditionFor(operation))]),
    // The right condition, but the rule is disabled.
    fail: subCase([alert('matching', conditionFor(operation), { enabled: false })]),
    error: subCase([], [azureGap(ALERTS_LIST, 'Microsoft.Insights')]),
  };
}

const ALL_CATEGORIES = ['Administrative', 'Alert', 'Policy', 'Security'].map((category) => ({
  category,
  enabled: true,
}));

export const AZURE_NETWORK_FIXTURES: Record<string, CheckFixtures> = {
  network_rdp_internet_access_restricted: {
    pass: nsgCase([
      nsgRule({
        name: 'AllowRdpOffice',
        priority: 100,
        access: 'Allow',
        source: '203.0.113.0/24',
        ports: '3389',
      }),
    ]),
    fail: nsgCase([
      nsgRule({ name: 'AllowRdp', priority: 100, access: 'Allow', source: 'Internet', ports: '3389' }),
    ]),
    error: nsgCase(undefined),
  },
  network_udp_internet_access_restricted: {
    pass: nsgCase([
      nsgRule({
        name: 'AllowDns',
        priority: 100,
        access: 'Allow',
        protocol: 'Udp',
        source: '10.0.0.0/8',
        ports: '53',
      }),
    ]),
    fail: nsgCase([
      nsgRule({
        name: 'AllowNtp',
        priority: 100,
        access: 'Allow',
        protocol: 'Udp',
        source: '*',
        ports: '123',
      }),
    ]),
    error: nsgCase(undefined),
  },
  network_http_internet_access_restricted: {
    pass: nsgCase([
      nsgRule({ name: 'AllowSsh', priority: 100, access: 'Allow', source: '10.0.0.0/8', ports: '22' }),
    ]),
    fail: nsgCase([
      nsgRule({ name: 'AllowHttps', priority: 100, access: 'Allow', source: 'Internet', ports: '443' }),
    ]),
    error: nsgCase([], 'not-a-list'),
  },
  network_flow_log_more_than_90_days: {
    pass: flowLogCase({ enabled: true, retentionPolicy: { enabled: true, days: 90 } }),
    fail: flowLogCase({ enabled: true, retentionPolicy: { enabled: true, days: 30 } }),
    // The retention policy was not in ARM's answer.
    error: flowLogCase({ enabled: true }),
  },
  network_watcher_enabled: {
    pass: { resources: [subscription, eastusAccount, watcher('eastus')], uid: EASTUS_UID },
    fail: { resources: [subscription, eastusAccount, watcher('westeurope')], uid: EASTUS_UID },
    error: {
      resources: [subscription, eastusAccount],
      gaps: [azureGap('NetworkWatchers_ListAll', 'Microsoft.Network')],
      uid: EASTUS_UID,
    },
  },
  monitor_diagnostic_settings_exists: {
    pass: subCase([diagnosticSetting('to-workspace', ALL_CATEGORIES)]),
    fail: subCase([]),
    error: subCase([], [azureGap('SubscriptionDiagnosticSettings_List', 'Microsoft.Insights')]),
  },
  monitor_diagnostic_setting_with_appropriate_categories: {
    pass: subCase([diagnosticSetting('all-logs', [{ categoryGroup: 'allLogs', enabled: true }])]),
    fail: subCase([
      diagnosticSetting('admin-only', [
        { category: 'Administrative', enabled: true },
        { category: 'Security', enabled: true },
        { category: 'Policy', enabled: false },
      ]),
    ]),
    error: subCase([], [azureGap('SubscriptionDiagnosticSettings_List', 'Microsoft.Insights')]),
  },
  ...Object.fromEntries(Object.entries(ALERT_OPERATIONS).map(([id, op]) => [id, alertFixtures(op)])),
};
