// The network group's collectors, as units collectAzureSubscription schedules (see ../index.ts AzureUnit).
// Network security groups are the core unit in ../index.ts (collectNetworkSecurityGroups).
import type { AzureUnit } from '../index';
import { collectActivityLogAlerts, collectSubscriptionDiagnosticSettings } from '../monitor';
import { collectNetworkWatchers } from '../network-watchers';

export const NETWORK_UNITS: readonly AzureUnit[] = [
  { service: 'network', label: 'network watchers', run: collectNetworkWatchers },
  {
    service: 'monitor',
    label: 'activity log diagnostic settings',
    run: collectSubscriptionDiagnosticSettings,
  },
  { service: 'monitor', label: 'activity log alerts', run: collectActivityLogAlerts },
];
