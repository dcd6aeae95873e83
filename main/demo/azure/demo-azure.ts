// The embedded demo Azure tenant: Northwind Health's two subscriptions served by the loopback ARM replay
// server (./server.ts), so "Try the Azure demo" runs the REAL Azure REST client, collectors, checks and
// exports with no Azure account. Like the AWS demo it is a connection provider plugged in from outside
// main/collect: the collectors cannot grow a special case for it. Its credential hands out a fixed token the
// replay server accepts; no Entra ID is involved and nothing leaves the machine (the redirecting transport
// refuses every host but the public cloud's ARM and Graph, and sends those to 127.0.0.1).
import { registerConnectionProvider } from '../../collect/connection-registry';
import { AzurePublicCloud } from '../../collect/azure/clouds';
import type { Connection } from '../../../shared/domain';
import { northwindAzure } from './estate';
import { replayCredential, startAzureReplayServer } from './server';

export const DEMO_AZURE_CONNECTION_ID = 'demo-azure';

/** The demo tenant's subscriptions, as the picker shows them. */
export const DEMO_AZURE_SUBSCRIPTIONS = northwindAzure.subscriptions.map((s) => ({
  id: s.subscriptionId,
  name: s.displayName,
  state: s.state,
  tenantId: northwindAzure.tenantId,
}));

/** The demo Azure tenant as connections.list shows it. */
export const DEMO_AZURE_CONNECTION: Connection = {
  id: DEMO_AZURE_CONNECTION_ID,
  provider: 'azure',
  name: 'Northwind Health (demo Azure tenant)',
  kind: 'demo',
  region: null,
  source: 'embedded demo (fictional tenant on a loopback Resource Manager)',
  subscriptions: DEMO_AZURE_SUBSCRIPTIONS,
  tenants: [northwindAzure.tenantId],
};

/**
 * Plugs the demo tenant into the connection registry; called where a process that can take snapshots starts
 * (opening a workspace, the job worker). Each run gets its own replay server, closed when the run ends.
 */
export function registerDemoAzureConnection(): void {
  registerConnectionProvider(DEMO_AZURE_CONNECTION_ID, {
    cloud: 'azure',
    connections: () => [DEMO_AZURE_CONNECTION],
    resolve: async () => {
      const server = await startAzureReplayServer({ estate: northwindAzure });
      return {
        provider: 'azure',
        connection: DEMO_AZURE_CONNECTION_ID,
        cloud: AzurePublicCloud,
        credential: () => replayCredential,
        tenants: [northwindAzure.tenantId],
        subscriptions: DEMO_AZURE_SUBSCRIPTIONS.map((s) => ({ ...s })),
        httpClient: server.httpClient,
        // Loopback answers instantly; short timeouts keep a broken demo from hanging the UI.
        tuning: { requestTimeoutMs: 10_000, maxRetries: 2, transientDelayMs: 50 },
        close: () => server.close(),
      };
    },
  });
}
