// The network group's part of a replayable subscription (AzureSubscriptionEstate.network) or tenant: the JSON
// each Network / Monitor list answers, in ARM's shape (see main/demo/azure/data/network.ts for the builders).
type Json = Record<string, unknown>;

export type NetworkSection = {
  /** NetworkWatchers_ListAll items. */
  networkWatchers: Json[];
  /** FlowLogs_List items per watcher, keyed by the watcher's name lower-cased (absent key = no flow logs). */
  flowLogs: Record<string, Json[]>;
  /** SubscriptionDiagnosticSettings_List items (the activity log's export settings). */
  diagnosticSettings: Json[];
  /** ActivityLogAlerts_ListBySubscriptionId items. */
  activityLogAlerts: Json[];
};
/** The network group reads nothing tenant-wide. */
export type NetworkTenantSection = Record<string, never>;
