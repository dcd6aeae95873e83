// The embedded demo Azure tenants: Northwind Health's two subscriptions and Northwind Research's sandbox, served
// by the loopback ARM replay server (./server.ts), so "Try the Azure demo" runs the REAL Azure REST client,
// collectors, checks and exports with no Azure account. Like the AWS demo it is a connection provider plugged in from outside
// main/collect: the collectors cannot grow a special case for it. Its credential hands out a fixed token the
// replay server accepts, issued per tenant as @azure/identity's are; no Entra ID is involved and nothing leaves the machine (the redirecting transport
// refuses every host but the public cloud's ARM and Graph, and sends those to 127.0.0.1).
import { registerConnectionProvider } from '../../collect/connection-registry';
import { AzurePublicCloud } from '../../collect/azure/clouds';
import type { Connection } from '../../../shared/domain';
import { DEMO_AZURE_TENANTS } from './estate';
import { replayCredentialFor, startAzureReplayServer } from './server';

export const DEMO_AZURE_CONNECTION_ID = 'demo-azure';

/** The demo tenants' subscriptions, as the picker shows them. */
export const DEMO_AZURE_SUBSCRIPTIONS = DEMO_AZURE_TENANTS.flatMap((t) =>
  t.subscriptions.map((s) => ({
    id: s.subscriptionId,
    name: s.displayName,
    state: s.state,
    tenantId: t.tenantId,
    tenantName: t.tenantDisplayName,
  })),
);

const DEMO_TENANT_IDS = DEMO_AZURE_TENANTS.map((t) => t.tenantId);

/** The demo Azure tenants as connections.list shows them: one identity that is a member of both. */
export const DEMO_AZURE_CONNECTION: Connection = {
  id: DEMO_AZURE_CONNECTION_ID,
  provider: 'azure',
  name: 'Northwind Health (demo Azure tenants)',
  kind: 'demo',
  region: null,
  source: 'embedded demo (fictional tenants on a loopback Resource Manager)',
  subscriptions: DEMO_AZURE_SUBSCRIPTIONS,
  tenants: DEMO_TENANT_IDS,
  // The public cloud's URLs, answered on loopback (the transport sends them to the replay server).
  cloud: {
    name: AzurePublicCloud.name,
    resourceManager: AzurePublicCloud.resourceManager,
    source: 'demo',
    settable: false,
  },
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
      const server = await startAzureReplayServer({ estate: DEMO_AZURE_TENANTS });
      return {
        provider: 'azure',
        connection: DEMO_AZURE_CONNECTION_ID,
        cloud: AzurePublicCloud,
        // Like AzureCliCredential with a tenantId: a token per tenant, the home tenant's when none is named.
        credential: (tenant) => replayCredentialFor(tenant ?? DEMO_TENANT_IDS[0]!),
        tenants: [...DEMO_TENANT_IDS],
        subscriptions: DEMO_AZURE_SUBSCRIPTIONS.map((s) => ({ ...s })),
        httpClient: server.httpClient,
        // Loopback answers instantly; short timeouts keep a broken demo from hanging the UI.
        tuning: { requestTimeoutMs: 10_000, maxRetries: 2, transientDelayMs: 50 },
        close: () => server.close(),
      };
    },
  });
}
