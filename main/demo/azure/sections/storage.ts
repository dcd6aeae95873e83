// The storage group's part of a replayable subscription (AzureSubscriptionEstate.storage) or tenant.
type Json = Record<string, unknown>;

export type StorageSection = {
  /**
   * Settings layered onto the subscription's storage accounts (built in ../estate.ts from the REST examples),
   * keyed by account name lower-cased: `properties` entries replace the account's (undefined deletes one, so
   * an old account can lack a property as ARM omits it), `tags` replace its tags, `blobService` entries
   * replace blobServices/default properties.
   */
  accounts: Record<string, { properties?: Json; tags?: Record<string, string>; blobService?: Json }>;
  /** Key vaults as Vaults_ListBySubscription returns them. */
  keyVaults: Json[];
  /** Keys_List / Secrets_List / DiagnosticSettings_List answers per vault, keyed by vault name lower-cased. */
  keys: Record<string, Json[]>;
  secrets: Record<string, Json[]>;
  diagnosticSettings: Record<string, Json[]>;
};
export type StorageTenantSection = Record<string, unknown>;
