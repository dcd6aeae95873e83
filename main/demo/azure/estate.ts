// The demo Azure estate: two Entra ID tenants, built from the public REST API examples in ./examples (real ARM
// shapes) with ids rewritten and security settings set per resource.
//  - Northwind Health, two subscriptions: every per-subscription Azure check both passes and fails inside the
//    production subscription alone; the development subscription is smaller and well configured.
//  - Northwind Research, one sandbox subscription run by a lab team: its tenant-wide Entra ID facts land the other
//    way from Northwind Health's, so the Entra checks (one fact per tenant) also both pass and fail in the demo.
// All ids are fictional.
import blobServiceExample from './examples/Microsoft.Storage/blobServices_getServiceProperties.json';
import storageCreateExample from './examples/Microsoft.Storage/storageAccounts_create.json';
import storageListExample from './examples/Microsoft.Storage/storageAccounts_list.json';
import nsgExample from './examples/Microsoft.Network/networkSecurityGroups_createWithRule.json';
import subscriptionsExample from './examples/Microsoft.Resources/subscriptions_list.json';

import { applyStorageAccountSettings, STORAGE_BY_SUBSCRIPTION, STORAGE_TENANT } from './data/storage';
import { NETWORK_BY_SUBSCRIPTION, NETWORK_TENANT } from './data/network';
import { DATA_BY_SUBSCRIPTION, DATA_TENANT } from './data/data';
import { SECURITY_BY_SUBSCRIPTION, SECURITY_RESEARCH_TENANT, SECURITY_TENANT } from './data/security';
import type { StorageSection, StorageTenantSection } from './sections/storage';
import type { NetworkSection, NetworkTenantSection } from './sections/network';
import type { DataSection, DataTenantSection } from './sections/data';
import type { SecuritySection, SecurityTenantSection } from './sections/security';
import {
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
  RESEARCH_SANDBOX_SUBSCRIPTION,
  RESEARCH_TENANT_ID,
} from './ids';

type Json = Record<string, unknown>;

export type AzureSubscriptionEstate = {
  subscriptionId: string;
  displayName: string;
  state: 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted';
  storageAccounts: Json[];
  /** blobServices/default per storage account, keyed by the account name lower-cased. */
  blobServices: Record<string, Json>;
  networkSecurityGroups: Json[];
  storage?: StorageSection;
  network?: NetworkSection;
  data?: DataSection;
  security?: SecuritySection;
};

export type AzureEstate = {
  tenantId: string;
  tenantDisplayName: string;
  verifiedDomain: string;
  subscriptions: AzureSubscriptionEstate[];
  /** Items per page of every list (ARM pages at 1000 or so; small here so paging is exercised). */
  pageSize: number;
  /** Tenant-wide facts per service group (Entra ID / Graph). */
  tenant?: {
    storage?: StorageTenantSection;
    network?: NetworkTenantSection;
    data?: DataTenantSection;
    security?: SecurityTenantSection;
  };
};

/** A subscription's per-group facts from main/demo/azure/data/<group>.ts. */
function sectionsFor(subscriptionId: string): Partial<AzureSubscriptionEstate> {
  return {
    storage: STORAGE_BY_SUBSCRIPTION[subscriptionId],
    network: NETWORK_BY_SUBSCRIPTION[subscriptionId],
    data: DATA_BY_SUBSCRIPTION[subscriptionId],
    security: SECURITY_BY_SUBSCRIPTION[subscriptionId],
  };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export {
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
  RESEARCH_SANDBOX_SUBSCRIPTION,
  RESEARCH_TENANT_ID,
};

/** The subscription as Subscriptions_Get/List return it, from the example's shape. */
export function subscriptionJson(tenantId: string, sub: AzureSubscriptionEstate): Json {
  const base = clone(subscriptionsExample.responses['200'].body.value[0]) as Json;
  return {
    ...base,
    id: `/subscriptions/${sub.subscriptionId}`,
    subscriptionId: sub.subscriptionId,
    displayName: sub.displayName,
    state: sub.state,
    tenantId,
    managedByTenants: [],
    tags: { costcenter: 'it-security' },
  };
}

type AccountSettings = {
  supportsHttpsTrafficOnly?: boolean;
  /** undefined = the property is absent from ARM's answer (as in the list example). */
  minimumTlsVersion?: 'TLS1_0' | 'TLS1_1' | 'TLS1_2' | 'TLS1_3';
  allowBlobPublicAccess?: boolean;
};

/**
 * A storage account in ARM's list shape. Settings left undefined are ABSENT from the JSON, as the list example
 * (an older account) has no allowBlobPublicAccess / minimumTlsVersion.
 */
export function storageAccount(
  subscriptionId: string,
  resourceGroup: string,
  name: string,
  location: string,
  settings: AccountSettings,
): Json {
  const modern = settings.minimumTlsVersion !== undefined || settings.allowBlobPublicAccess !== undefined;
  const base = clone(
    modern ? storageCreateExample.responses['200'].body : storageListExample.responses['200'].body.value[0],
  ) as Json & { properties: Json };
  const props: Json = { ...base.properties };
  delete props.minimumTlsVersion;
  delete props.allowBlobPublicAccess;
  delete props.supportsHttpsTrafficOnly;
  // Endpoints name the account.
  const endpoints = JSON.parse(JSON.stringify(props.primaryEndpoints).replace(/sto\d+/g, name)) as Json;
  for (const [k, v] of Object.entries(settings)) if (v !== undefined) props[k] = v;
  const out: Json = {
    ...base,
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${name}`,
    name,
    location,
    tags: { owner: 'platform-team' },
    properties: { ...props, primaryEndpoints: endpoints, primaryLocation: location },
  };
  delete out.extendedLocation;
  return out;
}

/** blobServices/default for an account, from the example's shape. */
export function blobService(
  subscriptionId: string,
  resourceGroup: string,
  account: string,
  softDeleteDays: number | null,
): Json {
  const base = clone(blobServiceExample.responses['200'].body) as Json & { properties: Json };
  return {
    ...base,
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account}/blobServices/default`,
    properties: {
      ...base.properties,
      deleteRetentionPolicy:
        softDeleteDays === null ? { enabled: false } : { enabled: true, days: softDeleteDays },
    },
  };
}

export type RuleSpec = {
  name: string;
  priority: number;
  access: 'Allow' | 'Deny';
  direction?: 'Inbound' | 'Outbound';
  protocol?: 'Tcp' | 'Udp' | '*' | 'Icmp';
  source?: string | string[];
  ports?: string | string[];
  destination?: string;
};

/** A network security group with Azure's six default rules (from the example) and the given custom rules. */
export function networkSecurityGroup(
  subscriptionId: string,
  resourceGroup: string,
  name: string,
  location: string,
  rules: RuleSpec[],
): Json {
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/networkSecurityGroups/${name}`;
  const base = clone(nsgExample.responses['200'].body) as Json & {
    properties: Json & { defaultSecurityRules: Json[] };
  };
  const defaults = base.properties.defaultSecurityRules.map((r) => ({
    ...r,
    id: `${id}/defaultSecurityRules/${r.name as string}`,
  }));
  const securityRules = rules.map((r) => {
    const props: Json = {
      protocol: r.protocol ?? 'Tcp',
      sourcePortRange: '*',
      destinationAddressPrefix: r.destination ?? '*',
      access: r.access,
      priority: r.priority,
      direction: r.direction ?? 'Inbound',
      provisioningState: 'Succeeded',
    };
    if (Array.isArray(r.source))
      Object.assign(props, { sourceAddressPrefixes: r.source, sourceAddressPrefix: undefined });
    else props.sourceAddressPrefix = r.source ?? '*';
    if (Array.isArray(r.ports)) props.destinationPortRanges = r.ports;
    else props.destinationPortRange = r.ports ?? '*';
    return {
      name: r.name,
      id: `${id}/securityRules/${r.name}`,
      etag: 'W/"00000000-0000-0000-0000-000000000000"',
      type: 'Microsoft.Network/networkSecurityGroups/securityRules',
      properties: clone(props),
    };
  });
  return {
    ...base,
    name,
    id,
    location,
    etag: 'W/"00000000-0000-0000-0000-000000000000"',
    properties: { ...base.properties, securityRules, defaultSecurityRules: defaults },
  };
}

const P = NORTHWIND_PROD_SUBSCRIPTION;
const D = NORTHWIND_DEV_SUBSCRIPTION;

/**
 * Production, what each check should find:
 *  - nwhclinicaldata: https only, TLS1_2, no blob public access -> passes all three storage checks.
 *  - nwhpublicweb: http allowed, TLS1_0, blob public access allowed -> fails all three.
 *  - nwhbackups: https only, TLS1_1 (fail), no public access (pass).
 *  - nwhlegacyarchive: an old account whose ARM answer has no minimumTlsVersion / allowBlobPublicAccess -> the
 *    TLS and public-access checks answer error (not reported); https only is reported true -> pass.
 *  - nsg-bastion: Allow TCP 22 from Internet at 100 -> SSH check fails.
 *  - nsg-app: Deny 22 from * at 100 before Allow 20-3389 from * at 200 -> passes (the Deny wins).
 *  - nsg-jump: Allow ports [80, 443, 20-25] from 0.0.0.0/0 -> fails (22 is in 20-25).
 *  - nsg-data: only 1433 from VirtualNetwork, then Azure's defaults (DenyAllInBound) -> passes.
 */
const production: AzureSubscriptionEstate = {
  ...sectionsFor(P),
  subscriptionId: P,
  displayName: 'Northwind Health Production',
  state: 'Enabled',
  storageAccounts: [
    storageAccount(P, 'rg-clinical', 'nwhclinicaldata', 'eastus', {
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
    }),
    storageAccount(P, 'rg-web', 'nwhpublicweb', 'eastus', {
      supportsHttpsTrafficOnly: false,
      minimumTlsVersion: 'TLS1_0',
      allowBlobPublicAccess: true,
    }),
    storageAccount(P, 'rg-backup', 'nwhbackups', 'westeurope', {
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_1',
      allowBlobPublicAccess: false,
    }),
    storageAccount(P, 'rg-archive', 'nwhlegacyarchive', 'westeurope', { supportsHttpsTrafficOnly: true }),
  ],
  blobServices: {
    nwhclinicaldata: blobService(P, 'rg-clinical', 'nwhclinicaldata', 30),
    nwhpublicweb: blobService(P, 'rg-web', 'nwhpublicweb', null),
    nwhbackups: blobService(P, 'rg-backup', 'nwhbackups', 14),
    nwhlegacyarchive: blobService(P, 'rg-archive', 'nwhlegacyarchive', null),
  },
  networkSecurityGroups: [
    networkSecurityGroup(P, 'rg-mgmt', 'nsg-bastion', 'eastus', [
      { name: 'AllowSshFromInternet', priority: 100, access: 'Allow', source: 'Internet', ports: '22' },
      // UDP check fails here (syslog open to the internet); the other groups have TCP rules only.
      {
        name: 'AllowSyslogUdp',
        priority: 200,
        access: 'Allow',
        protocol: 'Udp',
        source: 'Internet',
        ports: '514',
      },
    ]),
    networkSecurityGroup(P, 'rg-web', 'nsg-app', 'eastus', [
      { name: 'DenySsh', priority: 100, access: 'Deny', source: '*', ports: '22' },
      { name: 'AllowAdminRange', priority: 200, access: 'Allow', source: '*', ports: '20-3389' },
      { name: 'AllowHttps', priority: 300, access: 'Allow', source: 'Internet', ports: '443' },
    ]),
    networkSecurityGroup(P, 'rg-mgmt', 'nsg-jump', 'westeurope', [
      {
        name: 'AllowWebAndLegacy',
        priority: 300,
        access: 'Allow',
        source: ['0.0.0.0/0'],
        ports: ['80', '443', '20-25'],
      },
    ]),
    networkSecurityGroup(P, 'rg-clinical', 'nsg-data', 'eastus', [
      { name: 'AllowSqlFromVnet', priority: 100, access: 'Allow', source: 'VirtualNetwork', ports: '1433' },
    ]),
  ],
};

/** Development: small and well configured (every check passes). */
const development: AzureSubscriptionEstate = {
  ...sectionsFor(D),
  subscriptionId: D,
  displayName: 'Northwind Health Development',
  state: 'Enabled',
  storageAccounts: [
    storageAccount(D, 'rg-dev', 'nwhdevscratch', 'eastus', {
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
    }),
  ],
  blobServices: { nwhdevscratch: blobService(D, 'rg-dev', 'nwhdevscratch', 7) },
  networkSecurityGroups: [
    networkSecurityGroup(D, 'rg-dev', 'nsg-dev', 'eastus', [
      { name: 'AllowSshFromOffice', priority: 100, access: 'Allow', source: '203.0.113.0/24', ports: '22' },
    ]),
  ],
};

const R = RESEARCH_SANDBOX_SUBSCRIPTION;

/** Research sandbox: one storage account and one locked-down network security group. */
const researchSandbox: AzureSubscriptionEstate = {
  ...sectionsFor(R),
  subscriptionId: R,
  displayName: 'Northwind Research Sandbox',
  state: 'Enabled',
  storageAccounts: [
    storageAccount(R, 'rg-lab', 'nwrlabdata', 'northeurope', {
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
    }),
  ],
  blobServices: { nwrlabdata: blobService(R, 'rg-lab', 'nwrlabdata', 14) },
  networkSecurityGroups: [
    networkSecurityGroup(R, 'rg-lab', 'nsg-lab', 'northeurope', [
      {
        name: 'AllowHttpsFromCampus',
        priority: 100,
        access: 'Allow',
        source: '198.51.100.0/24',
        ports: '443',
      },
    ]),
  ],
};

// The storage group's further account settings (./data/storage.ts) on top of the accounts above.
for (const sub of [production, development, researchSandbox]) applyStorageAccountSettings(sub);

export const northwindAzure: AzureEstate = {
  tenantId: NORTHWIND_TENANT_ID,
  tenantDisplayName: 'Northwind Health',
  verifiedDomain: 'northwindhealth.example',
  subscriptions: [production, development],
  pageSize: 2,
  tenant: {
    storage: STORAGE_TENANT,
    network: NETWORK_TENANT,
    data: DATA_TENANT,
    security: SECURITY_TENANT,
  },
};

export const northwindResearchAzure: AzureEstate = {
  tenantId: RESEARCH_TENANT_ID,
  tenantDisplayName: 'Northwind Research',
  verifiedDomain: 'northwindresearch.example',
  subscriptions: [researchSandbox],
  pageSize: 2,
  tenant: { security: SECURITY_RESEARCH_TENANT },
};

/** Every demo tenant, the home tenant (Northwind Health) first. */
export const DEMO_AZURE_TENANTS: readonly AzureEstate[] = [northwindAzure, northwindResearchAzure];
