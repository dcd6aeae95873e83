// The registry of EVERY Azure call the collectors make: Resource Manager (ARM) calls with the Azure RBAC action
// that authorises each, and Microsoft Graph calls with the Graph permission. Like main/collect/registry.ts for
// AWS it is the single source of the least-privilege custom role handed to the analyst
// (azureCustomRoleDefinition), of the "permissions used" appendix, and a guard: the REST client
// (./arm-client.ts) refuses any request whose method, path and api-version are not listed here, so the role
// cannot silently fall behind the code.

import { STORAGE_ARM_CALLS, STORAGE_GRAPH_CALLS } from './calls/storage';
import { NETWORK_ARM_CALLS, NETWORK_GRAPH_CALLS } from './calls/network';
import { DATA_ARM_CALLS, DATA_GRAPH_CALLS } from './calls/data';
import { SECURITY_ARM_CALLS, SECURITY_GRAPH_CALLS } from './calls/security';

export type AzureApi = 'arm' | 'graph';

type CallBase = {
  /** The REST API's operationId, e.g. StorageAccounts_List: what raw responses and gaps are recorded as. */
  operation: string;
  /** Only reads: Evidence Desk never changes anything in a tenant. */
  method: 'GET';
  /**
   * Path template relative to the API's base URL, `{name}` for one path segment, e.g.
   * /subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts
   */
  path: string;
  /** Whether the answer is a page of `value` with a nextLink to follow (ARM) / @odata.nextLink (Graph). */
  paged: boolean;
  /** Why Evidence Desk needs it: shown to the analyst and the auditor. */
  why: string;
};

export type AzureArmCall = CallBase & {
  api: 'arm';
  /** The resource provider namespace (raw responses and gaps are filed under it), e.g. Microsoft.Storage. */
  namespace: string;
  apiVersion: string;
  /** The Azure RBAC action that authorises the call, e.g. Microsoft.Storage/storageAccounts/read. */
  action: string;
};

export type AzureGraphCall = CallBase & {
  api: 'graph';
  namespace: 'Microsoft.Graph';
  /** The least-privileged Microsoft Graph permission (application or delegated), e.g. Policy.Read.All. */
  permission: string;
};

export type AzureCall = AzureArmCall | AzureGraphCall;

// api-versions: the newest stable (non-preview) version of each operation in Azure/azure-rest-api-specs at the
// time of writing, so the JSON recorded matches the REST API reference an auditor reads.
const CORE_ARM_CALLS: readonly AzureArmCall[] = [
  {
    api: 'arm',
    operation: 'Subscriptions_Get',
    namespace: 'Microsoft.Resources',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}',
    apiVersion: '2022-12-01',
    paged: false,
    action: 'Microsoft.Resources/subscriptions/read',
    why: 'Identifies the subscription the snapshot covers: its tenant, display name and state.',
  },
  {
    api: 'arm',
    operation: 'Subscriptions_List',
    namespace: 'Microsoft.Resources',
    method: 'GET',
    path: '/subscriptions',
    apiVersion: '2022-12-01',
    paged: true,
    action: 'Microsoft.Resources/subscriptions/read',
    why: 'Lists every subscription the identity can read, so the analyst can choose which to collect.',
  },
  {
    api: 'arm',
    operation: 'StorageAccounts_List',
    namespace: 'Microsoft.Storage',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts',
    apiVersion: '2025-06-01',
    paged: true,
    action: 'Microsoft.Storage/storageAccounts/read',
    why: 'Lists every storage account with its secure transfer, minimum TLS version and public access settings: the population for the storage checks.',
  },
  {
    api: 'arm',
    operation: 'BlobServices_GetServiceProperties',
    namespace: 'Microsoft.Storage',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default',
    apiVersion: '2025-06-01',
    paged: false,
    action: 'Microsoft.Storage/storageAccounts/blobServices/read',
    why: "Reads each account's blob service settings (soft delete, versioning, change feed): recoverability of blob data.",
  },
  {
    api: 'arm',
    operation: 'NetworkSecurityGroups_ListAll',
    namespace: 'Microsoft.Network',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/networkSecurityGroups',
    apiVersion: '2025-05-01',
    paged: true,
    action: 'Microsoft.Network/networkSecurityGroups/read',
    why: 'Lists every network security group with its custom and default rules: the population for the inbound exposure checks (SSH, RDP...).',
  },
];

const CORE_GRAPH_CALLS: readonly AzureGraphCall[] = [
  {
    api: 'graph',
    operation: 'Organization_List',
    namespace: 'Microsoft.Graph',
    method: 'GET',
    path: '/v1.0/organization',
    paged: true,
    permission: 'Organization.Read.All',
    why: "Names the Entra ID tenant the snapshot covers (display name and verified domains) for the report's scope section.",
  },
];

/** Core calls above; each service group's in main/collect/azure/calls/<group>.ts. */
export const AZURE_ARM_CALLS: readonly AzureArmCall[] = [
  ...CORE_ARM_CALLS,
  ...STORAGE_ARM_CALLS,
  ...NETWORK_ARM_CALLS,
  ...DATA_ARM_CALLS,
  ...SECURITY_ARM_CALLS,
];
export const AZURE_GRAPH_CALLS: readonly AzureGraphCall[] = [
  ...CORE_GRAPH_CALLS,
  ...STORAGE_GRAPH_CALLS,
  ...NETWORK_GRAPH_CALLS,
  ...DATA_GRAPH_CALLS,
  ...SECURITY_GRAPH_CALLS,
];

export const AZURE_CALLS: readonly AzureCall[] = [...AZURE_ARM_CALLS, ...AZURE_GRAPH_CALLS];

/** The registered call by its operation name. */
export function azureCallNamed(operation: string): AzureCall | undefined {
  return AZURE_CALLS.find((c) => c.operation === operation);
}

const templateCache = new Map<string, RegExp>();
function templateRegExp(template: string): RegExp {
  let re = templateCache.get(template);
  if (!re) {
    const body = template
      .split('/')
      .map((seg) => (/^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    // ARM paths are case-insensitive (resourceGroups vs resourcegroups both appear in real ids).
    re = new RegExp(`^${body}/?$`, 'i');
    templateCache.set(template, re);
  }
  return re;
}

/**
 * The registered call a request is, or undefined: the same API, method, path (matched against the template,
 * case-insensitively as ARM does) and, for ARM, the same api-version.
 */
export function findAzureCall(
  api: AzureApi,
  method: string,
  path: string,
  apiVersion?: string,
): AzureCall | undefined {
  return AZURE_CALLS.find(
    (c) =>
      c.api === api &&
      c.method === method.toUpperCase() &&
      templateRegExp(c.path).test(path) &&
      (c.api === 'graph' || c.apiVersion === apiVersion),
  );
}

/** The concrete path for a call: its template with each {name} replaced by the URL-encoded parameter. */
export function azurePath(call: AzureCall, params: Record<string, string> = {}): string {
  return call.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === '') throw new Error(`${call.operation}: path parameter ${name} is missing`);
    return encodeURIComponent(v);
  });
}

/** What authorises a call, for messages: the RBAC action or the Graph permission. */
export function azurePermissionFor(call: AzureCall): string {
  return call.api === 'arm' ? call.action : `Microsoft Graph ${call.permission}`;
}

export type AzureCustomRole = {
  /** The role definition JSON for `az role definition create --role-definition @role.json`. */
  role: {
    Name: string;
    IsCustom: true;
    Description: string;
    Actions: string[];
    NotActions: string[];
    DataActions: string[];
    NotDataActions: string[];
    AssignableScopes: string[];
  };
  /** Microsoft Graph permissions to grant the app registration (admin consent), sorted. */
  graphPermissions: string[];
};

/**
 * The least-privilege custom role: exactly the RBAC actions of the registry (sorted, no wildcards, no data
 * actions: nothing that reads blob contents or secrets), plus the Graph permissions the tenant-level calls need.
 * The built-in Reader role also covers every action here; this role is for analysts who may not grant it.
 */
export function azureCustomRoleDefinition(
  assignableScopes: string[] = ['/subscriptions/00000000-0000-0000-0000-000000000000'],
): AzureCustomRole {
  const actions = [...new Set(AZURE_ARM_CALLS.map((c) => c.action))].sort();
  const graphPermissions = [...new Set(AZURE_GRAPH_CALLS.map((c) => c.permission))].sort();
  return {
    role: {
      Name: 'Evidence Desk Reader',
      IsCustom: true,
      Description:
        'Read-only access for Evidence Desk security snapshots: exactly the Resource Manager reads its collectors make. Replace the AssignableScopes placeholder with your subscription ids.',
      Actions: actions,
      NotActions: [],
      DataActions: [],
      NotDataActions: [],
      AssignableScopes: assignableScopes,
    },
    graphPermissions,
  };
}
