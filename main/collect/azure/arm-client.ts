// How every Azure collector talks to Azure: ONE small REST client over @azure/core-rest-pipeline for Resource
// Manager (ARM) and Microsoft Graph, rather than the fifteen @azure/arm-* SDK packages. Decided because:
//  - evidence must be the JSON exactly as the wire returns it: the SDKs flatten `properties` and rename fields
//    (properties.supportsHttpsTrafficOnly becomes enableHttpsTrafficOnly, networkAcls becomes networkRuleSet),
//    so stored evidence would no longer match the REST API reference and the CIS text the auditor reads;
//  - one place for paging (nextLink, followed only on the same host), throttling (429 + Retry-After, with the
//    wait and the attempts capped), timeouts, cancellation, error shapes and the registry guard;
//  - one dependency instead of fifteen, all read-only GETs.
// The client is GET-only and refuses any request not listed in ./registry.ts (AzureRegistryGuardError), so the
// least-privilege custom role generated from the registry always covers what the code does.
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  createDefaultHttpClient,
  proxyPolicy,
  retryPolicy,
  userAgentPolicy,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type RetryStrategy,
} from '@azure/core-rest-pipeline';
import type { AzureCloud } from './clouds';
import { findAzureCall, type AzureApi, type AzureCall } from './registry';

export const DEFAULT_AZURE_MAX_RETRIES = 4;
/** The longest Retry-After we honour by waiting; a longer one ends the call as throttled (a gap). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
export const DEFAULT_AZURE_REQUEST_TIMEOUT_MS = 30_000;
/** First back-off for a 5xx or a dropped connection (doubles per retry). */
export const DEFAULT_TRANSIENT_DELAY_MS = 800;

export type AzureRestClientOptions = {
  credential: TokenCredential;
  cloud: AzureCloud;
  /**
   * The transport; default Node's https. Tests and the demo pass a redirecting client (main/demo/azure/
   * redirect-client.ts) that sends the cloud's https URLs to a loopback server.
   */
  httpClient?: HttpClient;
  maxRetries?: number;
  maxRetryAfterMs?: number;
  requestTimeoutMs?: number;
  transientDelayMs?: number;
  userAgent?: string;
};

/** A request the registry does not list: a programming error, never recorded as a gap. */
export class AzureRegistryGuardError extends Error {
  override readonly name = 'AzureRegistryGuardError';
}

/** Azure answered with an error status; `code` is ARM's/Graph's error.code (or HttpNNN when it gave none). */
export class AzureHttpError extends Error {
  override readonly name = 'AzureHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** How many attempts were made (retries included). */
    readonly attempts: number,
    /** For a 429: the wait Azure asked for, in ms, when it was longer than we honour. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Azure answered 2xx but the body is not what the API returns (not JSON, no value list, a foreign nextLink). */
export class AzureMalformedResponseError extends Error {
  override readonly name = 'AzureMalformedResponseError';
}

/** The request did not get an answer within the client's timeout. */
export class AzureTimeoutError extends Error {
  override readonly name = 'AzureTimeoutError';
}

export type RequestOptions = {
  signal?: AbortSignal;
  /** Called for every throttled attempt (also those retried successfully), to slow the scheduler's queue. */
  onThrottled?: () => void;
};

export type ListOptions = RequestOptions & {
  /** Every page as the wire returned it, in order, with the URL it came from. */
  onPage?: (page: Record<string, unknown>, index: number, url: string) => void;
};

/** Retry-After as ms: retry-after-ms / x-ms-retry-after-ms, or Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(response: PipelineResponse | undefined): number | undefined {
  if (!response) return undefined;
  for (const h of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = Number(response.headers.get(h));
    if (response.headers.get(h) && Number.isFinite(v) && v >= 0) return v;
  }
  const raw = response.headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

// Per request: who to tell about throttled attempts. Keyed by the request object, which the retry policy
// reuses for every attempt.
const throttleObservers = new WeakMap<PipelineRequest, () => void>();
const tooLongWaits = new WeakMap<PipelineRequest, number>();

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/** 429 (and 503 that says when to come back): wait what Azure asks, up to the cap; beyond it, give up. */
function throttleStrategy(maxWaitMs: number): RetryStrategy {
  return {
    name: 'evidenceDeskThrottle',
    retry({ response, retryCount }) {
      if (!response) return { skipStrategy: true };
      const wait = retryAfterMs(response);
      if (response.status !== 429 && !(response.status === 503 && wait !== undefined))
        return { skipStrategy: true };
      if (wait !== undefined && wait > maxWaitMs) {
        tooLongWaits.set(response.request, wait);
        // No modifier: the retry policy returns this response and the client reports it as throttled.
        return {};
      }
      // No Retry-After: back off exponentially (1 s, 2 s, 4 s ...), also capped.
      return { retryAfterInMs: wait ?? Math.min(maxWaitMs, 1000 * 2 ** retryCount) };
    },
  };
}

/** 5xx and dropped connections: exponential back-off. 4xx other than 429 are answers, never retried. */
function transientStrategy(baseMs: number): RetryStrategy {
  return {
    name: 'evidenceDeskTransient',
    retry({ response, responseError, retryCount }) {
      const status = response?.status ?? 0;
      const code = responseError?.code ?? '';
      if (status >= 500 || (!response && TRANSIENT_CODES.has(code)))
        return { retryAfterInMs: baseMs * 2 ** retryCount };
      return { skipStrategy: true };
    },
  };
}

/** Sees every attempt (it runs inside the retry loop) and reports throttled ones. */
const observeAttemptsPolicy: PipelinePolicy = {
  name: 'evidenceDeskAttemptObserver',
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status === 429) throttleObservers.get(request)?.();
    return response;
  },
};

/** The pipeline for one API (ARM or Graph) of a cloud: user agent, proxy, capped retries, bearer token. */
export function createAzurePipeline(opts: AzureRestClientOptions, scope: string): Pipeline {
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(userAgentPolicy({ userAgentPrefix: opts.userAgent ?? 'EvidenceDesk' }));
  // HTTPS_PROXY / NO_PROXY as the rest of the machine uses them (not for an injected transport).
  if (!opts.httpClient) pipeline.addPolicy(proxyPolicy());
  pipeline.addPolicy(
    retryPolicy(
      [
        throttleStrategy(opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS),
        transientStrategy(opts.transientDelayMs ?? DEFAULT_TRANSIENT_DELAY_MS),
      ],
      { maxRetries: opts.maxRetries ?? DEFAULT_AZURE_MAX_RETRIES },
    ),
    { phase: 'Retry' },
  );
  pipeline.addPolicy(observeAttemptsPolicy, { phase: 'Sign' });
  // Refuses non-https URLs itself: a token never travels in clear text, whatever the endpoint says.
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: opts.credential, scopes: scope }), {
    phase: 'Sign',
  });
  return pipeline;
}

type Api = { base: string; pipeline: Pipeline };

/** A GET-only, registry-guarded client for a cloud's Resource Manager and (where it has one) Graph. */
export class AzureRestClient {
  private readonly apis: Partial<Record<AzureApi, Api>> = {};
  private readonly httpClient: HttpClient;

  constructor(private readonly opts: AzureRestClientOptions) {
    this.httpClient = opts.httpClient ?? createDefaultHttpClient();
    const { cloud } = opts;
    this.apis.arm = {
      base: cloud.resourceManager,
      pipeline: createAzurePipeline(opts, cloud.resourceManagerScope),
    };
    if (cloud.graph && cloud.graphScope)
      this.apis.graph = { base: cloud.graph, pipeline: createAzurePipeline(opts, cloud.graphScope) };
  }

  get cloud(): AzureCloud {
    return this.opts.cloud;
  }

  /** GET one ARM resource: the parsed JSON body exactly as sent. */
  get(path: string, apiVersion: string, opts: RequestOptions = {}): Promise<Record<string, unknown>> {
    return this.getFrom('arm', path, apiVersion, opts);
  }

  /** GET every page of an ARM list, following nextLink to the end: the concatenated `value` items. */
  list(path: string, apiVersion: string, opts: ListOptions = {}): Promise<Record<string, unknown>[]> {
    return this.listFrom('arm', path, apiVersion, opts);
  }

  graphGet(path: string, opts: RequestOptions = {}): Promise<Record<string, unknown>> {
    return this.getFrom('graph', path, undefined, opts);
  }

  graphList(path: string, opts: ListOptions = {}): Promise<Record<string, unknown>[]> {
    return this.listFrom('graph', path, undefined, opts);
  }

  private apiFor(api: AzureApi): Api {
    const found = this.apis[api];
    if (!found)
      throw new AzureRegistryGuardError(`Cloud ${this.opts.cloud.name} has no Microsoft Graph endpoint.`);
    return found;
  }

  private urlFor(api: AzureApi, path: string, apiVersion: string | undefined): string {
    const url = new URL(this.apiFor(api).base + path);
    if (apiVersion) url.searchParams.set('api-version', apiVersion);
    return url.toString();
  }

  /** The registered call a URL is; refuses anything unregistered or on another host. */
  private guard(api: AzureApi, url: string): AzureCall {
    const base = new URL(this.apiFor(api).base);
    const u = new URL(url);
    if (u.origin !== base.origin)
      throw new AzureRegistryGuardError(
        `Refusing to send a token to ${u.origin}: not the ${api} endpoint ${base.origin}.`,
      );
    const basePath = base.pathname.replace(/\/+$/, '');
    const path = u.pathname.startsWith(basePath) ? u.pathname.slice(basePath.length) || '/' : u.pathname;
    const apiVersion = u.searchParams.get('api-version') ?? undefined;
    const call = findAzureCall(api, 'GET', path, apiVersion);
    if (!call)
      throw new AzureRegistryGuardError(
        `GET ${path}${apiVersion ? `?api-version=${apiVersion}` : ''} is not in main/collect/azure/registry.ts; add it there first`,
      );
    return call;
  }

  private async getFrom(
    api: AzureApi,
    path: string,
    apiVersion: string | undefined,
    opts: RequestOptions,
  ): Promise<Record<string, unknown>> {
    const url = this.urlFor(api, path, apiVersion);
    this.guard(api, url);
    return this.send(api, url, opts);
  }

  private async listFrom(
    api: AzureApi,
    path: string,
    apiVersion: string | undefined,
    opts: ListOptions,
  ): Promise<Record<string, unknown>[]> {
    let url: string | undefined = this.urlFor(api, path, apiVersion);
    const first = this.guard(api, url);
    const nextKey = api === 'arm' ? 'nextLink' : '@odata.nextLink';
    const items: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (let index = 0; url; index++) {
      const page = await this.send(api, url, opts);
      const value = page.value;
      if (!Array.isArray(value))
        throw new AzureMalformedResponseError(`${first.operation}: the page has no "value" list.`);
      opts.onPage?.(page, index, url);
      items.push(...(value as Record<string, unknown>[]));
      const next = page[nextKey];
      if (next === undefined || next === null || next === '') break;
      if (typeof next !== 'string')
        throw new AzureMalformedResponseError(`${first.operation}: ${nextKey} is not a URL.`);
      // A nextLink is followed only when it is the same call on the same host: a token is never sent
      // elsewhere, and a server that loops (the same link again) cannot keep the snapshot running forever.
      let resolved: string;
      try {
        resolved = new URL(next).toString();
      } catch {
        throw new AzureMalformedResponseError(
          `${first.operation}: ${nextKey} "${next}" is not an absolute URL.`,
        );
      }
      let nextCall: AzureCall;
      try {
        nextCall = this.guard(api, resolved);
      } catch (err) {
        throw new AzureMalformedResponseError(
          `${first.operation}: ${nextKey} leads elsewhere (${(err as Error).message}).`,
        );
      }
      if (nextCall.operation !== first.operation)
        throw new AzureMalformedResponseError(
          `${first.operation}: ${nextKey} leads to ${nextCall.operation}.`,
        );
      if (seen.has(resolved))
        throw new AzureMalformedResponseError(`${first.operation}: ${nextKey} repeats a page.`);
      seen.add(resolved);
      url = resolved;
    }
    return items;
  }

  private async send(api: AzureApi, url: string, opts: RequestOptions): Promise<Record<string, unknown>> {
    const { pipeline } = this.apiFor(api);
    const request = createPipelineRequest({
      url,
      method: 'GET',
      headers: createHttpHeaders({ accept: 'application/json' }),
      abortSignal: opts.signal,
      timeout: this.opts.requestTimeoutMs ?? DEFAULT_AZURE_REQUEST_TIMEOUT_MS,
    });
    let attempts = 0;
    throttleObservers.set(request, () => opts.onThrottled?.());
    const counting: HttpClient = {
      sendRequest: (req) => {
        attempts++;
        return this.httpClient.sendRequest(req);
      },
    };
    let response: PipelineResponse;
    try {
      response = await pipeline.sendRequest(counting, request);
    } catch (err) {
      // The node client aborts a request that outlives its timeout with the same AbortError a cancel gives:
      // only the caller's own signal tells them apart.
      if (err instanceof Error && err.name === 'AbortError' && !opts.signal?.aborted)
        throw new AzureTimeoutError(`No answer within ${request.timeout} ms from ${new URL(url).host}.`);
      throw err;
    }
    const text = response.bodyAsText ?? '';
    if (response.status < 200 || response.status >= 300) {
      const { code, message } = errorBody(text, response.status);
      throw new AzureHttpError(response.status, code, message, attempts, tooLongWaits.get(request));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AzureMalformedResponseError(
        `The answer from ${new URL(url).host} is not JSON (${text.length} bytes${text ? `, starting "${text.slice(0, 40)}"` : ''}).`,
      );
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new AzureMalformedResponseError(`The answer from ${new URL(url).host} is not a JSON object.`);
    return body as Record<string, unknown>;
  }
}

/** ARM and Graph error bodies: {"error": {"code", "message"}}; anything else is reported by status. */
function errorBody(text: string, status: number): { code: string; message: string } {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code =
      typeof parsed?.error?.code === 'string' && parsed.error.code ? parsed.error.code : `Http${status}`;
    const message = typeof parsed?.error?.message === 'string' ? parsed.error.message : `HTTP ${status}`;
    return { code, message };
  } catch {
    return { code: `Http${status}`, message: `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  }
}
