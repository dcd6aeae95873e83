// A loopback Azure Resource Manager (+ Microsoft Graph) double for the Azure collectors' tests and the demo. It
// speaks ARM's real shapes: JSON bodies as the REST API returns them, `value` + absolute `nextLink` paging,
// error bodies {"error": {"code", "message"}} (403 AuthorizationFailed, 404 SubscriptionNotFound /
// ResourceNotFound, 429 with Retry-After), and requires a bearer token. It listens on 127.0.0.1 over plain http:
// the client reaches it through redirectingHttpClient (./redirect-client.ts), which keeps the https URLs the
// bearer policy insists on. Which operation a request is comes from the app's own registry, so a request the
// registry does not know gets ARM's 400/404 here too.
//
// It can serve several Entra ID tenants at once (the demo has two). As in Azure, the token says which tenant it
// was issued for: Subscriptions_List and every Graph call answer for that tenant, and a token of one tenant used
// on another tenant's subscription gets ARM's 401 InvalidAuthenticationTokenTenant. A token that names no tenant
// (replayCredential) is the first tenant's, so single-tenant tests need not care.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { AzurePublicCloud } from '../../collect/azure/clouds';
import { AZURE_CALLS, findAzureCall, type AzureCall } from '../../collect/azure/registry';
import { subscriptionJson, type AzureEstate, type AzureSubscriptionEstate } from './estate';
import { GRAPH_PREFIX, redirectingHttpClient } from './redirect-client';
import { STORAGE_REPLAY } from './replay/storage';
import { NETWORK_REPLAY } from './replay/network';
import { DATA_REPLAY } from './replay/data';
import { SECURITY_REPLAY } from './replay/security';

export type AzureFault = {
  /** The registry operation, e.g. StorageAccounts_List. */
  operation: string;
  kind: 'throttle' | 'denied' | 'malformed' | 'timeout' | 'not-found';
  /** Only requests whose path contains this (case-insensitive), e.g. an account name or a subscription id. */
  match?: string;
  /** Only this page of a list (1-based), e.g. 2 to fail after the first page. */
  page?: number;
  /** How many matching requests get the fault; default: always. */
  times?: number;
  /** For throttle: the Retry-After header in seconds (default 1). */
  retryAfterSeconds?: number;
};

export type AzureRecordedRequest = { operation: string; path: string; authorization: string | null };

export type AzureReplayServer = {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The transport that sends the public cloud's ARM and Graph URLs here. */
  httpClient: HttpClient;
  requests: AzureRecordedRequest[];
  close(): Promise<void>;
};

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * How a service group answers one registered operation (main/demo/azure/replay/<group>.ts). `sub` is the
 * subscription in the path (absent for Graph calls); `list` pages items the way ARM does (value + nextLink);
 * `segments` are the path's segments (e.g. [ '', 'subscriptions', id, 'resourceGroups', rg, ... ]).
 */
export type AzureReplayHandler = (ctx: {
  call: AzureCall;
  segments: string[];
  sub: AzureSubscriptionEstate | undefined;
  estate: AzureEstate;
  list: (items: unknown[], nextKey?: string) => Reply;
  error: (status: number, code: string, message: string) => Reply;
}) => Reply;

const GROUP_HANDLERS: Record<string, AzureReplayHandler> = {
  ...STORAGE_REPLAY,
  ...NETWORK_REPLAY,
  ...DATA_REPLAY,
  ...SECURITY_REPLAY,
};

const armError = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply => ({
  status,
  body: { error: { code, message } },
  headers,
});

function page(
  items: unknown[],
  index: number,
  size: number,
  nextBase: string,
  nextKey: string,
): Record<string, unknown> {
  const start = index * size;
  const body: Record<string, unknown> = { value: items.slice(start, start + size) };
  if (start + size < items.length) {
    const next = new URL(nextBase);
    next.searchParams.set('$skiptoken', String(index + 1));
    body[nextKey] = next.toString();
  }
  return body;
}

export async function startAzureReplayServer(opts: {
  /** One tenant, or several (the first is the home tenant of a token that names none). */
  estate: AzureEstate | readonly AzureEstate[];
  faults?: AzureFault[];
}): Promise<AzureReplayServer> {
  const estates: readonly AzureEstate[] = Array.isArray(opts.estate)
    ? (opts.estate as readonly AzureEstate[])
    : [opts.estate as AzureEstate];
  if (estates.length === 0) throw new Error('The replay server needs at least one tenant.');
  const faults = (opts.faults ?? []).map((f) => ({ ...f, left: f.times ?? Infinity }));
  const requests: AzureRecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const arm = AzurePublicCloud.resourceManager;
  const graph = AzurePublicCloud.graph as string;

  /**
   * The tenant a bearer token was issued for (replayCredentialFor), or the home tenant for a token that names
   * none; `named` says which, since only a named tenant is held to its own subscriptions.
   */
  const tenantOf = (authorization: string): { estate: AzureEstate | undefined; named: boolean } => {
    const tid = TOKEN_TENANT.exec(authorization)?.[1];
    if (!tid) return { estate: estates[0], named: false };
    return { estate: estates.find((e) => e.tenantId.toLowerCase() === tid.toLowerCase()), named: true };
  };
  const subscription = (id: string): { sub: AzureSubscriptionEstate; estate: AzureEstate } | undefined => {
    for (const estate of estates) {
      const sub = estate.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());
      if (sub) return { sub, estate };
    }
    return undefined;
  };

  const answer = (
    call: AzureCall,
    segments: string[],
    pageIndex: number,
    nextBase: string,
    estate: AzureEstate,
    tokenNamesTenant: boolean,
  ): Reply => {
    const list = (items: unknown[], nextKey = 'nextLink'): Reply => ({
      status: 200,
      body: page(items, pageIndex, estate.pageSize, nextBase, nextKey),
    });
    if (call.operation === 'Organization_List')
      return list(
        [
          {
            id: estate.tenantId,
            displayName: estate.tenantDisplayName,
            verifiedDomains: [
              { name: estate.verifiedDomain, isDefault: true, isInitial: false, type: 'Managed' },
            ],
          },
        ],
        '@odata.nextLink',
      );
    const handler = GROUP_HANDLERS[call.operation];
    if (handler && call.api === 'graph')
      return handler({ call, segments, sub: undefined, estate, list, error: armError });
    if (call.operation === 'Subscriptions_List')
      return list(estate.subscriptions.map((s) => subscriptionJson(estate.tenantId, s)));
    // Every other call is under /subscriptions/{id}/...
    const found = subscription(segments[2] ?? '');
    if (!found)
      return armError(404, 'SubscriptionNotFound', `The subscription '${segments[2]}' could not be found.`);
    if (tokenNamesTenant && found.estate !== estate)
      return armError(
        401,
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer 'https://sts.windows.net/${estate.tenantId}/'. It must match the tenant ` +
          `'https://sts.windows.net/${found.estate.tenantId}/' associated with this subscription. Please use the authority ` +
          `(URL) 'https://login.windows.net/${found.estate.tenantId}' to get the token. Note, if the subscription is ` +
          'transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.',
      );
    const sub = found.sub;
    estate = found.estate;
    switch (call.operation) {
      case 'Subscriptions_Get':
        return { status: 200, body: subscriptionJson(estate.tenantId, sub) };
      case 'StorageAccounts_List':
        return list(sub.storageAccounts);
      case 'NetworkSecurityGroups_ListAll':
        return list(sub.networkSecurityGroups);
      case 'BlobServices_GetServiceProperties': {
        const [rg, name] = [segments[4] ?? '', segments[8] ?? ''];
        const account = name.toLowerCase();
        const body = sub.blobServices[account];
        const exists = sub.storageAccounts.some(
          (a) =>
            String(a.id).toLowerCase().includes(`/resourcegroups/${rg.toLowerCase()}/`) &&
            String(a.name).toLowerCase() === account,
        );
        if (!body || !exists)
          return armError(
            404,
            'ResourceNotFound',
            `The Resource 'Microsoft.Storage/storageAccounts/${name}' under resource group '${rg}' was not found.`,
          );
        return { status: 200, body };
      }
      default:
        if (handler) return handler({ call, segments, sub, estate, list, error: armError });
        return armError(
          400,
          'InvalidResourceType',
          `The replay server does not implement ${call.operation}.`,
        );
    }
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isGraph = url.pathname.startsWith(`${GRAPH_PREFIX}/`);
    const path = isGraph ? url.pathname.slice(GRAPH_PREFIX.length) : url.pathname;
    const apiVersion = url.searchParams.get('api-version') ?? undefined;
    const send = (reply: Reply) => {
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    };
    const call = findAzureCall(isGraph ? 'graph' : 'arm', req.method ?? 'GET', path, apiVersion);
    const authorization = req.headers.authorization ?? null;
    requests.push({ operation: call?.operation ?? '', path, authorization });
    if (!authorization || !/^Bearer \S+/.test(authorization))
      return send(
        armError(
          401,
          'AuthenticationFailed',
          "Authentication failed. The 'Authorization' header is missing.",
        ),
      );
    if (!call) {
      const known = AZURE_CALLS.some(
        (c) => c.api === (isGraph ? 'graph' : 'arm') && c.path.split('/').length === path.split('/').length,
      );
      return send(
        known && !isGraph
          ? armError(
              400,
              'InvalidApiVersionParameter',
              `The api-version '${apiVersion}' is invalid for this path.`,
            )
          : armError(404, 'InvalidResourceType', `The resource type could not be found (${path}).`),
      );
    }
    const tenant = tenantOf(authorization);
    if (!tenant.estate)
      return send(
        armError(
          401,
          'InvalidAuthenticationToken',
          'The access token is invalid: it was issued for a tenant this server does not know.',
        ),
      );
    const pageIndex = Number(url.searchParams.get('$skiptoken') ?? '0') || 0;
    const fault = faults.find(
      (f) =>
        f.left > 0 &&
        f.operation === call.operation &&
        (!f.match || path.toLowerCase().includes(f.match.toLowerCase())) &&
        (f.page === undefined || f.page === pageIndex + 1),
    );
    if (fault) {
      fault.left--;
      const subId = path.split('/')[2] ?? '';
      switch (fault.kind) {
        case 'throttle':
          return send(
            armError(
              429,
              'TooManyRequests',
              'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00.',
              {
                'retry-after': String(fault.retryAfterSeconds ?? 1),
              },
            ),
          );
        case 'denied':
          return send(
            armError(
              403,
              'AuthorizationFailed',
              `The client 'evidence-desk-test' with object id '00000000-0000-0000-0000-0000000000aa' does not have authorization to perform action '${call.api === 'arm' ? call.action : call.permission}' over scope '/subscriptions/${subId}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
            ),
          );
        case 'not-found':
          return send(armError(404, 'ResourceNotFound', `The resource at ${path} was not found.`));
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"value": [ {"id": "/subscriptions/');
        case 'timeout':
          hanging.add(res);
          return; // never answers; the client's timeout ends it
      }
    }
    const base = isGraph ? graph : arm;
    const nextBase = `${base}${path}${apiVersion ? `?api-version=${apiVersion}` : ''}`;
    send(answer(call, path.split('/'), pageIndex, nextBase, tenant.estate, tenant.named));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    httpClient: redirectingHttpClient(url),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A credential for the replay server (it wants a bearer token, any token): no Entra ID involved. */
export const replayCredential = {
  getToken: async () => ({ token: 'replay-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** Where a replay token names its tenant (a real token carries it as the `tid` claim). */
const TOKEN_TENANT = /^Bearer replay-token;tid=([0-9a-fA-F-]{36})$/;

/** A credential whose tokens are issued for one tenant, as @azure/identity's are when given a tenantId. */
export function replayCredentialFor(tenantId: string): typeof replayCredential {
  return {
    getToken: async () => ({
      token: `replay-token;tid=${tenantId}`,
      expiresOnTimestamp: Date.now() + 3_600_000,
    }),
  };
}
