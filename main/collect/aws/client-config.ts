// How every AWS collector talks to AWS: one place builds the SDK clients (region, profile, endpoint, retry,
// timeouts) and one function makes a call and records its outcome (raw response or gap). Keeping both here
// means retry/timeout policy, endpoints, redaction and the registry guard cannot differ between services.
// The SDK client packages are loaded on first use through ./sdk-loader.ts (why is there); this file and the
// collectors import their types only.
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import type { CallScheduler } from '../concurrency';
import { abortError, classifyAwsError, errorCode } from '../errors';
import { redactObject } from '../redact';
import { findApiCall, type AwsService } from '../registry';
import type { CollectionSink } from '../types';
import {
  configuredEndpointFor,
  NO_CONFIGURED_ENDPOINTS,
  type ConfiguredEndpoints,
} from './configured-endpoints';
import {
  currentDeclaredCall,
  installRegistryGuard,
  RegistryGuardError,
  sendAsDeclared,
} from './registry-guard';
import { awsSdk } from './sdk-loader';

export type AwsTarget = {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * The shared-config profile the connection uses. Every client gets it as the SDK's `profile` option (so the
   * profile's settings such as use_fips_endpoint apply), and its configured endpoints (endpoint_url, a
   * services section) and s3 addressing_style are applied by collectAws (./configured-endpoints.ts).
   */
  profile?: string;
  /**
   * Endpoint override for EVERY client (the replay server / demo estate, a custom endpoint connection); it wins
   * over anything configured. Absent = what the profile configures, else real AWS.
   */
  endpoint?: string;
  /** Region used for global calls (STS, IAM, S3 ListBuckets, EC2 DescribeRegions). */
  homeRegion: string;
  /** Restrict regional collection to these; absent/empty = every enabled region (EC2 DescribeRegions). */
  regions?: string[];
  /** SDK retry attempts (default 5, standard retry with exponential backoff and jitter). */
  maxAttempts?: number;
  /** Per request timeout (default 30000). */
  requestTimeoutMs?: number;
};

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Builds (and caches, one per service and region) the SDK clients for a target. */
export class AwsClients {
  private readonly cache = new Map<string, { destroy(): void }>();
  /** AwsService -> the SDK's serviceId, learnt from the first client built (configured endpoints use it). */
  private readonly serviceIds = new Map<string, string>();
  private readonly handler: NodeHttpHandler;

  constructor(
    readonly target: AwsTarget,
    /** The profile's configured endpoints (loadConfiguredEndpoints); default: none. */
    private readonly configured: ConfiguredEndpoints = NO_CONFIGURED_ENDPOINTS,
  ) {
    const timeout = target.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    // throwOnRequestTimeout: without it the handler only logs a warning and waits forever for a hung
    // server. One handler (one keep-alive agent) is shared by every client of the snapshot.
    this.handler = new NodeHttpHandler({
      connectionTimeout: Math.min(timeout, 10_000),
      requestTimeout: timeout,
      throwOnRequestTimeout: true,
    });
  }

  private common(region: string, endpoint = this.target.endpoint) {
    const style = this.configured.s3AddressingStyle;
    return {
      region,
      credentials: this.target.credentials,
      profile: this.target.profile,
      endpoint,
      // Configured endpoints are resolved for the connection's profile by collectAws and passed as `endpoint`;
      // the SDK's own lookup would read AWS_PROFILE's instead (./configured-endpoints.ts).
      ignoreConfiguredEndpointUrls: true,
      // S3 (ignored by other clients): path-style addressing for any custom endpoint, hostname or IP, because
      // an emulator or proxy is one host and bucket-name subdomains of it do not resolve; or when the profile
      // says `s3 = addressing_style = path`. `virtual` in the profile is respected.
      forcePathStyle: style === 'path' || (style !== 'virtual' && endpoint !== undefined),
      // 'standard' rather than 'adaptive': adaptive adds a client-side rate limiter whose waits are hard to
      // bound; the CallScheduler (main/collect/concurrency.ts) already bounds and adapts concurrency per
      // service and region, and standard still backs off on throttling.
      retryMode: 'standard',
      maxAttempts: this.target.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      requestHandler: this.handler,
      // Host prefixes (S3 Control's "<account>.s3-control...") cannot be prepended to a custom endpoint such as
      // 127.0.0.1 or an emulator's hostname; the account travels in its header too.
      disableHostPrefix: endpoint !== undefined,
    };
  }

  /** The settings every client of this target shares (region, credentials, endpoint, retry, handler). */
  commonConfig(region: string) {
    return this.common(region);
  }

  /**
   * The client for any registered service: built once per service and region with the shared settings and
   * the registry guard. Service collectors call this instead of constructing clients themselves, e.g.
   * `ctx.clients.client('kms', region, (c) => new KMSClient(c))` after
   * `const { KMSClient } = await awsSdk.kms()`.
   */
  client<T extends { destroy(): void; middlewareStack: MiddlewareStack<object, MetadataBearer> }>(
    service: AwsService,
    region: string,
    make: (common: ReturnType<AwsClients['common']>) => T,
  ): T {
    return this.get(service, region, (endpoint) => make(this.common(region, endpoint)));
  }

  /**
   * Every client is built here, so none can miss the registry guard. `build` makes the client for an
   * endpoint (undefined = the SDK's default for the service and region).
   */
  private get<T extends { destroy(): void; middlewareStack: MiddlewareStack<object, MetadataBearer> }>(
    service: AwsService,
    region: string,
    build: (endpoint: string | undefined) => T,
  ): T {
    const make = (explicit: string | undefined): T => {
      if (explicit !== undefined || this.configured.ignored) return build(explicit);
      // Configured endpoints are keyed by the SDK's serviceId, which only the client knows: build one to
      // learn it (once per service; not destroyed, as destroy() would close the shared HTTP handler).
      let serviceId = this.serviceIds.get(service);
      if (serviceId === undefined) {
        const probe = build(undefined) as T & { config?: { serviceId?: string } };
        serviceId = probe.config?.serviceId ?? '';
        this.serviceIds.set(service, serviceId);
        const endpoint = serviceId ? configuredEndpointFor(this.configured, serviceId) : undefined;
        if (endpoint === undefined) return probe;
        return build(endpoint);
      }
      return build(serviceId ? configuredEndpointFor(this.configured, serviceId) : undefined);
    };
    const key = `${service}:${region}`;
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = make(this.target.endpoint);
      installRegistryGuard(client.middlewareStack, service);
      installThrottleObserver(client.middlewareStack);
      this.cache.set(key, client);
    }
    return client;
  }

  async sts(): Promise<STSClient> {
    const { STSClient } = await awsSdk.sts();
    const region = this.target.homeRegion;
    return this.get('sts', region, (e) => new STSClient(this.common(region, e)));
  }
  async iam(): Promise<IAMClient> {
    const { IAMClient } = await awsSdk.iam();
    const region = this.target.homeRegion;
    return this.get('iam', region, (e) => new IAMClient(this.common(region, e)));
  }
  async s3(region: string): Promise<S3Client> {
    const { S3Client } = await awsSdk.s3();
    return this.get(
      's3',
      region,
      (e) =>
        new S3Client({
          // forcePathStyle comes with the common settings (path-style for any custom endpoint).
          ...this.common(region, e),
          // Against real AWS, a wrong region (e.g. GetBucketLocation failed) is corrected by redirect.
          followRegionRedirects: true,
        }),
    );
  }
  async ec2(region: string): Promise<EC2Client> {
    const { EC2Client } = await awsSdk.ec2();
    return this.get('ec2', region, (e) => new EC2Client(this.common(region, e)));
  }
  async cloudtrail(region: string): Promise<CloudTrailClient> {
    const { CloudTrailClient } = await awsSdk.cloudTrail();
    return this.get('cloudtrail', region, (e) => new CloudTrailClient(this.common(region, e)));
  }

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
    this.handler.destroy();
  }
}

/**
 * Tells the call's scheduler queue about every throttled attempt. It sits inside the SDK's retry loop (the
 * deserialize step runs once per attempt), so throttling the SDK recovers from by retrying still slows the
 * queue down, not only throttling that exhausted the retries.
 */
function installThrottleObserver(stack: MiddlewareStack<object, MetadataBearer>): void {
  stack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        currentDeclaredCall()?.onAttemptError?.(err);
        throw err;
      }
    },
    { step: 'deserialize', priority: 'high', name: 'evidenceDeskThrottleObserver', override: true },
  );
}

export type CallContext = { sink: CollectionSink; clients: AwsClients; scheduler: CallScheduler };

export type CallSpec = {
  service: AwsService;
  /** Region recorded with the raw response / gap: the real region, or 'global' for IAM and ListBuckets. */
  region: string;
  operation: string;
  params?: Record<string, unknown>;
  /**
   * What the call is about, recorded on its gap so the analyst knows which findings it turns into errors:
   * a bucket name, a user name, a key id, a trail ARN... Absent for account-wide or region-wide calls.
   */
  resource?: string;
};

export type CallOutcome<T> =
  | { ok: true; value: T }
  /** notConfigured: the service answered "there is no such configuration" (recorded, not a gap). */
  | { ok: false; notConfigured: boolean; code: string };

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

/**
 * Makes one API call and records it: the redacted response via sink.raw, or a gap via sink.gap. Never throws
 * for an API failure (one failed call must not stop the snapshot); throws only when cancelled.
 * `notConfiguredCodes` are error codes that mean "this setting does not exist" (e.g. NoSuchBucketPolicy):
 * they are recorded as raw evidence and reported as notConfigured instead of a gap.
 */
export async function recordedCall<T extends object>(
  ctx: CallContext,
  spec: CallSpec,
  send: (abortSignal: AbortSignal) => Promise<T>,
  notConfiguredCodes: readonly string[] = [],
): Promise<CallOutcome<T>> {
  if (!findApiCall(spec.service, spec.operation)) {
    // A programming error, not an AWS failure: the least-privilege policy would not cover this call.
    throw new Error(
      `${spec.service}:${spec.operation} is not in main/collect/registry.ts; add it there first`,
    );
  }
  const { sink } = ctx;
  throwIfAborted(sink.signal);
  const params = redactObject(spec.params ?? {});
  try {
    // The declaration lets the guard on the client refuse a command that is not the one named in spec. The
    // scheduler queues the call behind its service and region and gives it its own cancel signal.
    const value = await ctx.scheduler.run(spec.service, spec.region, (slot) =>
      sendAsDeclared(
        { service: spec.service, operation: spec.operation, onAttemptError: slot.noteAttemptError },
        () => send(slot.signal),
      ),
    );
    throwIfAborted(sink.signal);
    sink.raw({
      service: spec.service,
      region: spec.region,
      operation: spec.operation,
      params,
      response: redactObject(value),
    });
    return { ok: true, value };
  } catch (err) {
    if (err instanceof RegistryGuardError) throw err;
    if (sink.signal.aborted) throw abortError();
    const code = errorCode(err);
    if (notConfiguredCodes.includes(code)) {
      const message = err instanceof Error ? err.message : String(err);
      sink.raw({
        service: spec.service,
        region: spec.region,
        operation: spec.operation,
        params,
        response: { Error: { Code: code, Message: message } },
      });
      return { ok: false, notConfigured: true, code };
    }
    const classified = classifyAwsError(err, spec.service, spec.operation);
    sink.gap({
      service: spec.service,
      region: spec.region,
      operation: spec.operation,
      resource: spec.resource ?? null,
      ...classified,
    });
    return { ok: false, notConfigured: false, code: classified.code };
  }
}

/** AWS's [{Key, Value}] tag lists as the { key: value } map resources carry. */
export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key) out[t.Key] = t.Value ?? '';
  return out;
}
