import { describe, expect, it } from 'vitest';
import {
  AZURE_ARM_CALLS,
  AZURE_CALLS,
  AZURE_GRAPH_CALLS,
  azureCustomRoleDefinition,
  azurePath,
  findAzureCall,
} from '../../main/collect/azure/registry';

describe('the Azure call registry', () => {
  it('holds only GETs on stable api-versions, each with a permission and a reason', () => {
    const ops = AZURE_CALLS.map((c) => c.operation);
    expect(new Set(ops).size).toBe(ops.length);
    for (const c of AZURE_CALLS) {
      expect(c.method).toBe('GET');
      expect(c.path.startsWith('/')).toBe(true);
      expect(c.why.length).toBeGreaterThan(20);
      if (c.api === 'arm') {
        expect(c.apiVersion, c.operation).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
        // A preview api-version only where the operation has no stable one, and the registry says so.
        if (c.apiVersion.endsWith('-preview')) expect(c.why, c.operation).toMatch(/stable/i);
        // RBAC action names are case-insensitive (Microsoft documents some as .../Read).
        expect(c.action, c.operation).toMatch(/^Microsoft\.[A-Za-z]+\/.+\/read$/i);
      } else expect(c.permission).toMatch(/\.Read(\.All|\.Directory)?$/);
    }
  });

  it('matches paths case-insensitively, with the api-version, and nothing else', () => {
    const sub = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
    const blob = `/subscriptions/${sub}/resourcegroups/RG/providers/microsoft.storage/storageAccounts/acc/blobServices/default`;
    expect(findAzureCall('arm', 'GET', blob, '2025-06-01')?.operation).toBe(
      'BlobServices_GetServiceProperties',
    );
    expect(findAzureCall('arm', 'GET', blob, '2019-06-01')).toBeUndefined();
    expect(findAzureCall('arm', 'PUT', blob, '2025-06-01')).toBeUndefined();
    expect(
      findAzureCall(
        'arm',
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters`,
        '2025-05-01',
      ),
    ).toBeUndefined();
    expect(findAzureCall('graph', 'GET', '/v1.0/organization')?.operation).toBe('Organization_List');
  });

  it('fills path templates with encoded parameters and refuses a missing one', () => {
    const call = AZURE_ARM_CALLS.find((c) => c.operation === 'StorageAccounts_List')!;
    expect(azurePath(call, { subscriptionId: 'a b' })).toBe(
      '/subscriptions/a%20b/providers/Microsoft.Storage/storageAccounts',
    );
    expect(() => azurePath(call, {})).toThrow(/subscriptionId is missing/);
  });

  it('generates the least-privilege custom role: exactly the registry actions, sorted, read-only', () => {
    const { role, graphPermissions } = azureCustomRoleDefinition(['/subscriptions/x']);
    expect(role.Actions).toEqual([...new Set(AZURE_ARM_CALLS.map((c) => c.action))].sort());
    for (const action of [
      'Microsoft.Network/networkSecurityGroups/read',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Storage/storageAccounts/blobServices/read',
      'Microsoft.Storage/storageAccounts/read',
    ])
      expect(role.Actions).toContain(action);
    expect(role.Actions.every((a) => /\/read$/i.test(a))).toBe(true);
    expect(role.Actions.some((a) => a.includes('*'))).toBe(false);
    expect(role).toMatchObject({
      IsCustom: true,
      NotActions: [],
      DataActions: [],
      NotDataActions: [],
      AssignableScopes: ['/subscriptions/x'],
    });
    expect(graphPermissions).toEqual([...new Set(AZURE_GRAPH_CALLS.map((c) => c.permission))].sort());
    expect(graphPermissions).toContain('Organization.Read.All');
    expect(azureCustomRoleDefinition().role.AssignableScopes).toEqual([
      '/subscriptions/00000000-0000-0000-0000-000000000000',
    ]);
  });
});
