// Pass, fail and data-missing fixtures for the Azure storage group's checks (merged into CHECK_FIXTURES):
// storage account extras and Key Vault. Configs are ARM JSON as Resource Manager returns it (properties not
// flattened), follow-ups under the keys main/collect/azure/storage-shapes.ts documents.
import type { CollectedResource, CollectionGap } from '../../../main/collect/types';
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { FIXTURE_STARTED_AT } from '../snapshot-fixture';
import { azureResource } from './azure';

const SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
const SUB_ID = `/subscriptions/${SUB}`;
const subscription = azureResource(
  'Microsoft.Resources/subscriptions',
  SUB_ID,
  { subscriptionId: SUB, displayName: 'Test subscription' },
  { name: 'Test subscription', region: 'global', service: 'subscription' },
);
const armGap = (operation: string, service: string, resource: string | null = null): CollectionGap => ({
  service,
  region: 'global',
  operation,
  code: 'AuthorizationFailed',
  message: `${operation} was denied in subscription ${SUB}`,
  resource,
});

/** The population's list failed: the subscription answers error. */
const listFailed = (operation: string, service: string): CheckCase => ({
  resources: [subscription],
  gaps: [armGap(operation, service)],
  uid: SUB_ID.toLowerCase(),
});

// ---------------------------------------------------------------------------------------- storage accounts
const ACCOUNT_ID = `/subscriptions/${SUB}/resourceGroups/rg-test/providers/Microsoft.Storage/storageAccounts/sttest`;
export const ACCOUNT_UID = ACCOUNT_ID.toLowerCase();

/** A storage account with the given properties, tags and (when given) blob service properties. */
export function accountCase(
  properties: Record<string, unknown> | undefined,
  opts: { tags?: Record<string, string>; blob?: Record<string, unknown> } = {},
): CheckCase {
  const config: Record<string, unknown> = { kind: 'StorageV2' };
  if (properties !== undefined) config.properties = properties;
  if (opts.blob !== undefined)
    config.blobServiceProperties = {
      id: `${ACCOUNT_ID}/blobServices/default`,
      name: 'default',
      properties: opts.blob,
    };
  return {
    resources: [
      subscription,
      azureResource('Microsoft.Storage/storageAccounts', ACCOUNT_ID, config, { tags: opts.tags ?? {} }),
    ],
    uid: ACCOUNT_UID,
  };
}
const accountsListFailed = listFailed('StorageAccounts_List', 'Microsoft.Storage');

export const daysBefore = (asOf: Date, days: number) =>
  new Date(asOf.getTime() - days * 86_400_000).toISOString();
/** Key ages are judged against the snapshot's start (@as_of): the fixtures' start, not the clock. */
const AS_OF = new Date(FIXTURE_STARTED_AT);

// ---------------------------------------------------------------------------------------------- key vaults
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-test`;
export const VAULT_UID = VAULT_ID.toLowerCase();

export function vaultCase(
  properties: Record<string, unknown> | undefined,
  followUps: { keys?: unknown[]; secretsStatus?: unknown[]; diagnosticSettings?: unknown[] } = {},
): CheckCase {
  const config: Record<string, unknown> = { ...followUps };
  if (properties !== undefined) config.properties = properties;
  const vault: CollectedResource = azureResource('Microsoft.KeyVault/vaults', VAULT_ID, config, {
    service: 'keyvault',
  });
  return { resources: [subscription, vault], uid: VAULT_UID };
}
const vaultsListFailed = listFailed('Vaults_ListBySubscription', 'Microsoft.KeyVault');

/** A key or secret item as Keys_List / Secrets_List return it. */
export function item(name: string, attributes: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `${VAULT_ID}/keys/${name}`,
    name,
    properties: { attributes: { created: 1735689600, ...attributes } },
  };
}
const EXP = 1798761600;

/** A diagnostic setting on the vault. */
export function setting(
  name: string,
  dest: Record<string, unknown>,
  logs: Record<string, unknown>[],
): Record<string, unknown> {
  return {
    id: `${VAULT_ID}/providers/microsoft.insights/diagnosticSettings/${name}`,
    name,
    properties: { ...dest, logs },
  };
}
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law`;

const expiryFixtures = (kind: 'keys' | 'secretsStatus', rbac: boolean): CheckFixtures => ({
  pass: vaultCase({ enableRbacAuthorization: rbac }, { [kind]: [item('a', { enabled: true, exp: EXP })] }),
  fail: vaultCase(
    { enableRbacAuthorization: rbac },
    { [kind]: [item('a', { enabled: true, exp: EXP }), item('b', { enabled: true })] },
  ),
  // The list failed: its key is absent.
  error: vaultCase({ enableRbacAuthorization: rbac }),
});

export const AZURE_STORAGE_FIXTURES: Record<string, CheckFixtures> = {
  storage_default_network_access_rule_is_denied: {
    pass: accountCase({
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] },
    }),
    fail: accountCase({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' } }),
    error: accountCase({ publicNetworkAccess: 'Enabled' }),
  },
  storage_ensure_soft_delete_is_enabled: {
    pass: accountCase({}, { blob: { deleteRetentionPolicy: { enabled: true, days: 7 } } }),
    fail: accountCase({}, { blob: { deleteRetentionPolicy: { enabled: false } } }),
    // BlobServices_GetServiceProperties failed: blobServiceProperties is absent.
    error: accountCase({}),
  },
  storage_container_soft_delete_is_enabled: {
    pass: accountCase({}, { blob: { containerDeleteRetentionPolicy: { enabled: true, days: 7 } } }),
    fail: accountCase({}, { blob: { containerDeleteRetentionPolicy: { enabled: false } } }),
    error: accountCase({}, { blob: { deleteRetentionPolicy: { enabled: true, days: 7 } } }),
  },
  storage_infrastructure_encryption_is_enabled: {
    pass: accountCase({
      encryption: { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: true },
    }),
    fail: accountCase({
      encryption: { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: false },
    }),
    error: accountCase({ supportsHttpsTrafficOnly: true }),
  },
  storage_ensure_encryption_with_customer_managed_keys: {
    pass: accountCase(
      {
        encryption: {
          keySource: 'Microsoft.Keyvault',
          keyvaultproperties: { keyname: 'k', keyvaulturi: 'https://kv.vault.azure.net/' },
        },
      },
      { tags: { 'data-classification': 'Confidential' } },
    ),
    fail: accountCase(
      { encryption: { keySource: 'Microsoft.Storage' } },
      { tags: { 'data-classification': 'restricted' } },
    ),
    error: accountCase({}, { tags: { 'data-classification': 'restricted' } }),
  },
  storage_cross_tenant_replication_disabled: {
    pass: accountCase({ allowCrossTenantReplication: false }),
    fail: accountCase({ allowCrossTenantReplication: true }),
    error: accountCase({ supportsHttpsTrafficOnly: true }),
  },
  storage_account_key_access_disabled: {
    pass: accountCase({ allowSharedKeyAccess: false }),
    fail: accountCase({ allowSharedKeyAccess: true }),
    error: accountsListFailed,
  },
  storage_key_rotation_reminders_enabled: {
    pass: accountCase({ keyPolicy: { keyExpirationPeriodInDays: 90 } }),
    fail: accountCase({ keyPolicy: { keyExpirationPeriodInDays: 180 } }),
    error: accountCase({ keyPolicy: { keyExpirationPeriodInDays: '90' } }),
  },
  storage_key_rotation_90_days: {
    pass: accountCase({
      allowSharedKeyAccess: true,
      keyCreationTime: { key1: daysBefore(AS_OF, 10), key2: daysBefore(AS_OF, 30) },
    }),
    fail: accountCase({
      allowSharedKeyAccess: true,
      keyCreationTime: { key1: daysBefore(AS_OF, 10), key2: daysBefore(AS_OF, 200) },
    }),
    error: accountCase({ allowSharedKeyAccess: true, keyCreationTime: { key1: null, key2: null } }),
  },
  keyvault_recoverable: {
    pass: vaultCase({ enableSoftDelete: true, enablePurgeProtection: true }),
    fail: vaultCase({ enableSoftDelete: true }),
    error: vaultCase({ enablePurgeProtection: true }),
  },
  keyvault_rbac_enabled: {
    pass: vaultCase({ enableRbacAuthorization: true }),
    fail: vaultCase({ enableRbacAuthorization: false, accessPolicies: [] }),
    error: vaultsListFailed,
  },
  keyvault_private_endpoints: {
    pass: vaultCase({
      privateEndpointConnections: [
        { properties: { privateLinkServiceConnectionState: { status: 'Approved' } } },
      ],
    }),
    fail: vaultCase({
      privateEndpointConnections: [
        { properties: { privateLinkServiceConnectionState: { status: 'Pending' } } },
      ],
    }),
    error: vaultsListFailed,
  },
  keyvault_rbac_key_expiration_set: expiryFixtures('keys', true),
  keyvault_key_expiration_set_in_non_rbac: expiryFixtures('keys', false),
  keyvault_rbac_secret_expiration_set: expiryFixtures('secretsStatus', true),
  keyvault_non_rbac_secret_expiration_set: expiryFixtures('secretsStatus', false),
  keyvault_logging_enabled: {
    pass: vaultCase(
      {},
      {
        diagnosticSettings: [
          setting('audit', { workspaceId: WORKSPACE }, [{ categoryGroup: 'audit', enabled: true }]),
        ],
      },
    ),
    fail: vaultCase(
      {},
      {
        diagnosticSettings: [
          setting('audit', { workspaceId: WORKSPACE }, [{ category: 'AuditEvent', enabled: false }]),
        ],
      },
    ),
    error: vaultCase({}),
  },
};
