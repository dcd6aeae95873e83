// Collects one Azure subscription: its identity (Subscriptions_Get), then each service as a unit on the run's
// CallScheduler, with progress per service. Every call goes through recordedAzureCall, so the raw JSON, the
// gaps and the registry guard are handled in one place; a denied service is a gap and the others go on.
// The snapshot job (wired elsewhere) calls collectAzureSubscription once per chosen subscription.
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { CallScheduler, settleAll, type CollectionStats } from '../concurrency';
import { abortError } from '../errors';
import type { CollectionSink } from '../types';
import { AzureRestClient, type AzureRestClientOptions } from './arm-client';
import type { AzureCloud } from './clouds';
import type { AzureSubscriptionInfo } from './credentials';
import { collectNetworkSecurityGroups } from './network';
import {
  recordedAzureGet,
  recordedAzureList,
  type AzureCallContext,
  type AzurePrefetchedGet,
} from './recorded-call';
import { azureCallNamed, azurePath, type AzureArmCall } from './registry';
import { AZURE_SUBSCRIPTION, azureUid } from './shapes';
import { collectStorageAccounts } from './storage';
import { STORAGE_UNITS } from './groups/storage';
import { NETWORK_UNITS } from './groups/network';
import { DATA_UNITS } from './groups/data';
import { SECURITY_UNITS } from './groups/security';

export type AzureTarget = {
  credential: TokenCredential;
  cloud: AzureCloud;
  subscriptionId: string;
  tenantId?: string;
  /** Transport override (tests, the demo's loopback replay server). */
  httpClient?: HttpClient;
} & Pick<AzureRestClientOptions, 'maxRetries' | 'maxRetryAfterMs' | 'requestTimeoutMs' | 'transientDelayMs'>;

export type AzureCollectOptions = {
  /** In-flight calls per provider namespace (default AZURE_LIMITS) and for the whole run. */
  limits?: Record<string, number>;
  totalLimit?: number;
  /**
   * The Subscriptions_Get answer the caller already has (fetchSubscription: the run's reachability probe),
   * recorded as the snapshot's raw response instead of asking Azure again. Absent: asked here.
   */
  subscription?: AzurePrefetchedGet;
};

/**
 * In-flight calls per provider namespace and subscription. ARM allows each principal about 250 reads per
 * subscription and region of ARM with a token bucket refilling 25 per second; these keep a snapshot well inside
 * that, sharing the budget with everything else the subscription runs.
 */
export const AZURE_LIMITS: Readonly<Record<string, number>> = {
  'Microsoft.Resources': 2,
  'Microsoft.Storage': 8,
  'Microsoft.Network': 4,
  'Microsoft.Graph': 2,
};

export type AzureSubscriptionIdentity = {
  subscriptionId: string;
  tenantId: string | null;
  displayName: string | null;
  state: string | null;
};

/** One service's collection in a subscription; each group lists its units in ./groups/<group>.ts. */
export type AzureUnit = {
  service: string;
  label: string;
  run: (ctx: AzureCallContext, subscriptionId: string) => Promise<number>;
};

/** The services collected, in the order they are started. */
export const AZURE_UNITS: readonly AzureUnit[] = [
  { service: 'storage', label: 'storage accounts', run: collectStorageAccounts },
  { service: 'network', label: 'network security groups', run: collectNetworkSecurityGroups },
  ...STORAGE_UNITS,
  ...NETWORK_UNITS,
  ...DATA_UNITS,
  ...SECURITY_UNITS,
];

function clientFor(target: AzureTarget): AzureRestClient {
  return new AzureRestClient({
    credential: target.credential,
    cloud: target.cloud,
    httpClient: target.httpClient,
    maxRetries: target.maxRetries,
    maxRetryAfterMs: target.maxRetryAfterMs,
    requestTimeoutMs: target.requestTimeoutMs,
    transientDelayMs: target.transientDelayMs,
  });
}

const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function collectAzureSubscription(
  target: AzureTarget,
  sink: CollectionSink,
  options: AzureCollectOptions = {},
): Promise<{ identity: AzureSubscriptionIdentity; stats: CollectionStats }> {
  if (!SUBSCRIPTION_ID.test(target.subscriptionId))
    throw new Error(
      `"${target.subscriptionId}" is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000).`,
    );
  const subscriptionId = target.subscriptionId.toLowerCase();
  const scheduler = new CallScheduler(sink.signal, {
    limits: { ...AZURE_LIMITS, ...options.limits },
    totalLimit: options.totalLimit,
  });
  const ctx: AzureCallContext = { sink, client: clientFor(target), scheduler, subscriptionId };
  try {
    const total = AZURE_UNITS.length + 1;
    sink.progress({
      phase: 'collecting',
      service: 'subscription',
      region: null,
      done: 0,
      total,
      message: `Reading subscription ${subscriptionId}`,
    });
    const identity = await collectSubscription(
      ctx,
      subscriptionId,
      target.tenantId ?? null,
      options.subscription,
    );
    let done = 1;
    await settleAll(
      AZURE_UNITS.map(async (u) => {
        sink.progress({
          phase: 'collecting',
          service: u.service,
          region: null,
          done,
          total,
          message: `Collecting ${u.label}`,
        });
        const n = await u.run(ctx, subscriptionId);
        done++;
        sink.progress({
          phase: 'collecting',
          service: u.service,
          region: null,
          done,
          total,
          message: `Collected ${n} ${u.label}`,
        });
      }),
    );
    if (sink.signal.aborted) throw abortError();
    return { identity, stats: scheduler.stats() };
  } finally {
    scheduler.close();
  }
}

/** Subscriptions_Get: the snapshot's identity, also kept as a resource (the scope of subscription-wide facts). */
async function collectSubscription(
  ctx: AzureCallContext,
  subscriptionId: string,
  tenantHint: string | null,
  prefetched: AzurePrefetchedGet | undefined,
): Promise<AzureSubscriptionIdentity> {
  const got = await recordedAzureGet(
    ctx,
    { operation: 'Subscriptions_Get', pathParams: { subscriptionId } },
    prefetched,
  );
  if (!got.ok) return { subscriptionId, tenantId: tenantHint, displayName: null, state: null };
  const sub = got.value;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const id = str(sub.id) ?? `/subscriptions/${subscriptionId}`;
  ctx.sink.resource({
    uid: azureUid(id),
    provider: 'azure',
    service: 'subscription',
    type: AZURE_SUBSCRIPTION,
    region: 'global',
    name: str(sub.displayName) ?? subscriptionId,
    tags: {},
    config: sub,
  });
  return {
    subscriptionId,
    tenantId: str(sub.tenantId) ?? tenantHint,
    displayName: str(sub.displayName),
    state: str(sub.state),
  };
}

/** The registry's Subscriptions_Get: the run's reachability probe and the snapshot's identity call. */
export const SUBSCRIPTIONS_GET = azureCallNamed('Subscriptions_Get') as AzureArmCall;

/**
 * Subscriptions_Get, unrecorded: whether the identity can read the subscription at all (a run's reachability
 * probe, before any snapshot exists). Throws the client's errors (explain them with classifyAzureError). The
 * answer is shaped for collectAzureSubscription's `subscription` option, the same request it would make, so a
 * readable subscription is asked once and that answer becomes the snapshot's evidence.
 */
export async function fetchSubscription(
  target: AzureTarget,
  signal?: AbortSignal,
): Promise<AzurePrefetchedGet> {
  const path = azurePath(SUBSCRIPTIONS_GET, { subscriptionId: target.subscriptionId.toLowerCase() });
  const body = await clientFor(target).get(path, SUBSCRIPTIONS_GET.apiVersion, { signal });
  return { operation: SUBSCRIPTIONS_GET.operation, path, apiVersion: SUBSCRIPTIONS_GET.apiVersion, body };
}

/**
 * The Entra ID tenant's organisation record (Graph Organization_List), recorded as raw evidence and returned;
 * null when Graph is not available in the cloud or the call failed (a gap says why).
 */
export async function collectAzureTenant(
  target: Omit<AzureTarget, 'subscriptionId'>,
  sink: CollectionSink,
): Promise<{ tenantId: string | null; displayName: string | null } | null> {
  if (!target.cloud.graph) return null;
  const scheduler = new CallScheduler(sink.signal, { limits: { ...AZURE_LIMITS } });
  try {
    const ctx: AzureCallContext = {
      sink,
      client: clientFor({ ...target, subscriptionId: '' }),
      scheduler,
      subscriptionId: null,
    };
    const got = await recordedAzureList(ctx, { operation: 'Organization_List' });
    if (!got.ok || got.value.length === 0) return null;
    const org = got.value[0];
    return {
      tenantId: typeof org.id === 'string' ? org.id : (target.tenantId ?? null),
      displayName: typeof org.displayName === 'string' ? org.displayName : null,
    };
  } finally {
    scheduler.close();
  }
}

/**
 * Every subscription the identity can read (Subscriptions_List, all pages), for the connection picker. Not
 * evidence, so not recorded; failures throw the client's errors (explain them with classifyAzureError).
 */
export async function listSubscriptions(
  credential: TokenCredential,
  cloud: AzureCloud,
  opts: { httpClient?: HttpClient; signal?: AbortSignal } = {},
): Promise<AzureSubscriptionInfo[]> {
  const call = azureCallNamed('Subscriptions_List') as AzureArmCall;
  const client = new AzureRestClient({ credential, cloud, httpClient: opts.httpClient });
  const items = await client.list(call.path, call.apiVersion, { signal: opts.signal });
  return items
    .filter((s) => typeof s.subscriptionId === 'string')
    .map((s) => ({
      id: s.subscriptionId as string,
      name: typeof s.displayName === 'string' ? s.displayName : (s.subscriptionId as string),
      state: typeof s.state === 'string' ? s.state : 'Unknown',
      tenantId: typeof s.tenantId === 'string' ? s.tenantId : null,
    }));
}
