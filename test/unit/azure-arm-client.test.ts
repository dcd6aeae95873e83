// The Azure REST client and recordedAzureCall against the loopback ARM replay server, through the real
// @azure/core-rest-pipeline (bearer policy, retry policy, node http client) and a redirecting transport.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AzureMalformedResponseError,
  AzureRegistryGuardError,
  AzureRestClient,
} from '../../main/collect/azure/arm-client';
import { AzurePublicCloud } from '../../main/collect/azure/clouds';
import {
  recordedAzureCall,
  recordedAzureList,
  type AzureCallContext,
} from '../../main/collect/azure/recorded-call';
import { CallScheduler } from '../../main/collect/concurrency';
import { CollectionBuffer } from '../../main/collect/types';
import { storageAccount, type AzureEstate } from '../../main/demo/azure/estate';
import { redirectingHttpClient } from '../../main/demo/azure/redirect-client';
import {
  replayCredential,
  startAzureReplayServer,
  type AzureFault,
  type AzureReplayServer,
} from '../../main/demo/azure/server';

const SUB = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const ACCOUNTS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((n) =>
  storageAccount(SUB, 'rg-page', `st${n}`, 'eastus', {
    supportsHttpsTrafficOnly: true,
    minimumTlsVersion: 'TLS1_2',
  }),
);
const ESTATE: AzureEstate = {
  tenantId: '1a2b3c4d-0000-4000-8000-00000000000a',
  tenantDisplayName: 'Paging Test',
  verifiedDomain: 'paging.example',
  pageSize: 2,
  subscriptions: [
    {
      subscriptionId: SUB,
      displayName: 'Paging',
      state: 'Enabled',
      storageAccounts: ACCOUNTS,
      blobServices: {},
      networkSecurityGroups: [],
    },
  ],
};

let server: AzureReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(
  faults: AzureFault[] = [],
  opts: { maxRetries?: number; requestTimeoutMs?: number } = {},
) {
  server = await startAzureReplayServer({ estate: ESTATE, faults });
  const controller = new AbortController();
  const sink = new CollectionBuffer(controller.signal);
  const client = new AzureRestClient({
    credential: replayCredential,
    cloud: AzurePublicCloud,
    httpClient: server.httpClient,
    maxRetries: opts.maxRetries ?? 3,
    requestTimeoutMs: opts.requestTimeoutMs ?? 5_000,
    transientDelayMs: 10,
  });
  const scheduler = new CallScheduler(controller.signal);
  const ctx: AzureCallContext = { sink, client, scheduler, subscriptionId: SUB };
  return { server, controller, sink, client, scheduler, ctx };
}

const listStorage = (ctx: AzureCallContext) =>
  recordedAzureList(ctx, { operation: 'StorageAccounts_List', pathParams: { subscriptionId: SUB } });

describe('AzureRestClient paging', () => {
  it('follows absolute nextLinks across 3 pages and records each page as returned', async () => {
    const { ctx, sink, server } = await setup();
    const out = await listStorage(ctx);
    expect(out.ok && out.value.map((a) => a.name)).toEqual([
      'stalpha',
      'stbravo',
      'stcharlie',
      'stdelta',
      'stecho',
    ]);
    const calls = server.requests.filter((r) => r.operation === 'StorageAccounts_List');
    expect(calls).toHaveLength(3);
    expect(calls.every((r) => r.authorization === 'Bearer replay-token')).toBe(true);
    expect(sink.raws.map((r) => r.params.page)).toEqual([1, 2, 3]);
    const first = sink.raws[0].response as { nextLink?: string; value: unknown[] };
    // The nextLink ARM sent is absolute, on the real host (the transport redirected it), and kept as evidence
    // (the sink's redactor withholds the $skiptoken value, an opaque continuation token).
    expect(decodeURIComponent(first.nextLink ?? '')).toMatch(
      /^https:\/\/management\.azure\.com\/subscriptions\/.+\$skiptoken=/,
    );
    expect(first.value).toHaveLength(2);
    expect(sink.raws[0]).toMatchObject({
      service: 'Microsoft.Storage',
      region: 'global',
      operation: 'StorageAccounts_List',
    });
    expect(sink.raws[0].params['api-version']).toBe('2025-06-01');
    expect(sink.gaps).toEqual([]);
  });

  it('refuses a nextLink to another host without sending the token there', async () => {
    let foreignHits = 0;
    const fake = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          value: [],
          nextLink:
            'https://attacker.example/subscriptions/x/providers/Microsoft.Storage/storageAccounts?api-version=2025-06-01',
        }),
      );
    });
    const other = http.createServer(() => foreignHits++);
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
      const client = new AzureRestClient({
        credential: replayCredential,
        cloud: AzurePublicCloud,
        httpClient: redirectingHttpClient(url),
      });
      const err = await client
        .list(`/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`, '2025-06-01')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AzureMalformedResponseError);
      expect((err as Error).message).toMatch(/leads elsewhere.*attacker\.example/);
      expect(foreignHits).toBe(0);
    } finally {
      fake.close();
      other.close();
    }
  });
});

describe('throttling', () => {
  it('honours Retry-After on a 429, then succeeds (and tells the scheduler)', async () => {
    const { ctx, server, scheduler } = await setup([
      { operation: 'StorageAccounts_List', kind: 'throttle', times: 1, retryAfterSeconds: 1 },
    ]);
    const started = Date.now();
    const out = await listStorage(ctx);
    const waited = Date.now() - started;
    expect(out.ok).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(server.requests.filter((r) => r.operation === 'StorageAccounts_List')).toHaveLength(4); // 1 throttled + 3 pages
    expect(scheduler.stats().throttles).toBe(1);
  });

  it('429 on every attempt: a Throttled gap naming the subscription', async () => {
    const { ctx, sink } = await setup(
      [{ operation: 'StorageAccounts_List', kind: 'throttle', retryAfterSeconds: 0 }],
      { maxRetries: 2 },
    );
    const out = await listStorage(ctx);
    expect(out).toEqual({ ok: false, code: 'Throttled' });
    expect(sink.gaps).toHaveLength(1);
    expect(sink.gaps[0].message).toMatch(
      new RegExp(`throttled StorageAccounts_List in subscription ${SUB} \\(on all 3 attempts\\)`),
    );
  });

  it('a Retry-After longer than the cap ends the call at once as Throttled, without waiting', async () => {
    const { ctx, sink, server } = await setup([
      { operation: 'StorageAccounts_List', kind: 'throttle', retryAfterSeconds: 3600 },
    ]);
    const out = await listStorage(ctx);
    expect(out).toEqual({ ok: false, code: 'Throttled' });
    expect(sink.gaps[0].message).toMatch(/asked to wait 3600 s/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('failures become gaps', () => {
  it('403 AuthorizationFailed: a gap naming the subscription and the missing action, telling to grant Reader', async () => {
    const { ctx, sink } = await setup([{ operation: 'StorageAccounts_List', kind: 'denied' }]);
    const out = await listStorage(ctx);
    expect(out).toEqual({ ok: false, code: 'AuthorizationFailed' });
    expect(sink.gaps).toHaveLength(1);
    const gap = sink.gaps[0];
    expect(gap).toMatchObject({
      service: 'Microsoft.Storage',
      operation: 'StorageAccounts_List',
      code: 'AuthorizationFailed',
      resource: null,
    });
    expect(gap.message).toContain(`subscription ${SUB}`);
    expect(gap.message).toContain('Microsoft.Storage/storageAccounts/read');
    expect(gap.message).toMatch(/Grant it the Reader role/);
    expect(sink.raws).toEqual([]);
  });

  it('a malformed body: MalformedResponse ("could not be read"), not a network error', async () => {
    const { ctx, sink } = await setup([{ operation: 'StorageAccounts_List', kind: 'malformed' }]);
    const out = await listStorage(ctx);
    expect(out).toEqual({ ok: false, code: 'MalformedResponse' });
    expect(sink.gaps[0].message).toMatch(/could not be read/);
    expect(sink.gaps[0].message).not.toMatch(/network/i);
  });

  it('a failure on page 2 keeps page 1 as evidence and records the gap', async () => {
    const { ctx, sink } = await setup([{ operation: 'StorageAccounts_List', kind: 'denied', page: 2 }]);
    const out = await listStorage(ctx);
    expect(out.ok).toBe(false);
    expect(sink.raws.map((r) => r.params.page)).toEqual([1]);
    expect(sink.gaps.map((g) => g.code)).toEqual(['AuthorizationFailed']);
  });

  it('an unknown subscription: SubscriptionNotFound', async () => {
    const { ctx, sink } = await setup();
    const other = '00000000-1111-4222-8333-444444444444';
    await recordedAzureCall(
      { ...ctx, subscriptionId: other },
      { operation: 'Subscriptions_Get', pathParams: { subscriptionId: other } },
    );
    expect(sink.gaps[0]).toMatchObject({ code: 'SubscriptionNotFound', operation: 'Subscriptions_Get' });
  });

  it('no answer within the timeout: a TimeoutError gap', async () => {
    const { ctx, sink } = await setup([{ operation: 'StorageAccounts_List', kind: 'timeout' }], {
      requestTimeoutMs: 200,
    });
    const out = await listStorage(ctx);
    expect(out).toEqual({ ok: false, code: 'TimeoutError' });
    expect(sink.gaps[0].message).toMatch(/did not answer in time/);
  });
});

describe('cancellation and the registry guard', () => {
  it('cancel: the call in flight is abandoned, it throws AbortError and records no gap', async () => {
    const { ctx, sink, server, controller } = await setup([
      { operation: 'StorageAccounts_List', kind: 'timeout' },
    ]);
    const pending = listStorage(ctx).catch((e: unknown) => e);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const err = await pending;
    expect((err as Error).name).toBe('AbortError');
    expect(sink.gaps).toEqual([]);
  });

  it('refuses a path that is not registered, before anything is sent', async () => {
    const { client, server, ctx } = await setup();
    await expect(
      client.get(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`, '2025-05-01'),
    ).rejects.toThrow(AzureRegistryGuardError);
    // A registered path with another api-version is a different call, also refused.
    await expect(
      client.list(`/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`, '2019-06-01'),
    ).rejects.toThrow(/not in main\/collect\/azure\/registry\.ts/);
    await expect(recordedAzureCall(ctx, { operation: 'ManagedClusters_List' })).rejects.toThrow(
      AzureRegistryGuardError,
    );
    expect(server.requests).toEqual([]);
  });
});
