// Connections that are not discovered from the machine's AWS configuration register here: the embedded demo
// (main/demo/demo-target.ts registers itself when an app, CLI or job worker process starts), the demo Azure
// tenant (main/demo/azure/demo-azure.ts) and the machine's Azure identities (main/collect/azure/connections.ts). collect must not
// import main/demo (test/unit/layering.test.ts): the demo is a provider like any other, plugged in from outside,
// so the collectors cannot grow a special case for it and the demo cannot be reached by a path the real
// connections do not take.
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { Connection } from '../../shared/domain';
import type { AwsTarget } from './aws/client-config';
import type { AzureCloud } from './azure/clouds';
import type { AzureSubscriptionInfo } from './azure/credentials';
import type { AzureTarget } from './azure/index';

/** An AWS connection, ready to call (provider absent: AWS, as before Azure existed). */
export type AwsResolvedTarget = {
  provider?: 'aws';
  connection: string;
  target: AwsTarget;
  /** Ends whatever the provider started for this snapshot (the demo's loopback server). */
  close(): Promise<void>;
};

/** An Azure connection, ready to call: one identity, possibly over several tenants and subscriptions. */
export type AzureResolvedTarget = {
  provider: 'azure';
  connection: string;
  cloud: AzureCloud;
  /** The credential for tokens of one tenant (undefined: the identity's home tenant). */
  credential(tenantId: string | undefined): TokenCredential;
  /** Tenants the identity is known to reach (may be empty: its home tenant only). */
  tenants: string[];
  /** Subscriptions known before any call (the Azure CLI's cache, the demo tenant); ARM may know more. */
  subscriptions: AzureSubscriptionInfo[];
  /** Transport override: the demo's loopback replay server. */
  httpClient?: HttpClient;
  /** Timeouts and retries for this connection (the demo keeps them short). */
  tuning?: Pick<AzureTarget, 'maxRetries' | 'maxRetryAfterMs' | 'requestTimeoutMs' | 'transientDelayMs'>;
  close(): Promise<void>;
};

export type ResolvedTarget = AwsResolvedTarget | AzureResolvedTarget;

export type ConnectionProvider = {
  /** The cloud its connections are in (absent: AWS). */
  cloud?: 'aws' | 'azure';
  /** The connections this provider offers, as connections.list shows them (what it knows right now). */
  connections(): Connection[];
  /**
   * Looks again (e.g. runs `az account list`), so connections() is current; returns the actionable problems
   * found (not logged in, not installed). Providers whose list is static have none.
   */
  discover?(): Promise<{ problems: string[] }>;
  /** Whether a connection id is this provider's even before discover() ran (e.g. 'azure-cli'). */
  owns?(connectionId: string): boolean;
  /** The target for one of its connections; `regions` restricts the snapshot (absent: the provider's choice). */
  resolve(connectionId: string, regions: string[] | undefined): Promise<ResolvedTarget>;
};

const providers = new Map<string, ConnectionProvider>();

/** Registers (or replaces: registering twice is harmless) a provider under a name. */
export function registerConnectionProvider(name: string, provider: ConnectionProvider): void {
  providers.set(name, provider);
}

export function unregisterConnectionProvider(name: string): void {
  providers.delete(name);
}

/** Every registered connection, in registration order. */
export function registeredConnections(): Connection[] {
  return [...providers.values()].flatMap((p) => p.connections());
}

/** The provider offering `connectionId`, if any. */
export function registeredProviderFor(connectionId: string): ConnectionProvider | undefined {
  for (const p of providers.values()) {
    if (p.owns?.(connectionId) || p.connections().some((c) => c.id === connectionId)) return p;
  }
  return undefined;
}

/** The cloud of a registered connection (undefined: not a registered provider's, e.g. an AWS profile). */
export function registeredCloudOf(connectionId: string): 'aws' | 'azure' | undefined {
  const p = registeredProviderFor(connectionId);
  return p ? (p.cloud ?? 'aws') : undefined;
}

/** Runs every provider's discovery (in parallel); the problems they found, in registration order. */
export async function discoverRegisteredConnections(): Promise<string[]> {
  const found = await Promise.all(
    [...providers.values()].map((p) => p.discover?.() ?? Promise.resolve({ problems: [] })),
  );
  return found.flatMap((f) => f.problems);
}
