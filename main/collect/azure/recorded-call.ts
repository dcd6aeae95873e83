// Makes one registered Azure call through the run's scheduler and records its outcome: the raw (redacted)
// JSON via sink.raw (one record per page for a list, each page exactly as the wire returned it), or a gap via
// sink.gap with a classified code and an actionable message. Never throws for an Azure failure (one denied
// call must not stop the snapshot: a subscription without Reader is a gap and the run goes on); throws only when
// cancelled or for a programming error (a call not in the registry).
import type { CallScheduler } from '../concurrency';
import { abortError } from '../errors';
import type { CollectionSink } from '../types';
import { AzureRegistryGuardError, type AzureRestClient } from './arm-client';
import { classifyAzureError } from './errors';
import { azureCallNamed, azurePath, findAzureCall, type AzureCall } from './registry';

export type AzureCallContext = {
  sink: CollectionSink;
  client: AzureRestClient;
  scheduler: CallScheduler;
  /** The subscription the calls are for (named in gaps); null for tenant-wide calls. */
  subscriptionId: string | null;
};

export type AzureCallSpec = {
  /** The registry's operation name, e.g. StorageAccounts_List. */
  operation: string;
  /** Values for the path template's {names}. */
  pathParams?: Record<string, string>;
  /** Recorded with the raw response / gap: the resource's location, or 'global' for subscription-wide lists. */
  region?: string;
  /** What the call is about (an account name...), recorded on its gap. */
  resource?: string;
};

/**
 * An answer already received for a registered GET (the run's reachability probe of Subscriptions_Get), recorded
 * as that call's raw response instead of asking Azure a second time for the same document.
 */
export type AzurePrefetchedGet = {
  operation: string;
  /** The path the answer came from (no host, no query). */
  path: string;
  /** The api-version it was asked with (ARM); null for Graph. */
  apiVersion: string | null;
  body: Record<string, unknown>;
};

export type AzureCallOutcome<T> = { ok: true; value: T } | { ok: false; code: string };

function registered(operation: string): AzureCall {
  const call = azureCallNamed(operation);
  if (!call)
    throw new AzureRegistryGuardError(
      `${operation} is not in main/collect/azure/registry.ts; add it there first`,
    );
  return call;
}

/** The scheduler queue a call waits in: ARM throttles per subscription and principal, per provider. */
function queueOf(call: AzureCall, ctx: AzureCallContext): [string, string] {
  return [call.namespace, ctx.subscriptionId ?? 'tenant'];
}

async function recorded<T>(
  ctx: AzureCallContext,
  spec: AzureCallSpec,
  send: (call: AzureCall, path: string, signal: AbortSignal, onThrottled: () => void) => Promise<T>,
): Promise<AzureCallOutcome<T>> {
  const call = registered(spec.operation);
  const path = azurePath(call, spec.pathParams);
  const { sink } = ctx;
  if (sink.signal.aborted) throw abortError();
  try {
    const [service, queue] = queueOf(call, ctx);
    const value = await ctx.scheduler.run(service, queue, (slot) =>
      send(call, path, slot.signal, () =>
        // The scheduler halves the queue's concurrency on a throttled attempt, even one retried successfully.
        slot.noteAttemptError(
          Object.assign(new Error('429 Too Many Requests'), { $metadata: { httpStatusCode: 429 } }),
        ),
      ),
    );
    if (sink.signal.aborted) throw abortError();
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AzureRegistryGuardError) throw err;
    if (sink.signal.aborted) throw abortError();
    const classified = classifyAzureError(err, call, ctx.subscriptionId);
    sink.gap({
      service: call.namespace,
      region: spec.region ?? 'global',
      operation: call.operation,
      resource: spec.resource ?? null,
      ...classified,
    });
    return { ok: false, code: classified.code };
  }
}

function paramsOf(
  call: AzureCall,
  path: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { path, ...(call.api === 'arm' ? { 'api-version': call.apiVersion } : {}), ...extra };
}

/**
 * A prefetched answer must be the very request this call would send: otherwise another document would be
 * filed as this call's evidence. A mismatch is a programming error, like an unregistered call.
 */
function checkPrefetched(call: AzureCall, path: string, answer: AzurePrefetchedGet): Record<string, unknown> {
  const apiVersion = call.api === 'arm' ? call.apiVersion : null;
  const sameRequest =
    answer.operation === call.operation &&
    answer.path === path &&
    answer.apiVersion === apiVersion &&
    findAzureCall(call.api, 'GET', answer.path, answer.apiVersion ?? undefined)?.operation === call.operation;
  if (!sameRequest)
    throw new AzureRegistryGuardError(
      `The prefetched ${answer.operation} answer (${answer.path}, api-version ${answer.apiVersion ?? 'none'}) is not the request ${call.operation} makes here (${path}, api-version ${apiVersion ?? 'none'}).`,
    );
  return answer.body;
}

/**
 * One registered GET of a single resource; the body as returned. With `prefetched`, that answer is recorded
 * through the same path (scheduler, sink redaction, raw params) and Azure is not asked again.
 */
export function recordedAzureGet(
  ctx: AzureCallContext,
  spec: AzureCallSpec,
  prefetched?: AzurePrefetchedGet,
): Promise<AzureCallOutcome<Record<string, unknown>>> {
  return recorded(ctx, spec, async (call, path, signal, onThrottled) => {
    const body = prefetched
      ? checkPrefetched(call, path, prefetched)
      : call.api === 'arm'
        ? await ctx.client.get(path, call.apiVersion, { signal, onThrottled })
        : await ctx.client.graphGet(path, { signal, onThrottled });
    ctx.sink.raw({
      service: call.namespace,
      region: spec.region ?? 'global',
      operation: call.operation,
      params: paramsOf(call, path),
      response: body,
    });
    return body;
  });
}

/**
 * One registered list, every page followed; the items of all pages. Pages are recorded as they arrive, so a
 * list that fails on page 3 keeps pages 1-2 as evidence beside its gap (the caller then treats the population
 * as not collected).
 */
export function recordedAzureList(
  ctx: AzureCallContext,
  spec: AzureCallSpec,
): Promise<AzureCallOutcome<Record<string, unknown>[]>> {
  return recorded(ctx, spec, (call, path, signal, onThrottled) => {
    const onPage = (page: Record<string, unknown>, index: number) =>
      ctx.sink.raw({
        service: call.namespace,
        region: spec.region ?? 'global',
        operation: call.operation,
        params: paramsOf(call, path, { page: index + 1 }),
        response: page,
      });
    return call.api === 'arm'
      ? ctx.client.list(path, call.apiVersion, { signal, onThrottled, onPage })
      : ctx.client.graphList(path, { signal, onThrottled, onPage });
  });
}

/** recordedAzureGet or recordedAzureList, as the registry says the call is paged or not. */
export async function recordedAzureCall(
  ctx: AzureCallContext,
  spec: AzureCallSpec,
): Promise<AzureCallOutcome<Record<string, unknown> | Record<string, unknown>[]>> {
  return registered(spec.operation).paged ? recordedAzureList(ctx, spec) : recordedAzureGet(ctx, spec);
}
