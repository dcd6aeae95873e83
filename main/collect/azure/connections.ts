// The machine's Azure identities as connections: the Azure CLI login, a service principal in the environment
// and the Azure Developer CLI (./credentials.ts discovers them). They plug into the connection registry like
// the demo does, so connections.list, the CLI and the job worker all see the same list. Discovery runs `az`,
// which takes seconds, so it happens when the list is asked for (discover) and when a run resolves one of these
// connections in its worker; between the two the last answer is kept for the synchronous list.
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { Connection } from '../../../shared/domain';
import { NotFoundError } from '../../core/errors';
import { registerConnectionProvider, type ConnectionProvider } from '../connection-registry';
import {
  AZURE_AZD_CONNECTION_ID,
  AZURE_CLI_CONNECTION_ID,
  AZURE_ENV_CONNECTION_ID,
  credentialFor,
  discoverAzureConnections,
  type AzureConnection,
} from './credentials';

type Env = Record<string, string | undefined>;

export const AZURE_PROVIDER_NAME = 'azure';

const AZURE_CONNECTION_IDS = [AZURE_CLI_CONNECTION_ID, AZURE_ENV_CONNECTION_ID, AZURE_AZD_CONNECTION_ID];

const KIND: Record<AzureConnection['kind'], Connection['kind']> = {
  'azure-cli': 'azure-cli',
  'service-principal-env': 'azure-env',
  'azure-developer-cli': 'azure-developer-cli',
};

/** An Azure connection as connections.list shows it: kind, source, tenants and subscriptions; no secret. */
export function azureConnectionEntry(c: AzureConnection): Connection {
  return {
    id: c.id,
    provider: 'azure',
    name: c.name,
    kind: KIND[c.kind],
    // Azure locations are not chosen per snapshot: a subscription is collected wherever its resources are.
    region: null,
    source: c.source,
    subscriptions: c.subscriptions.map((s) => ({ ...s })),
    tenants: [...c.tenants],
  };
}

export type AzureProviderOptions = {
  /** Where discovery and the credentials look (default: process.env). */
  env?: Env;
  /**
   * Test hook only (test/integration/azure-wire-*.test.ts): sends the connection's calls to a loopback replay
   * server. Production registration never passes it; Azure is reached over the machine's own transport.
   */
  httpClient?: HttpClient;
};

export function azureConnectionProvider(opts: AzureProviderOptions = {}): ConnectionProvider {
  let known: AzureConnection[] = [];
  let problems: string[] = [];
  const discover = async () => {
    const found = await discoverAzureConnections(opts.env ?? process.env);
    known = found.connections;
    problems = found.problems;
    return { problems };
  };
  return {
    cloud: 'azure',
    connections: () => known.map(azureConnectionEntry),
    discover,
    owns: (id) => AZURE_CONNECTION_IDS.includes(id),
    resolve: async (connectionId) => {
      // Always look again: the login may have changed since the list was shown (or this is a fresh worker).
      await discover();
      const c = known.find((k) => k.id === connectionId);
      if (!c)
        throw new NotFoundError(
          `The Azure connection ${connectionId} is not available on this machine${problems.length > 0 ? `: ${problems.join(' ')}` : '.'}`,
        );
      return {
        provider: 'azure',
        connection: c.id,
        cloud: c.cloud,
        credential: (tenantId) => credentialFor(c, { tenantId }),
        tenants: [...c.tenants],
        subscriptions: c.subscriptions.map((s) => ({ ...s })),
        ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
        close: async () => {},
      };
    },
  };
}

/** Plugs the machine's Azure identities into the connection registry (app, CLI and job worker start). */
export function registerAzureConnections(opts: AzureProviderOptions = {}): void {
  registerConnectionProvider(AZURE_PROVIDER_NAME, azureConnectionProvider(opts));
}
