// The demo tenant's storage facts: per subscription id, and tenant-wide (Graph) where the group needs them.
// Storage account settings beyond the three core ones (network rules, encryption, key policy, shared key
// access, cross-tenant replication, container soft delete) and the key vaults with their keys, secrets and
// diagnostic settings, built from the REST API examples in ../examples (ids rewritten, security settings set
// per resource as the comments say).
import keysExample from '../examples/Microsoft.KeyVault/keys_list.json';
import secretsExample from '../examples/Microsoft.KeyVault/secrets_list.json';
import vaultsExample from '../examples/Microsoft.KeyVault/vaults_list.json';
import diagnosticsExample from '../examples/Microsoft.Insights/diagnosticSettings_list.json';
import type { AzureSubscriptionEstate } from '../estate';
import type { StorageSection, StorageTenantSection } from '../sections/storage';
import {
  NORTHWIND_PROD_SUBSCRIPTION as P,
  NORTHWIND_DEV_SUBSCRIPTION as D,
  RESEARCH_SANDBOX_SUBSCRIPTION as R,
  NORTHWIND_TENANT_ID as TENANT,
} from '../ids';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * An access key's creation time n days before the collection. Key age is judged against the snapshot's start
 * (@as_of), so the demo's keys are dated relative to when the demo runs, not to a fixed calendar date.
 */
function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString();
}

const networkAcls = (defaultAction: 'Allow' | 'Deny'): Json => ({
  bypass: 'AzureServices',
  virtualNetworkRules: [],
  ipRules: [],
  defaultAction,
});

const vaultId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}`;

type VaultSettings = {
  enableSoftDelete?: boolean;
  enablePurgeProtection?: boolean;
  enableRbacAuthorization?: boolean;
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  networkDefaultAction?: 'Allow' | 'Deny';
  /** Private endpoint connections by their approval state. */
  privateEndpoints?: ('Approved' | 'Pending' | 'Rejected')[];
};

/**
 * A vault in Vaults_ListBySubscription's shape (the list example). Settings left undefined are ABSENT, as the
 * example has no enablePurgeProtection / enableRbacAuthorization / publicNetworkAccess.
 */
function keyVault(sub: string, rg: string, name: string, location: string, s: VaultSettings): Json {
  const base = clone(vaultsExample.responses['200'].body.value[0]) as Json & { properties: Json };
  const id = vaultId(sub, rg, name);
  const props: Json = { ...base.properties, tenantId: TENANT, vaultUri: `https://${name}.vault.azure.net/` };
  delete props.enableSoftDelete;
  delete props.hsmPoolResourceId;
  for (const k of [
    'enableSoftDelete',
    'enablePurgeProtection',
    'enableRbacAuthorization',
    'publicNetworkAccess',
  ] as const)
    if (s[k] !== undefined) props[k] = s[k];
  if (s.enableSoftDelete) props.softDeleteRetentionInDays = 90;
  if (s.enableRbacAuthorization) props.accessPolicies = [];
  else
    props.accessPolicies = (props.accessPolicies as Json[]).map((p) => ({
      ...p,
      tenantId: TENANT,
      objectId: '5b1e0c3a-7d2f-4e9a-8c61-3f0d2a9b7e14',
    }));
  if (s.networkDefaultAction) props.networkAcls = networkAcls(s.networkDefaultAction);
  if (s.privateEndpoints)
    props.privateEndpointConnections = s.privateEndpoints.map((status, i) => ({
      id: `${id}/privateEndpointConnections/pe-${name}-${i + 1}`,
      etag: '',
      properties: {
        provisioningState: 'Succeeded',
        privateEndpoint: {
          id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateEndpoints/pe-${name}-${i + 1}`,
        },
        privateLinkServiceConnectionState: {
          status,
          description: status === 'Approved' ? 'Auto-approved' : 'Awaiting approval',
          actionsRequired: 'None',
        },
      },
    }));
  return {
    ...base,
    id,
    name,
    location,
    tags: { owner: 'platform-team' },
    properties: props,
  };
}

/** A key or secret item in Keys_List / Secrets_List's shape; exp undefined = the attribute is absent. */
function vaultItem(
  kind: 'keys' | 'secrets',
  sub: string,
  rg: string,
  vault: string,
  name: string,
  attrs: { enabled?: boolean; exp?: number },
): Json {
  const example = kind === 'keys' ? keysExample : secretsExample;
  const base = clone(example.responses['200'].body.value[0]) as Json & {
    properties: Json & { attributes: Json };
  };
  const attributes: Json = { ...base.properties.attributes, enabled: attrs.enabled ?? true };
  if (attrs.exp !== undefined) attributes.exp = attrs.exp;
  const uri = `https://${vault}.vault.azure.net/${kind}/${name}`;
  const properties: Json =
    kind === 'keys'
      ? { ...base.properties, attributes, keyUri: uri }
      : {
          ...base.properties,
          attributes,
          secretUri: uri,
          secretUriWithVersion: `${uri}/4d8f2b7e9a1c43e6b0f5d2a8c7e91b36`,
        };
  return {
    ...base,
    id: `${vaultId(sub, rg, vault)}/${kind}/${name}`,
    name,
    location: undefined,
    properties,
  };
}

/** A diagnostic setting on a vault in DiagnosticSettings_List's shape (the example), sending `logs` to `to`. */
function diagnosticSetting(
  sub: string,
  rg: string,
  vault: string,
  name: string,
  to: { workspaceId?: string; storageAccountId?: string },
  logs: Json[],
): Json {
  const base = clone(diagnosticsExample.responses['200'].body.value[0]) as Json & { properties: Json };
  return {
    ...base,
    id: `${vaultId(sub, rg, vault)}/providers/microsoft.insights/diagnosticSettings/${name}`,
    name,
    properties: {
      ...base.properties,
      storageAccountId: to.storageAccountId ?? null,
      eventHubAuthorizationRuleId: null,
      workspaceId: to.workspaceId ?? '',
      metrics: [{ category: 'AllMetrics', enabled: false, retentionPolicy: { enabled: false, days: 0 } }],
      logs: logs.map((l) => ({ ...l, retentionPolicy: { enabled: false, days: 0 } })),
    },
  };
}

const EXP_2027 = 1798761600; // 2027-01-01T00:00:00Z
const EXP_2026 = 1782864000; // 2026-07-01T00:00:00Z
const WORKSPACE = `/subscriptions/${P}/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/law-nwh-security`;
const LOG_ACCOUNT = `/subscriptions/${P}/resourceGroups/rg-monitor/providers/Microsoft.Storage/storageAccounts/nwhauditlogs`;

/**
 * Production, what each check should find.
 * Storage accounts (the core ones in ../estate.ts):
 *  - nwhclinicaldata (tag data-classification=confidential): network default action Deny, infrastructure
 *    encryption + customer-managed key, cross-tenant replication off, key expiry policy 90 days, shared key
 *    access disallowed (so key age is n/a), container soft delete 30 days -> passes every storage check.
 *  - nwhpublicweb: default action Allow with public network access Enabled, no infrastructure encryption,
 *    Microsoft-managed key (no classification tag -> CMK n/a), cross-tenant replication allowed, no key policy,
 *    keys 400 days old, shared key allowed, container soft delete off -> fails each (CMK n/a).
 *  - nwhbackups (data-classification=restricted): public network access Disabled (pass although the ACL
 *    default is Allow), infrastructure encryption on, Microsoft-managed key (CMK fail), cross-tenant off, key
 *    expiry policy 365 days (fail: over 90), keys 20 days old (pass), shared key allowed (fail), container
 *    soft delete 7 days (pass).
 *  - nwhlegacyarchive: an old account whose ARM answer lacks networkAcls, publicNetworkAccess,
 *    allowCrossTenantReplication, requireInfrastructureEncryption, keyPolicy and allowSharedKeyAccess, whose
 *    keyCreationTime is null and whose blob service lacks containerDeleteRetentionPolicy -> default network
 *    rule, cross-tenant, key age and container soft delete answer error (not reported); infrastructure
 *    encryption, key reminders and shared key access fail on their documented defaults.
 * Key vaults:
 *  - kv-nwh-clinical: RBAC, soft delete + purge protection, public access Disabled with an approved private
 *    endpoint, AuditEvent to Log Analytics, every key and secret expires -> passes every vault check
 *    (non-RBAC expiry checks n/a).
 *  - kv-nwh-legacy: access policies, no purge protection, public, no private endpoint, no diagnostic setting,
 *    one key and one secret without expiry -> fails recoverable, RBAC, private endpoint, logging and both
 *    non-RBAC expiry checks (RBAC expiry checks n/a).
 *  - kv-nwh-apps: RBAC, recoverable, only a PENDING private endpoint (fail), allLogs to a storage account
 *    (pass), a key and a secret without expiry -> fails both RBAC expiry checks.
 *  - kv-nwh-partner: an old vault whose answer has no enableSoftDelete (recoverable: error) and no
 *    enableRbacAuthorization (RBAC check fails on the documented default, access policies, so the non-RBAC
 *    expiry checks judge it: keys expire, no secrets -> pass), approved private endpoint (pass), diagnostic
 *    setting with AuditEvent disabled (fail).
 */
const production: StorageSection = {
  accounts: {
    nwhclinicaldata: {
      tags: { owner: 'platform-team', 'data-classification': 'confidential' },
      properties: {
        networkAcls: networkAcls('Deny'),
        publicNetworkAccess: 'Enabled',
        allowCrossTenantReplication: false,
        allowSharedKeyAccess: false,
        keyPolicy: { keyExpirationPeriodInDays: 90 },
        keyCreationTime: { key1: daysAgo(45), key2: daysAgo(45) },
        encryption: {
          services: {
            file: { keyType: 'Account', enabled: true, lastEnabledTime: '2024-02-11T09:12:40.1234567Z' },
            blob: { keyType: 'Account', enabled: true, lastEnabledTime: '2024-02-11T09:12:40.1234567Z' },
          },
          requireInfrastructureEncryption: true,
          keySource: 'Microsoft.Keyvault',
          keyvaultproperties: {
            keyname: 'cmk-clinical-storage',
            keyvaulturi: 'https://kv-nwh-clinical.vault.azure.net/',
            keyversion: '',
          },
        },
      },
      blobService: { containerDeleteRetentionPolicy: { enabled: true, days: 30 } },
    },
    nwhpublicweb: {
      properties: {
        networkAcls: networkAcls('Allow'),
        publicNetworkAccess: 'Enabled',
        allowCrossTenantReplication: true,
        allowSharedKeyAccess: true,
        keyPolicy: undefined,
        keyCreationTime: { key1: daysAgo(400), key2: daysAgo(400) },
      },
      blobService: { containerDeleteRetentionPolicy: { enabled: false } },
    },
    nwhbackups: {
      tags: { owner: 'platform-team', 'data-classification': 'restricted' },
      properties: {
        networkAcls: networkAcls('Allow'),
        publicNetworkAccess: 'Disabled',
        allowCrossTenantReplication: false,
        allowSharedKeyAccess: true,
        keyPolicy: { keyExpirationPeriodInDays: 365 },
        keyCreationTime: { key1: daysAgo(20), key2: daysAgo(20) },
        encryption: {
          services: {
            file: { keyType: 'Account', enabled: true, lastEnabledTime: '2023-09-04T14:02:11.7654321Z' },
            blob: { keyType: 'Account', enabled: true, lastEnabledTime: '2023-09-04T14:02:11.7654321Z' },
          },
          requireInfrastructureEncryption: true,
          keySource: 'Microsoft.Storage',
        },
      },
      blobService: { containerDeleteRetentionPolicy: { enabled: true, days: 7 } },
    },
    nwhlegacyarchive: {
      properties: { keyCreationTime: { key1: null, key2: null } },
    },
  },
  keyVaults: [
    keyVault(P, 'rg-clinical', 'kv-nwh-clinical', 'eastus', {
      enableSoftDelete: true,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      publicNetworkAccess: 'Disabled',
      networkDefaultAction: 'Deny',
      privateEndpoints: ['Approved'],
    }),
    keyVault(P, 'rg-web', 'kv-nwh-legacy', 'westeurope', {
      enableSoftDelete: true,
      enableRbacAuthorization: false,
      publicNetworkAccess: 'Enabled',
    }),
    keyVault(P, 'rg-apps', 'kv-nwh-apps', 'eastus', {
      enableSoftDelete: true,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      publicNetworkAccess: 'Enabled',
      networkDefaultAction: 'Allow',
      privateEndpoints: ['Pending'],
    }),
    keyVault(P, 'rg-backup', 'kv-nwh-partner', 'westeurope', {
      publicNetworkAccess: 'Enabled',
      privateEndpoints: ['Rejected', 'Approved'],
    }),
  ],
  keys: {
    'kv-nwh-clinical': [
      vaultItem('keys', P, 'rg-clinical', 'kv-nwh-clinical', 'cmk-clinical-storage', { exp: EXP_2027 }),
      vaultItem('keys', P, 'rg-clinical', 'kv-nwh-clinical', 'cmk-clinical-sql', { exp: EXP_2026 }),
      // Disabled and without expiry: cannot be used, so not counted.
      vaultItem('keys', P, 'rg-clinical', 'kv-nwh-clinical', 'cmk-retired-2022', { enabled: false }),
    ],
    'kv-nwh-legacy': [
      vaultItem('keys', P, 'rg-web', 'kv-nwh-legacy', 'web-signing', { exp: EXP_2027 }),
      vaultItem('keys', P, 'rg-web', 'kv-nwh-legacy', 'web-token-encryption', {}),
    ],
    'kv-nwh-apps': [vaultItem('keys', P, 'rg-apps', 'kv-nwh-apps', 'apps-data-key', {})],
    'kv-nwh-partner': [
      vaultItem('keys', P, 'rg-backup', 'kv-nwh-partner', 'partner-exchange', { exp: EXP_2026 }),
    ],
  },
  secrets: {
    'kv-nwh-clinical': [
      vaultItem('secrets', P, 'rg-clinical', 'kv-nwh-clinical', 'ehr-api-client-secret', { exp: EXP_2026 }),
    ],
    'kv-nwh-legacy': [
      vaultItem('secrets', P, 'rg-web', 'kv-nwh-legacy', 'smtp-password', {}),
      vaultItem('secrets', P, 'rg-web', 'kv-nwh-legacy', 'cdn-token', { exp: EXP_2027 }),
    ],
    'kv-nwh-apps': [
      vaultItem('secrets', P, 'rg-apps', 'kv-nwh-apps', 'db-connection-string', {}),
      vaultItem('secrets', P, 'rg-apps', 'kv-nwh-apps', 'queue-sas', { exp: EXP_2026 }),
    ],
    'kv-nwh-partner': [],
  },
  diagnosticSettings: {
    'kv-nwh-clinical': [
      diagnosticSetting(P, 'rg-clinical', 'kv-nwh-clinical', 'to-law-security', { workspaceId: WORKSPACE }, [
        { category: 'AuditEvent', categoryGroup: null, enabled: true },
        { category: 'AzurePolicyEvaluationDetails', categoryGroup: null, enabled: false },
      ]),
    ],
    'kv-nwh-legacy': [],
    'kv-nwh-apps': [
      diagnosticSetting(P, 'rg-apps', 'kv-nwh-apps', 'all-to-storage', { storageAccountId: LOG_ACCOUNT }, [
        { category: null, categoryGroup: 'allLogs', enabled: true },
      ]),
    ],
    'kv-nwh-partner': [
      diagnosticSetting(P, 'rg-backup', 'kv-nwh-partner', 'policy-only', { workspaceId: WORKSPACE }, [
        { category: 'AuditEvent', categoryGroup: null, enabled: false },
        { category: 'AzurePolicyEvaluationDetails', categoryGroup: null, enabled: true },
      ]),
    ],
  },
};

/** Development: one account and one vault, well configured (key age n/a: shared key access is off). */
const development: StorageSection = {
  accounts: {
    nwhdevscratch: {
      tags: { owner: 'platform-team', 'data-classification': 'confidential' },
      properties: {
        networkAcls: networkAcls('Deny'),
        publicNetworkAccess: 'Enabled',
        allowCrossTenantReplication: false,
        allowSharedKeyAccess: false,
        keyPolicy: { keyExpirationPeriodInDays: 30 },
        keyCreationTime: { key1: daysAgo(10), key2: daysAgo(10) },
        encryption: {
          services: {
            blob: { keyType: 'Account', enabled: true, lastEnabledTime: '2025-01-20T08:00:00.0000000Z' },
          },
          requireInfrastructureEncryption: true,
          keySource: 'Microsoft.Keyvault',
          keyvaultproperties: {
            keyname: 'cmk-dev-storage',
            keyvaulturi: 'https://kv-nwh-dev.vault.azure.net/',
            keyversion: '',
          },
        },
      },
      blobService: { containerDeleteRetentionPolicy: { enabled: true, days: 7 } },
    },
  },
  keyVaults: [
    keyVault(D, 'rg-dev', 'kv-nwh-dev', 'eastus', {
      enableSoftDelete: true,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      publicNetworkAccess: 'Disabled',
      networkDefaultAction: 'Deny',
      privateEndpoints: ['Approved'],
    }),
  ],
  keys: {
    'kv-nwh-dev': [vaultItem('keys', D, 'rg-dev', 'kv-nwh-dev', 'cmk-dev-storage', { exp: EXP_2026 })],
  },
  secrets: {
    'kv-nwh-dev': [vaultItem('secrets', D, 'rg-dev', 'kv-nwh-dev', 'dev-api-key', { exp: EXP_2026 })],
  },
  diagnosticSettings: {
    'kv-nwh-dev': [
      diagnosticSetting(D, 'rg-dev', 'kv-nwh-dev', 'audit-to-law', { workspaceId: WORKSPACE }, [
        { category: null, categoryGroup: 'audit', enabled: true },
      ]),
    ],
  },
};

/**
 * Research sandbox (Northwind Research's tenant): one internal account with its network locked down, but the lab
 * still signs requests with account keys that were never rotated (the key checks fail) and has no key vault.
 */
const research: StorageSection = {
  accounts: {
    nwrlabdata: {
      tags: { owner: 'research-lab', 'data-classification': 'internal' },
      properties: {
        networkAcls: networkAcls('Deny'),
        publicNetworkAccess: 'Enabled',
        allowCrossTenantReplication: false,
        allowSharedKeyAccess: true,
        keyCreationTime: { key1: daysAgo(400), key2: daysAgo(400) },
      },
      blobService: { containerDeleteRetentionPolicy: { enabled: true, days: 14 } },
    },
  },
  keyVaults: [],
  keys: {},
  secrets: {},
  diagnosticSettings: {},
};

export const STORAGE_BY_SUBSCRIPTION: Record<string, StorageSection> = {
  [P]: production,
  [D]: development,
  [R]: research,
};
export const STORAGE_TENANT: StorageTenantSection | undefined = undefined;

/**
 * Layers the section's account settings onto a subscription's storage accounts and blob services (called by
 * ../estate.ts once the accounts are built). Objects are replaced, not merged, so e.g. an encryption block is
 * exactly what the section says.
 */
export function applyStorageAccountSettings(sub: AzureSubscriptionEstate): void {
  const section = sub.storage;
  if (!section) return;
  for (const account of sub.storageAccounts) {
    const name = String(account.name).toLowerCase();
    const extra = section.accounts[name];
    if (!extra) continue;
    const props = { ...(account.properties as Json) };
    for (const [k, v] of Object.entries(extra.properties ?? {}))
      if (v === undefined) delete props[k];
      else props[k] = clone(v);
    account.properties = props;
    if (extra.tags) account.tags = { ...extra.tags };
    const blob = sub.blobServices[name] as (Json & { properties?: Json }) | undefined;
    if (blob && extra.blobService) blob.properties = { ...blob.properties, ...clone(extra.blobService) };
  }
}
