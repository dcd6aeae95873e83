// A loopback AWS double for the collectors' tests and the demo. It speaks the real wire protocols (query,
// ec2 query, REST-XML, JSON 1.1) so the real SDK clients (serializers, signers, retry, deserializers) run
// unchanged against it; only the endpoint differs. It listens on 127.0.0.1 only and never forwards anything.
//
// Signatures are not verified (this is a test double holding fictional data); the access key id in the
// SigV4 credential scope IS checked, so wrong credentials fail the way they do against AWS.
//
// Several accounts: besides its main estate the server may hold member estates (an AWS Organization). The
// access key id picks the estate: each estate's own static key, or a temporary key the server's STS
// AssumeRole handed out for a role whose trust names the caller's account.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { actionFor } from '../../collect/registry';
import type { Estate } from '../estate/types';
import { REPLAY_SERVICES } from './services/index';
import { s3Operation } from './services/s3';
import { assumeRoleResponse, type IssuedSession } from './services/sts';
import { UnknownOperation, type ReplayRequest, type ReplayState } from './services/types';
import { PROTOCOL_OF, serviceError, type ReplayResponse } from './wire';

export type Fault = {
  service: string;
  operation: string;
  region?: string;
  kind: 'throttle' | 'access-denied' | 'timeout' | 'malformed';
  /** How many matching requests get the fault; default: always. */
  times?: number;
};

export type RecordedRequest = { service: string; operation: string; region: string };

export type ReplayServer = {
  url: string;
  close(): Promise<void>;
  requests: RecordedRequest[];
  /** The same requests by the account whose estate answered them (unrecognised keys are in none). */
  requestsByAccount: Record<string, RecordedRequest[]>;
  /**
   * Most requests being answered at once, per service and overall (measured here, independently of the
   * client's own count, so a test can check the collector's concurrency from the other end of the wire).
   */
  maxInFlight: Record<string, number> & { all: number };
  /** Changes the injected latency for the requests that arrive from now on. */
  setLatencyMs(ms: number): void;
};

/** Service, region and access key from `Credential=AKID/20240101/us-east-1/s3/aws4_request`. */
export function parseCredentialScope(
  authorization: string | undefined,
): { accessKeyId: string; region: string; service: string } | null {
  const m = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : null;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** S3 Control signs as 's3'; its REST paths all start with the API version. */
function serviceOf(signingName: string, req: http.IncomingMessage): string {
  if (signingName === 's3' && (req.url ?? '').startsWith('/v20180820/')) return 's3-control';
  return signingName;
}

function parseJsonBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = body ? JSON.parse(body) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseRequest(
  service: string,
  region: string,
  req: http.IncomingMessage,
  body: string,
): Omit<ReplayRequest, 'now'> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const wire = { method, path: url.pathname, body };
  const protocol = PROTOCOL_OF[service];
  if (protocol === 'query' || protocol === 'ec2') {
    const params = Object.fromEntries(new URLSearchParams(body)) as Record<string, unknown>;
    return { service, region, operation: String(params.Action ?? ''), params, ...wire };
  }
  if (protocol === 'json') {
    const target = String(req.headers['x-amz-target'] ?? '');
    return {
      service,
      region,
      operation: target.split('.').pop() ?? '',
      params: parseJsonBody(body),
      ...wire,
    };
  }
  const route = REPLAY_SERVICES[service]?.route;
  if (route) {
    const routed = route(method, url.pathname, url.searchParams);
    const params = {
      ...Object.fromEntries(url.searchParams),
      ...(protocol === 'rest-json' ? parseJsonBody(body) : {}),
      ...(routed?.params ?? {}),
    };
    return { service, region, operation: routed?.operation ?? '', params, ...wire };
  }
  const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '') || undefined;
  return {
    service,
    region,
    operation: s3Operation(method, bucket, url.searchParams),
    params: Object.fromEntries(url.searchParams),
    bucket,
    ...wire,
  };
}

function throttled(service: string): ReplayResponse {
  switch (PROTOCOL_OF[service]) {
    case 'ec2':
      return serviceError(service, 503, 'RequestLimitExceeded', 'Request limit exceeded.');
    case 'rest-xml':
      return serviceError(service, 503, 'SlowDown', 'Please reduce your request rate.');
    case 'json':
      return serviceError(service, 400, 'ThrottlingException', 'Rate exceeded');
    case 'rest-json':
      return serviceError(service, 429, 'TooManyRequestsException', 'Rate exceeded');
    default:
      return serviceError(service, 400, 'Throttling', 'Rate exceeded');
  }
}

function denied(estate: Estate, r: Omit<ReplayRequest, 'now'>): ReplayResponse {
  const action = actionFor(r.service, r.operation);
  const because = `User: ${estate.caller.arn} is not authorized to perform: ${action}${r.bucket ? ` on resource: "arn:aws:s3:::${r.bucket}"` : ''} because no identity-based policy allows the ${action} action`;
  switch (PROTOCOL_OF[r.service]) {
    case 'ec2':
      return serviceError(
        r.service,
        403,
        'UnauthorizedOperation',
        `You are not authorized to perform this operation. ${because}`,
      );
    case 'json':
      return serviceError(r.service, 400, 'AccessDeniedException', because);
    case 'rest-json':
      return serviceError(r.service, 403, 'AccessDeniedException', because);
    default:
      return serviceError(r.service, 403, 'AccessDenied', because);
  }
}

function badCredentials(service: string): ReplayResponse {
  switch (PROTOCOL_OF[service]) {
    case 'ec2':
      return serviceError(
        service,
        401,
        'AuthFailure',
        'AWS was not able to validate the provided access credentials',
      );
    case 'rest-xml':
      return serviceError(
        service,
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    case 'json':
      return serviceError(
        service,
        400,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    case 'rest-json':
      return serviceError(
        service,
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    default:
      return serviceError(
        service,
        403,
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
      );
  }
}

function unknownOperation(service: string, operation: string): ReplayResponse {
  const message = `The replay estate has no recording for ${service}:${operation || '(none)'}.`;
  switch (PROTOCOL_OF[service]) {
    case 'rest-xml':
      return serviceError(service, 501, 'NotImplemented', message);
    case 'json':
      return serviceError(service, 400, 'UnknownOperationException', message);
    case 'rest-json':
      return serviceError(service, 404, 'UnknownOperationException', message);
    default:
      return serviceError(service, 400, 'InvalidAction', message);
  }
}

function isDenied(estate: Estate, r: Omit<ReplayRequest, 'now'>): boolean {
  // Whatever the call is about: the bucket, the region, or any parameter's value (a user name, a key id, a
  // policy ARN, a path parameter such as a function name...).
  const subjects: unknown[] = [r.bucket, r.region, ...Object.values(r.params)];
  return estate.denied.some(
    (d) =>
      d.service === r.service &&
      d.operation === r.operation &&
      (d.resource === undefined || subjects.includes(d.resource)),
  );
}

/** Breaks a body the way a dying proxy does: cut mid-document, then junk. */
function malform(res: ReplayResponse): ReplayResponse {
  return {
    ...res,
    status: 200,
    body: `${res.body.slice(0, Math.floor(res.body.length / 2))}\u0000<<garbage`,
  };
}

function checkedLatency(ms: number): number {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new Error(`replay latency must be >= 0 ms, not ${ms}`);
  return ms;
}

export async function startReplayServer(opts: {
  estate: Estate;
  /**
   * Other accounts the server holds (an organisation's members): reachable with their own static key, or
   * through AssumeRole from an account their trustedRoles name.
   */
  members?: Estate[];
  faults?: Fault[];
  /**
   * Delay before every answer, per server instance: makes a run last long enough for a test to act during
   * it, and lets the bench measure a collection against a realistic round trip.
   */
  latencyMs?: number;
  /** The server's clock (dates in the estate are relative to it); fixed in tests that compare two runs. */
  now?: () => Date;
}): Promise<ReplayServer> {
  const estates = [opts.estate, ...(opts.members ?? [])];
  const sessions = new Map<string, IssuedSession>(
    estates.map((e) => [e.accessKeyId, { estate: e, caller: e.caller }]),
  );
  // The estate as the session sees it: an assumed role's caller replaces the estate's own.
  const acting = new Map<string, Estate>(estates.map((e) => [e.accessKeyId, e]));
  const issue = (keyId: string, session: IssuedSession) => {
    sessions.set(keyId, session);
    acting.set(keyId, { ...session.estate, caller: session.caller });
  };
  const now = opts.now ?? (() => new Date());
  let latencyMs = checkedLatency(opts.latencyMs ?? 0);
  const inFlight: Record<string, number> = {};
  const maxInFlight: Record<string, number> & { all: number } = { all: 0 };
  let inFlightAll = 0;
  const faults = (opts.faults ?? []).map((f) => ({ ...f, remaining: f.times ?? Infinity }));
  const requests: RecordedRequest[] = [];
  const requestsByAccount: Record<string, RecordedRequest[]> = {};
  // Per account: e.g. the credential report is STARTED on each account's first request.
  const states = new Map<Estate, ReplayState>(
    estates.map((e) => [e, { credentialReportRequests: 0, counters: {} }]),
  );

  const server = http.createServer((req, res) => {
    const scope = parseCredentialScope(req.headers.authorization);
    const service = scope ? serviceOf(scope.service, req) : 'unknown';
    inFlightAll++;
    inFlight[service] = (inFlight[service] ?? 0) + 1;
    maxInFlight.all = Math.max(maxInFlight.all, inFlightAll);
    maxInFlight[service] = Math.max(maxInFlight[service] ?? 0, inFlight[service]);
    res.once('close', () => {
      inFlightAll--;
      inFlight[service]--;
    });
    void (async () => {
      const body = await readBody(req);
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      const send = (r: ReplayResponse) => {
        res.writeHead(r.status, { ...r.headers, 'content-length': Buffer.byteLength(r.body) });
        res.end(r.body);
      };
      if (!scope || !REPLAY_SERVICES[service]) {
        send({
          status: 403,
          headers: { 'content-type': 'text/plain' },
          body: 'Missing or unsupported SigV4 Authorization header (credential scope names no known service).',
        });
        return;
      }
      const parsed = parseRequest(service, scope.region, req, body);
      const session = sessions.get(scope.accessKeyId);
      const recorded = { service: parsed.service, operation: parsed.operation, region: parsed.region };
      requests.push(recorded);
      if (session) (requestsByAccount[session.estate.accountId] ??= []).push(recorded);

      if (!session) return send(badCredentials(parsed.service));
      const estate = acting.get(scope.accessKeyId) ?? session.estate;

      const fault = faults.find(
        (f) =>
          f.remaining > 0 &&
          f.service === parsed.service &&
          f.operation === parsed.operation &&
          (!f.region || f.region === parsed.region),
      );
      if (fault) fault.remaining--;
      if (fault?.kind === 'timeout') return; // hold the response until the client gives up or we close
      if (fault?.kind === 'throttle') return send(throttled(parsed.service));
      if (fault?.kind === 'access-denied' || isDenied(estate, parsed)) return send(denied(estate, parsed));

      let response: ReplayResponse;
      try {
        const request = { ...parsed, now: now() };
        const state = states.get(session.estate) as ReplayState;
        response =
          parsed.service === 'sts' && parsed.operation === 'AssumeRole'
            ? assumeRoleResponse(estate, request, estates, issue)
            : REPLAY_SERVICES[parsed.service].respond(estate, request, state);
      } catch (err) {
        if (!(err instanceof UnknownOperation)) throw err;
        response = unknownOperation(parsed.service, parsed.operation);
      }
      send(fault?.kind === 'malformed' ? malform(response) : response);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`replay server error: ${(err as Error).message}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsByAccount,
    maxInFlight,
    setLatencyMs: (ms) => {
      latencyMs = checkedLatency(ms);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // held (timeout-fault) responses included
        server.close(() => resolve());
      }),
  };
}
