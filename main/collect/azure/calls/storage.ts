// The storage group's Azure calls (ARM and Graph); see main/collect/azure/registry.ts for what an entry means.
// Storage accounts themselves (StorageAccounts_List, BlobServices_GetServiceProperties) are core calls in the
// registry; this group adds Key Vault. Key Vault keys and secrets are read on the MANAGEMENT plane (ARM): the
// answers carry each object's attributes (enabled, exp, created...) and never a key's material or a secret's
// value, so no data-plane permission (Key Vault Reader / Secrets User) is needed.
import type { AzureArmCall, AzureGraphCall } from '../registry';

const VAULT =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}';

export const STORAGE_ARM_CALLS: readonly AzureArmCall[] = [
  {
    api: 'arm',
    operation: 'Vaults_ListBySubscription',
    namespace: 'Microsoft.KeyVault',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/vaults',
    apiVersion: '2024-11-01',
    paged: true,
    action: 'Microsoft.KeyVault/vaults/read',
    why: 'Lists every key vault with its soft delete, purge protection, permission model and network settings: the population for the Key Vault checks.',
  },
  {
    api: 'arm',
    operation: 'Keys_List',
    namespace: 'Microsoft.KeyVault',
    method: 'GET',
    path: `${VAULT}/keys`,
    apiVersion: '2024-11-01',
    paged: true,
    action: 'Microsoft.KeyVault/vaults/keys/read',
    why: "Lists each vault's keys with their attributes (enabled, expiry date) through Resource Manager, never the key material: whether every key expires.",
  },
  {
    api: 'arm',
    operation: 'Secrets_List',
    namespace: 'Microsoft.KeyVault',
    method: 'GET',
    path: `${VAULT}/secrets`,
    apiVersion: '2024-11-01',
    paged: true,
    action: 'Microsoft.KeyVault/vaults/secrets/read',
    why: "Lists each vault's secrets with their attributes (enabled, expiry date) through Resource Manager, never the secret values: whether every secret expires.",
  },
  {
    api: 'arm',
    // Diagnostic settings have no stable api-version: 2021-05-01-preview is the newest and the one the REST API
    // reference documents (the only stable one, 2016-09-01, is the retired single-setting API).
    operation: 'DiagnosticSettings_List',
    namespace: 'Microsoft.Insights',
    method: 'GET',
    path: `${VAULT}/providers/Microsoft.Insights/diagnosticSettings`,
    apiVersion: '2021-05-01-preview',
    paged: true,
    action: 'Microsoft.Insights/diagnosticSettings/read',
    why: "Reads each key vault's diagnostic settings: whether its audit events (AuditEvent) are sent to a Log Analytics workspace, storage account or event hub. A preview api-version: this operation has no stable one.",
  },
];
export const STORAGE_GRAPH_CALLS: readonly AzureGraphCall[] = [];
