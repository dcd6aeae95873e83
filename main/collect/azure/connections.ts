// The machine's Azure identities as connections: the Azure CLI login, a service principal in the environment
// and the Azure Developer CLI (./credentials.ts discovers them). They plug into the connection registry like
// the demo does, so connections.list, the CLI and the job worker all see the same list. Discovery runs `az`,
// which takes seconds, so it happens when the list is asked for (discover, served from ./discovery-cache.ts for
// a short time) and, always afresh, when a run resolves one of these connections in its worker; between the
// two the last answer is kept for the synchronous list.
//
// The cloud (public, US Government, China or a custom Resource Manager endpoint) is the Azure CLI's own
// (`az cloud show`) for the CLI connection; for the environment service principal and azd the analyst may set
// it in the workspace (setting azureClouds, shared/azure-cloud.ts), because nothing in their environment says it
// reliably. Every change is audited; the list shows each connection's cloud and where it came from.
import type { HttpClient } from '@azure/core-rest-pipeline';
import {
  AZURE_CLOUD_SETTABLE,
  SetAzureCloudInput,
  type AzureCloudChoice,
  type AzureClouds,
} from '../../../shared/azure-cloud';
import type { Connection } from '../../../shared/domain';
import { NotFoundError, RefusedError } from '../../core/errors';
import { writeTransaction, type Db } from '../../store/db';
import { getSetting, setSetting } from '../../store/settings-repo';
import {
  discoverRegisteredConnections,
  registerConnectionProvider,
  registeredConnections,
  type AzureResolvedTarget,
  type ConnectionProvider,
} from '../connection-registry';
import { cloudNamed, customCloud, type AzureCloud } from './clouds';
import {
  AZURE_AZD_CONNECTION_ID,
  AZURE_CLI_CONNECTION_ID,
  AZURE_ENV_CONNECTION_ID,
  credentialFor,
  type AzureConnection,
} from './credentials';
import { azureDiscoveryCache } from './discovery-cache';
import { lazyCredential } from './identity-loader';

type Env = Record<string, string | undefined>;

export const AZURE_PROVIDER_NAME = 'azure';

const AZURE_CONNECTION_IDS = [AZURE_CLI_CONNECTION_ID, AZURE_ENV_CONNECTION_ID, AZURE_AZD_CONNECTION_ID];

const KIND: Record<AzureConnection['kind'], Connection['kind']> = {
  'azure-cli': 'azure-cli',
  'service-principal-env': 'azure-env',
  'azure-developer-cli': 'azure-developer-cli',
};

type CloudSource = NonNullable<Connection['cloud']>['source'];

const isSettable = (id: string) => (AZURE_CLOUD_SETTABLE as readonly string[]).includes(id);

/** Where a discovered connection's cloud came from (before any workspace setting). */
function discoveredCloudSource(c: AzureConnection, env: Env): CloudSource {
  if (c.kind === 'azure-cli') return 'az cloud show';
  if (c.kind === 'service-principal-env' && env.AZURE_AUTHORITY_HOST) return 'environment';
  return 'default';
}

/** An Azure connection as connections.list shows it: kind, source, tenants, subscriptions, cloud; no secret. */
export function azureConnectionEntry(c: AzureConnection, env: Env = process.env): Connection {
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
    cloud: {
      name: c.cloud.name,
      resourceManager: c.cloud.resourceManager,
      source: discoveredCloudSource(c, env),
      settable: isSettable(c.id),
    },
  };
}

/** The cloud a saved choice names: a known cloud's built-in definition, or the custom endpoints. */
export function cloudFromChoice(choice: AzureCloudChoice): AzureCloud {
  if (choice.cloud !== 'custom') {
    const known = cloudNamed(choice.cloud);
    if (!known) throw new RefusedError(`Unknown Azure cloud ${choice.cloud}.`);
    return known;
  }
  // The schema's refinement guarantees these for a custom cloud; a stored row that lacks them is refused.
  if (!choice.name || !choice.resourceManager || !choice.authorityHost)
    throw new RefusedError(
      'The saved custom Azure cloud is incomplete: set it again (connections set-cloud).',
    );
  return customCloud({
    name: choice.name,
    resourceManager: choice.resourceManager,
    audience: choice.audience,
    authorityHost: choice.authorityHost,
    graph: choice.graph ?? null,
  });
}

/** connections.list's Azure entries with the workspace's cloud settings applied (others unchanged). */
export function withAzureCloudSettings(connections: Connection[], clouds: AzureClouds): Connection[] {
  return connections.map((c) => {
    const choice = c.provider === 'azure' ? clouds[c.id as keyof AzureClouds] : undefined;
    if (!choice) return c;
    const cloud = cloudFromChoice(choice);
    return {
      ...c,
      cloud: { name: cloud.name, resourceManager: cloud.resourceManager, source: 'setting', settable: true },
    };
  });
}

/**
 * A resolved Azure target moved to the cloud the workspace set for its connection (none set: unchanged).
 * The environment service principal's credential is rebuilt for that cloud's authority host (it would
 * otherwise sign in at AZURE_AUTHORITY_HOST or the public cloud's, whose tokens the other cloud refuses); azd
 * signs in with its own cloud configuration (azd config set cloud.name), which must match.
 */
export function withConfiguredCloud(resolved: AzureResolvedTarget, clouds: AzureClouds): AzureResolvedTarget {
  const choice = clouds[resolved.connection as keyof AzureClouds];
  if (!choice) return resolved;
  const cloud = cloudFromChoice(choice);
  if (resolved.connection !== AZURE_ENV_CONNECTION_ID) return { ...resolved, cloud };
  const credential = lazyCredential(
    (id) => new id.EnvironmentCredential({ authorityHost: cloud.authorityHost }),
  );
  return { ...resolved, cloud, credential: () => credential };
}

type Audited = {
  db: Db;
  actor: string;
  audit(action: string, entity: string, details?: Record<string, unknown>): void;
};

const describeChoice = (c: AzureCloudChoice | undefined) =>
  c === undefined ? 'environment default' : c.cloud === 'custom' ? { ...c } : c.cloud;

/**
 * Sets (cloud null: clears) the cloud of the environment service principal or azd connection, audited in the
 * same transaction. Answers the connection as connections.list now shows it, or null when it is not on this
 * machine right now (the setting is kept for when it is).
 */
export async function setAzureCloud(ws: Audited, input: unknown): Promise<Connection | null> {
  const parsed = SetAzureCloudInput.safeParse(input);
  if (!parsed.success)
    throw new RefusedError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'cloud'}: ${i.message}`).join('; '),
    );
  const { connectionId, cloud } = parsed.data;
  if (cloud) cloudFromChoice(cloud); // a custom cloud the REST client would refuse is refused now, not at the run
  const saved = writeTransaction(ws.db, 'Saving the Azure cloud', () => {
    const current = getSetting(ws.db, 'azureClouds');
    const previous = current[connectionId];
    const next: AzureClouds = { ...current };
    if (cloud) next[connectionId] = cloud;
    else delete next[connectionId];
    const stored = setSetting(ws.db, 'azureClouds', next, ws.actor);
    ws.audit(
      cloud ? 'connections.azure-cloud.set' : 'connections.azure-cloud.clear',
      `connection:${connectionId}`,
      {
        cloud: describeChoice(stored[connectionId]),
        previous: describeChoice(previous),
      },
    );
    return stored;
  });
  // Looked up afresh: this process may not have listed its connections yet (the CLI).
  await discoverRegisteredConnections();
  const listed = registeredConnections().find((c) => c.id === connectionId);
  return listed ? (withAzureCloudSettings([listed], saved)[0] ?? null) : null;
}

export type AzureProviderOptions = {
  /** Where discovery and the credentials look (default: process.env). */
  env?: Env;
  /**
   * The workspace's cloud settings (setting azureClouds), read at each resolve so a change applies to the
   * next run. Absent: the clouds discovery found.
   */
  clouds?: () => AzureClouds;
  /**
   * Test hook only (test/integration/azure-wire-*.test.ts): sends the connection's calls to a loopback replay
   * server. Production registration never passes it; Azure is reached over the machine's own transport.
   */
  httpClient?: HttpClient;
};

export function azureConnectionProvider(opts: AzureProviderOptions = {}): ConnectionProvider {
  let known: AzureConnection[] = [];
  let problems: string[] = [];
  const discover = async (fresh = false) => {
    const found = await azureDiscoveryCache.get(opts.env ?? process.env, { fresh });
    known = found.connections;
    problems = found.problems;
    return { problems };
  };
  return {
    cloud: 'azure',
    connections: () => known.map((c) => azureConnectionEntry(c, opts.env ?? process.env)),
    discover: () => discover(),
    owns: (id) => AZURE_CONNECTION_IDS.includes(id),
    resolve: async (connectionId) => {
      // Always look again, past the cache: the login may have changed since the list was shown.
      await discover(true);
      const c = known.find((k) => k.id === connectionId);
      if (!c)
        throw new NotFoundError(
          `The Azure connection ${connectionId} is not available on this machine${problems.length > 0 ? `: ${problems.join(' ')}` : '.'}`,
        );
      const resolved: AzureResolvedTarget = {
        provider: 'azure',
        connection: c.id,
        cloud: c.cloud,
        credential: (tenantId) => credentialFor(c, { tenantId }),
        tenants: [...c.tenants],
        subscriptions: c.subscriptions.map((s) => ({ ...s })),
        ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
        close: async () => {},
      };
      return opts.clouds ? withConfiguredCloud(resolved, opts.clouds()) : resolved;
    },
  };
}

/** Plugs the machine's Azure identities into the connection registry (app, CLI and job worker start). */
export function registerAzureConnections(opts: AzureProviderOptions = {}): void {
  registerConnectionProvider(AZURE_PROVIDER_NAME, azureConnectionProvider(opts));
}
