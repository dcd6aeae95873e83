// What the Azure collectors store. Resource types are ARM's own type names (Microsoft.Storage/storageAccounts),
// and a resource's config is the ARM JSON exactly as Resource Manager returned it: `properties` is NOT
// flattened and no field is renamed, so evidence reads like the REST API reference and the CIS Microsoft
// Azure Foundations Benchmark (properties.supportsHttpsTrafficOnly, properties.minimumTlsVersion ...).
//
// Follow-up calls are attached under the keys documented below. The gap convention is the AWS one
// (main/collect/aws/shapes.ts): a follow-up that FAILED leaves its key ABSENT and records a gap; a setting Azure
// reports as not configured is JSON null.
//
// uid: the ARM resource id LOWER-CASED. ARM ids are case-insensitive and Azure itself returns the same resource
// with different casing from different APIs (resourceGroups vs resourcegroups, an account name's case), so
// lower-casing is the only way two references to one resource compare equal. The id as returned stays in
// config.id; `name` keeps Azure's casing for display.

export const AZURE_SUBSCRIPTION = 'Microsoft.Resources/subscriptions';
export const AZURE_STORAGE_ACCOUNT = 'Microsoft.Storage/storageAccounts';
export const AZURE_NETWORK_SECURITY_GROUP = 'Microsoft.Network/networkSecurityGroups';

/** The uid of an ARM resource: its id, lower-cased (see above). */
export function azureUid(armId: string): string {
  return armId.toLowerCase();
}

/** The subscription itself (Subscriptions_Get as returned): one per snapshot, the scope of subscription-wide facts. */
export type AzureSubscriptionConfig = Record<string, unknown> & {
  subscriptionId?: string;
  tenantId?: string;
  displayName?: string;
  state?: string;
};

/** A storage account from StorageAccounts_List, plus its blob service. */
export type StorageAccountConfig = Record<string, unknown> & {
  id: string;
  name: string;
  location?: string;
  properties?: Record<string, unknown>;
  /**
   * BlobServices_GetServiceProperties (blobServices/default) as returned: deleteRetentionPolicy,
   * isVersioningEnabled, changeFeed... ABSENT when the call failed (a gap names the account).
   */
  blobServiceProperties?: Record<string, unknown>;
};

/**
 * A network security group from NetworkSecurityGroups_ListAll as returned: properties.securityRules (the custom
 * rules) and properties.defaultSecurityRules (Azure's six built-in rules, priority 65000-65500) together are the
 * rules Azure evaluates, lowest priority number first. No follow-up calls.
 */
export type NetworkSecurityGroupConfig = Record<string, unknown> & {
  id: string;
  name: string;
  location?: string;
  properties?: { securityRules?: unknown[]; defaultSecurityRules?: unknown[] } & Record<string, unknown>;
};

/** The resource group named in an ARM id (/subscriptions/x/resourceGroups/<rg>/...), or null. */
export function resourceGroupOf(armId: string): string | null {
  const m = /\/resourcegroups\/([^/]+)/i.exec(armId);
  return m ? m[1] : null;
}

/** ARM tags ({name: value}) as the string map resources carry. */
export function armTags(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (tags && typeof tags === 'object' && !Array.isArray(tags))
    for (const [k, v] of Object.entries(tags as Record<string, unknown>))
      out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
