// Pass, fail and data-missing fixtures for the Azure checks. Configs are ARM JSON as Resource Manager returns
// it (properties not flattened), as main/collect/azure/shapes.ts describes.
import type { CollectedResource } from '../../../main/collect/types';
import type { CheckCase, CheckFixtures } from '../check-fixtures';

const SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';

/** A CollectedResource for Azure: uid = the ARM id lower-cased, config = the ARM JSON with that id. */
export function azureResource(
  type: string,
  armId: string,
  config: Record<string, unknown>,
  extra: Partial<Pick<CollectedResource, 'name' | 'region' | 'service' | 'tags'>> = {},
): CollectedResource {
  const name = extra.name ?? armId.split('/').pop() ?? armId;
  return {
    uid: armId.toLowerCase(),
    provider: 'azure',
    service:
      extra.service ??
      type
        .split('/')[0]
        .replace(/^Microsoft\./, '')
        .toLowerCase(),
    type,
    region: extra.region ?? 'eastus',
    name,
    tags: extra.tags ?? {},
    config: { id: armId, name, type, location: extra.region ?? 'eastus', ...config },
  };
}

const ACCOUNT_ID = `/subscriptions/${SUB}/resourceGroups/rg-test/providers/Microsoft.Storage/storageAccounts/sttest`;
export const STORAGE_UID = ACCOUNT_ID.toLowerCase();
export const storageCase = (properties: Record<string, unknown>): CheckCase => ({
  resources: [
    azureResource('Microsoft.Storage/storageAccounts', ACCOUNT_ID, { kind: 'StorageV2', properties }),
  ],
  uid: STORAGE_UID,
});

const NSG_ID = `/subscriptions/${SUB}/resourceGroups/rg-test/providers/Microsoft.Network/networkSecurityGroups/nsg-test`;
export const NSG_UID = NSG_ID.toLowerCase();

export type Rule = {
  name: string;
  priority: number;
  access: 'Allow' | 'Deny';
  direction?: string;
  protocol?: string;
  source?: string | string[];
  ports?: string | string[];
};

/** One rule in ARM's shape: single prefix/port fields, or the plural list fields when given arrays. */
export function nsgRule(r: Rule): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    protocol: r.protocol ?? 'Tcp',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    access: r.access,
    priority: r.priority,
    direction: r.direction ?? 'Inbound',
  };
  if (Array.isArray(r.source)) properties.sourceAddressPrefixes = r.source;
  else properties.sourceAddressPrefix = r.source ?? '*';
  if (Array.isArray(r.ports)) properties.destinationPortRanges = r.ports;
  else properties.destinationPortRange = r.ports ?? '*';
  return { name: r.name, id: `${NSG_ID}/securityRules/${r.name}`, properties };
}

/** Azure's built-in inbound rules (the outbound ones do not matter to inbound checks). */
export const DEFAULT_INBOUND_RULES = [
  nsgRule({
    name: 'AllowVnetInBound',
    priority: 65000,
    access: 'Allow',
    protocol: '*',
    source: 'VirtualNetwork',
  }),
  nsgRule({
    name: 'AllowAzureLoadBalancerInBound',
    priority: 65001,
    access: 'Allow',
    protocol: '*',
    source: 'AzureLoadBalancer',
  }),
  nsgRule({ name: 'DenyAllInBound', priority: 65500, access: 'Deny', protocol: '*', source: '*' }),
];

export const nsgCase = (
  securityRules: unknown,
  defaultSecurityRules: unknown = DEFAULT_INBOUND_RULES,
): CheckCase => {
  const properties: Record<string, unknown> = {};
  if (securityRules !== undefined) properties.securityRules = securityRules;
  if (defaultSecurityRules !== undefined) properties.defaultSecurityRules = defaultSecurityRules;
  return {
    resources: [azureResource('Microsoft.Network/networkSecurityGroups', NSG_ID, { properties })],
    uid: NSG_UID,
  };
};

export const AZURE_FIXTURES: Record<string, CheckFixtures> = {
  storage_secure_transfer_required_is_enabled: {
    pass: storageCase({ supportsHttpsTrafficOnly: true }),
    fail: storageCase({ supportsHttpsTrafficOnly: false }),
    // ARM's answer did not carry the property: nothing proves HTTP is refused.
    error: storageCase({}),
  },
  storage_ensure_minimum_tls_version_12: {
    pass: storageCase({ minimumTlsVersion: 'TLS1_2' }),
    fail: storageCase({ minimumTlsVersion: 'TLS1_0' }),
    error: storageCase({}),
  },
  storage_blob_public_access_level_is_disabled: {
    pass: storageCase({ allowBlobPublicAccess: false }),
    fail: storageCase({ allowBlobPublicAccess: true }),
    error: storageCase({}),
  },
  network_ssh_internet_access_restricted: {
    pass: nsgCase([
      nsgRule({ name: 'AllowHttps', priority: 100, access: 'Allow', source: 'Internet', ports: '443' }),
    ]),
    fail: nsgCase([
      nsgRule({ name: 'AllowSsh', priority: 100, access: 'Allow', source: 'Internet', ports: '22' }),
    ]),
    // The custom rules were not collected: an Allow for 22 may be among them.
    error: nsgCase(undefined),
  },
};
