// Turns a connection id from connections.list into something the AWS collector can call. Three sources, one
// list: what the machine's AWS configuration offers (profiles, environment credentials: ./aws/credentials.ts),
// the custom endpoints saved in the workspace (shared/custom-endpoint.ts), and registered providers such as
// the demo (./connection-registry.ts).
import type { Connection, ConnectionList } from '../../shared/domain';
import {
  CUSTOM_ENDPOINT_PREFIX,
  customEndpointConnectionId,
  endpointUrlProblem,
  normaliseEndpointUrl,
  type CustomEndpoint,
} from '../../shared/custom-endpoint';
import { NotFoundError, RefusedError } from '../core/errors';
import {
  awsCredentialsFor,
  DEMO_CONNECTION_ID,
  discoverAwsConnections,
  ENV_CONNECTION_ID,
  profileConnectionId,
} from './aws/credentials';
import { forgetAzureDiscovery } from './azure/discovery-cache';
import {
  discoverRegisteredConnections,
  registeredCloudOf,
  registeredConnections,
  registeredProviderFor,
  type AwsResolvedTarget,
  type AzureResolvedTarget,
} from './connection-registry';

export type { AwsResolvedTarget, AzureResolvedTarget, ResolvedTarget } from './connection-registry';

type Env = NodeJS.ProcessEnv;

export type TargetOptions = {
  /** The workspace's saved custom endpoints (setting customEndpoints). */
  customEndpoints?: readonly CustomEndpoint[];
  /** A one-off endpoint for this snapshot (CLI --endpoint-url): every call goes there. */
  endpointUrl?: string;
  env?: Env;
};

function describeCredentials(e: CustomEndpoint): string {
  return e.credentials.source === 'profile' ? `profile ${e.credentials.profile}` : 'environment credentials';
}

export function customEndpointConnection(e: CustomEndpoint): Connection {
  return {
    id: customEndpointConnectionId(e.id),
    provider: 'aws',
    name: e.name,
    kind: 'custom-endpoint',
    region: e.region,
    source: `${e.url} with ${describeCredentials(e)}`,
  };
}

/** Everything the analyst can snapshot from, with actionable problems. Never reads out a secret value. */
export function listConnections(opts: TargetOptions = {}): ConnectionList {
  const found = discoverAwsConnections(opts.env);
  return {
    connections: [
      ...found.connections,
      ...(opts.customEndpoints ?? []).map(customEndpointConnection),
      ...registeredConnections(),
    ],
    problems: found.problems,
  };
}

/**
 * listConnections after asking every registered provider to look again (the Azure CLI's login can change at
 * any time): what connections.list answers. Slower than listConnections (it may run `az`, whose answers are
 * kept for a short time unless `refresh`: the analyst asked to look again, e.g. right after az login).
 */
export async function discoverConnections(
  opts: TargetOptions & { refresh?: boolean } = {},
): Promise<ConnectionList> {
  if (opts.refresh) forgetAzureDiscovery();
  const problems = await discoverRegisteredConnections();
  const list = listConnections(opts);
  return { connections: list.connections, problems: [...list.problems, ...problems] };
}

/** Fails fast (before a snapshot row exists) when the connection is not on this machine or workspace. */
export function findConnection(connectionId: string, opts: TargetOptions = {}): Connection {
  const known = listConnections(opts).connections.find((c) => c.id === connectionId);
  if (!known) {
    throw new NotFoundError(
      connectionId.startsWith(CUSTOM_ENDPOINT_PREFIX)
        ? `No custom endpoint "${connectionId.slice(CUSTOM_ENDPOINT_PREFIX.length)}" in this workspace. Add it in Connections or with: evidence-desk connections add-endpoint`
        : `No connection "${connectionId}". Check ~/.aws/config (or AWS_CONFIG_FILE) and refresh the connection list.`,
    );
  }
  if (opts.endpointUrl !== undefined) checkOneOffEndpoint(known, opts.endpointUrl);
  return known;
}

/** A one-off endpoint replaces where a profile or environment connection sends its calls, nothing else. */
function checkOneOffEndpoint(connection: Connection, url: string): string {
  const problem = endpointUrlProblem(url);
  if (problem) throw new RefusedError(`--endpoint-url: ${problem}`);
  if (connection.kind === 'demo' || connection.kind === 'custom-endpoint')
    throw new RefusedError(
      `Connection ${connection.id} already has its own endpoint; --endpoint-url applies to a profile or environment connection.`,
    );
  return normaliseEndpointUrl(url);
}

export async function resolveTarget(
  connectionId: string,
  regions: string[] | undefined,
  opts: TargetOptions = {},
): Promise<AwsResolvedTarget> {
  const known = findConnection(connectionId, opts);
  const provider = registeredProviderFor(connectionId);
  if (provider) {
    const resolved = await provider.resolve(connectionId, regions);
    if (resolved.provider !== 'azure') return resolved;
    await resolved.close();
    throw new RefusedError(`${connectionId} is an Azure connection; it is collected per subscription.`);
  }
  const env = opts.env ?? process.env;
  if (known.kind === 'custom-endpoint') {
    const saved = (opts.customEndpoints ?? []).find((e) => customEndpointConnectionId(e.id) === connectionId);
    if (!saved) throw new NotFoundError(`No custom endpoint ${connectionId} in this workspace.`);
    const profile = saved.credentials.source === 'profile' ? saved.credentials.profile : undefined;
    return {
      connection: known.id,
      target: {
        credentials: awsCredentialsFor(profile ? profileConnectionId(profile) : ENV_CONNECTION_ID, env),
        profile,
        endpoint: saved.url,
        homeRegion: saved.region,
        // A FIPS or VPC endpoint URL serves one region: other regions' calls must not be sent to it unless the
        // analyst asks (an emulator such as LocalStack serves every region through one URL).
        regions: regions?.length ? regions : [saved.region],
      },
      close: async () => {},
    };
  }
  if (connectionId === DEMO_CONNECTION_ID)
    throw new NotFoundError('The demo is not available in this process (it was not registered).');
  const profile = connectionId.startsWith('aws-profile:')
    ? connectionId.slice('aws-profile:'.length)
    : undefined;
  return {
    connection: known.id,
    target: {
      credentials: awsCredentialsFor(connectionId, env),
      profile,
      ...(opts.endpointUrl !== undefined ? { endpoint: checkOneOffEndpoint(known, opts.endpointUrl) } : {}),
      homeRegion: known.region ?? 'us-east-1',
      regions: regions?.length ? regions : undefined,
    },
    close: async () => {},
  };
}

/**
 * An Azure connection's target (main/collect/azure-run.ts). Azure identities are discovered asynchronously, so
 * the provider is asked to look again when it does not list the connection yet (a fresh job worker).
 */
export async function resolveAzureTarget(connectionId: string): Promise<AzureResolvedTarget> {
  const provider = registeredProviderFor(connectionId);
  if (!provider)
    throw new NotFoundError(
      `No Azure connection "${connectionId}". Run evidence-desk connections (or refresh Connections) to see the Azure connections on this machine.`,
    );
  const resolved = await provider.resolve(connectionId, undefined);
  if (resolved.provider === 'azure') return resolved;
  await resolved.close();
  throw new RefusedError(`${connectionId} is an AWS connection; subscriptions apply to Azure connections.`);
}

/** Whether a connection id is an Azure connection (the demo tenant or one of the machine's Azure identities). */
export function isAzureConnection(connectionId: string): boolean {
  return registeredCloudOf(connectionId) === 'azure';
}

/**
 * Fails fast (before a run row exists) when an Azure connection is not usable here: its provider looks again
 * (runs `az`), and the problems it found (not logged in, not installed) are the answer.
 */
export async function findAzureConnection(connectionId: string): Promise<Connection> {
  const provider = registeredProviderFor(connectionId);
  if (!provider || provider.cloud !== 'azure')
    throw new NotFoundError(`No Azure connection "${connectionId}".`);
  // A run is about to start: judge it on the login as it is now, not as a recent list saw it.
  forgetAzureDiscovery();
  const { problems } = (await provider.discover?.()) ?? { problems: [] };
  const found = provider.connections().find((c) => c.id === connectionId);
  if (!found)
    throw new NotFoundError(
      `The Azure connection ${connectionId} is not available on this machine${problems.length > 0 ? `: ${problems.join(' ')}` : '.'}`,
    );
  return found;
}
