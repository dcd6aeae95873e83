// The network group's replay answers, keyed by registry operation name (see ../server.ts AzureReplayHandler).
// Lists page like ARM (value + nextLink); a subscription without network facts answers empty lists, as ARM does
// for a subscription that has none of these resources.
import type { AzureReplayHandler } from '../server';

export const NETWORK_REPLAY: Record<string, AzureReplayHandler> = {
  NetworkWatchers_ListAll: ({ sub, list }) => list(sub?.network?.networkWatchers ?? []),
  FlowLogs_List: ({ sub, segments, list, error }) => {
    // /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Network/networkWatchers/{name}/flowLogs
    const [rg, name] = [segments[4] ?? '', segments[8] ?? ''];
    const watcher = (sub?.network?.networkWatchers ?? []).find(
      (w) =>
        String(w.name).toLowerCase() === name.toLowerCase() &&
        String(w.id).toLowerCase().includes(`/resourcegroups/${rg.toLowerCase()}/`),
    );
    if (!watcher)
      return error(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.Network/networkWatchers/${name}' under resource group '${rg}' was not found.`,
      );
    return list(sub?.network?.flowLogs[name.toLowerCase()] ?? []);
  },
  SubscriptionDiagnosticSettings_List: ({ sub, list }) => list(sub?.network?.diagnosticSettings ?? []),
  ActivityLogAlerts_ListBySubscriptionId: ({ sub, list }) => list(sub?.network?.activityLogAlerts ?? []),
};
