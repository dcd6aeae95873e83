// Which subscriptions an Azure run covers (planSubscriptions), through the real REST client against the replay
// server: every subscription Subscriptions_List answers; the analyst's picks as given; and when a tenant's
// listing is refused, a gap of the run plus the subscriptions the connection already knew in that tenant.
import { afterEach, describe, expect, it } from 'vitest';
import { planSubscriptions } from '../../main/collect/azure-run';
import { AzurePublicCloud } from '../../main/collect/azure/clouds';
import type { AzureResolvedTarget } from '../../main/collect/connection-registry';
import {
  northwindAzure,
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
} from '../../main/demo/azure/estate';
import {
  replayCredential,
  startAzureReplayServer,
  type AzureFault,
  type AzureReplayServer,
} from '../../main/demo/azure/server';

const OTHER = '0a0b0c0d-1111-4222-8333-444455556666';
let server: AzureReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function target(faults: AzureFault[], known: AzureResolvedTarget['subscriptions']) {
  server = await startAzureReplayServer({ estate: northwindAzure, faults });
  const resolved: AzureResolvedTarget = {
    provider: 'azure',
    connection: 'test',
    cloud: AzurePublicCloud,
    credential: () => replayCredential,
    tenants: [NORTHWIND_TENANT_ID],
    subscriptions: known,
    httpClient: server.httpClient,
    close: async () => {},
  };
  return resolved;
}

const sub = (id: string, name: string, tenantId: string | null = NORTHWIND_TENANT_ID) => ({
  id,
  name,
  state: 'Enabled',
  tenantId,
});

describe('planSubscriptions', () => {
  it('covers every subscription Resource Manager lists, all pages, and no more', async () => {
    const r = await target([], [sub(OTHER, 'Only in the CLI cache')]);
    const plan = await planSubscriptions(r, [], new AbortController().signal);
    expect(plan.gaps).toEqual([]);
    expect(plan.subscriptions.map((s) => s.name).sort()).toEqual([
      'Northwind Health Development',
      'Northwind Health Production',
    ]);
    expect(server?.requests.filter((q) => q.operation === 'Subscriptions_List')).toHaveLength(1);
  });

  it("takes the analyst's picks as given, named from what the connection knows, without listing", async () => {
    const r = await target([], [sub(NORTHWIND_PROD_SUBSCRIPTION, 'Production (cached)')]);
    const plan = await planSubscriptions(
      r,
      [NORTHWIND_PROD_SUBSCRIPTION.toUpperCase(), NORTHWIND_PROD_SUBSCRIPTION, OTHER],
      new AbortController().signal,
    );
    expect(plan.subscriptions).toEqual([
      sub(NORTHWIND_PROD_SUBSCRIPTION, 'Production (cached)'),
      { id: OTHER, name: OTHER, state: 'Unknown', tenantId: NORTHWIND_TENANT_ID },
    ]);
    expect(server?.requests).toEqual([]);
  });

  it('records a refused listing as a gap of the run and still tries the subscriptions it knew there', async () => {
    const r = await target(
      [{ operation: 'Subscriptions_List', kind: 'denied' }],
      [sub(NORTHWIND_DEV_SUBSCRIPTION, 'Development (cached)'), sub(OTHER, 'Elsewhere', 'another-tenant')],
    );
    const plan = await planSubscriptions(r, [], new AbortController().signal);
    expect(plan.subscriptions.map((s) => s.id)).toEqual([NORTHWIND_DEV_SUBSCRIPTION]);
    expect(plan.gaps).toHaveLength(1);
    expect(plan.gaps[0]).toMatchObject({ accountId: NORTHWIND_TENANT_ID, code: 'AuthorizationFailed' });
    expect(plan.gaps[0].message).toMatch(/could not be listed, so the run may not cover all of them/);
  });
});
