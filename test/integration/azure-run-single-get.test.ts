// An Azure run asks Resource Manager for each subscription once: the reachability probe's Subscriptions_Get is
// the answer the snapshot records as raw evidence (main/collect/azure-run.ts -> collectAzureSubscription's
// `subscription` option). Driven over the loopback replay server, which records every request it answers; the
// run's connection is a provider registered here, so the test does not depend on how the demo registers itself.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureRegistryGuardError } from '../../main/collect/azure/arm-client';
import { AzurePublicCloud } from '../../main/collect/azure/clouds';
import { collectAzureSubscription, fetchSubscription } from '../../main/collect/azure/index';
import { runAzure } from '../../main/collect/azure-run';
import {
  registerConnectionProvider,
  unregisterConnectionProvider,
} from '../../main/collect/connection-registry';
import { CollectionBuffer } from '../../main/collect/types';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import {
  northwindAzure,
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
} from '../../main/demo/azure/estate';
import {
  replayCredential,
  startAzureReplayServer,
  type AzureReplayServer,
} from '../../main/demo/azure/server';
import type { SnapshotOutcome } from '../../main/jobs/protocol';
import { createRun } from '../../main/store/collection-runs-repo';
import { startAzureHarness, type AzureHarness } from '../fixtures/azure/harness';

const PROVIDER = 'single-get-test';
const CONNECTION = 'single-get-azure';

/** Subscriptions_Get requests the server answered, per lower-cased subscription id. */
function subscriptionGets(server: AzureReplayServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of server.requests) {
    if (r.operation !== 'Subscriptions_Get') continue;
    const id = /\/subscriptions\/([^/?]+)/i.exec(r.path)?.[1]?.toLowerCase() ?? r.path;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('an Azure run over the replay server', () => {
  let dir: string;
  let server: AzureReplayServer;
  let ws: Workspace;
  let runId: string;
  let outcome: SnapshotOutcome;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-azure-single-get-'));
    server = await startAzureReplayServer({
      estate: northwindAzure,
      // Development cannot be read at all: the probe's 403 makes it a gap of the run.
      faults: [{ operation: 'Subscriptions_Get', kind: 'denied', match: NORTHWIND_DEV_SUBSCRIPTION }],
    });
    ws = openWorkspace({ dataDir: dir, mode: 'browser' });
    registerConnectionProvider(PROVIDER, {
      cloud: 'azure',
      connections: () => [
        { id: CONNECTION, provider: 'azure', name: 'replay', kind: 'demo', region: null, source: 'test' },
      ],
      resolve: async () => ({
        provider: 'azure',
        connection: CONNECTION,
        cloud: AzurePublicCloud,
        credential: () => replayCredential,
        tenants: [NORTHWIND_TENANT_ID],
        // None known beforehand: the run lists them (Subscriptions_List), then reaches each.
        subscriptions: [],
        httpClient: server.httpClient,
        tuning: { maxRetries: 1, requestTimeoutMs: 5_000, transientDelayMs: 10 },
        close: async () => {},
      }),
    });
    runId = crypto.randomUUID();
    createRun(ws.db, {
      id: runId,
      connection: CONNECTION,
      roleName: '(Azure RBAC)',
      startedAt: new Date().toISOString(),
    });
    outcome = await runAzure(
      ws.db,
      ws.actor,
      dir,
      { snapshotId: runId, connectionId: CONNECTION, azure: {} },
      { signal: new AbortController().signal, progress: () => {} },
    );
  }, 120_000);

  afterAll(async () => {
    unregisterConnectionProvider(PROVIDER);
    ws?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks Subscriptions_Get exactly once per subscription of the run', () => {
    expect(outcome.status, outcome.message).toBe('complete');
    const accounts = ws.db
      .prepare('SELECT account_id FROM collection_run_snapshots WHERE run_id = ?')
      .all(runId) as { account_id: string }[];
    const gaps = ws.db.prepare('SELECT account_id FROM collection_run_gaps WHERE run_id = ?').all(runId) as {
      account_id: string;
    }[];
    const inRun = [...accounts, ...gaps].map((a) => a.account_id.toLowerCase()).sort();
    expect(inRun).toEqual([NORTHWIND_DEV_SUBSCRIPTION, NORTHWIND_PROD_SUBSCRIPTION].sort());
    const gets = subscriptionGets(server);
    expect([...gets.keys()].sort()).toEqual(inRun);
    for (const id of inRun) expect(gets.get(id), id).toBe(1);
  });

  it("keeps the probe's answer as the snapshot's Subscriptions_Get raw response", () => {
    const snap = ws.db
      .prepare(
        `SELECT s.id, s.status, s.content_sha256 FROM snapshots s
           JOIN collection_run_snapshots l ON l.snapshot_id = s.id
          WHERE l.run_id = ? AND l.account_id = ?`,
      )
      .get(runId, NORTHWIND_PROD_SUBSCRIPTION) as { id: string; status: string; content_sha256: string };
    expect(snap.status).toBe('complete');
    expect(snap.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    const raws = ws.db
      .prepare(`SELECT params, response, sha256 FROM raw_responses WHERE snapshot_id = ? AND operation = ?`)
      .all(snap.id, 'Subscriptions_Get') as { params: string; response: string; sha256: string }[];
    expect(raws).toHaveLength(1);
    expect(JSON.parse(raws[0].params)).toEqual({
      path: `/subscriptions/${NORTHWIND_PROD_SUBSCRIPTION}`,
      'api-version': '2022-12-01',
    });
    expect(JSON.parse(raws[0].response)).toMatchObject({
      subscriptionId: NORTHWIND_PROD_SUBSCRIPTION,
      displayName: 'Northwind Health Production',
      tenantId: NORTHWIND_TENANT_ID,
    });
    expect(raws[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    // The subscription is also the resource subscription-wide checks are scoped to.
    const sub = ws.db
      .prepare(`SELECT name FROM resources WHERE snapshot_id = ? AND uid = ?`)
      .get(snap.id, `/subscriptions/${NORTHWIND_PROD_SUBSCRIPTION}`) as { name: string } | undefined;
    expect(sub?.name).toBe('Northwind Health Production');
  });

  it('makes the unreadable subscription a gap of the run, with no snapshot', () => {
    const gap = ws.db
      .prepare('SELECT code FROM collection_run_gaps WHERE run_id = ? AND account_id = ?')
      .get(runId, NORTHWIND_DEV_SUBSCRIPTION) as { code: string } | undefined;
    expect(gap?.code).toBe('AuthorizationFailed');
    const snapshots = ws.db
      .prepare(`SELECT COUNT(*) AS n FROM snapshots WHERE lower(account) = ?`)
      .get(NORTHWIND_DEV_SUBSCRIPTION) as { n: number };
    expect(snapshots.n).toBe(0);
    const linked = ws.db
      .prepare('SELECT COUNT(*) AS n FROM collection_run_snapshots WHERE run_id = ? AND account_id = ?')
      .get(runId, NORTHWIND_DEV_SUBSCRIPTION) as { n: number };
    expect(linked.n).toBe(0);
  });
});

describe('collectAzureSubscription and a prefetched Subscriptions_Get', () => {
  let h: AzureHarness;
  beforeAll(async () => {
    h = await startAzureHarness();
  });
  afterAll(() => h.close());

  it('asks Subscriptions_Get itself when given no answer (the CLI and tests call it directly)', async () => {
    const before = subscriptionGets(h.server).get(NORTHWIND_PROD_SUBSCRIPTION) ?? 0;
    const { identity } = await h.collect();
    expect(identity.displayName).toBe('Northwind Health Production');
    expect(subscriptionGets(h.server).get(NORTHWIND_PROD_SUBSCRIPTION)).toBe(before + 1);
    expect(h.buffer.raws.filter((r) => r.operation === 'Subscriptions_Get')).toHaveLength(1);
  });

  it('records a prefetched answer through the sink, redacted, without asking again', async () => {
    const answer = await fetchSubscription(h.target);
    // A secret the sink must withhold, whatever path the answer took to get there.
    answer.body = { ...answer.body, password: 'Pr0bably-n0t-a-real-passw0rd!' };
    const before = subscriptionGets(h.server).get(NORTHWIND_PROD_SUBSCRIPTION) ?? 0;
    const buffer = new CollectionBuffer(new AbortController().signal);
    const { identity } = await collectAzureSubscription(h.target, buffer, { subscription: answer });
    expect(subscriptionGets(h.server).get(NORTHWIND_PROD_SUBSCRIPTION)).toBe(before);
    expect(identity).toMatchObject({
      subscriptionId: NORTHWIND_PROD_SUBSCRIPTION,
      tenantId: NORTHWIND_TENANT_ID,
    });
    const raws = buffer.raws.filter((r) => r.operation === 'Subscriptions_Get');
    expect(raws).toHaveLength(1);
    expect(raws[0].params).toEqual({ path: answer.path, 'api-version': answer.apiVersion });
    expect(JSON.stringify(raws[0].response)).not.toContain('Pr0bably-n0t-a-real-passw0rd!');
    expect(buffer.redactions.some((r) => r.target.endsWith('/Subscriptions_Get'))).toBe(true);
  });

  it("refuses another subscription's answer as this one's evidence", async () => {
    const other = await fetchSubscription({ ...h.target, subscriptionId: NORTHWIND_DEV_SUBSCRIPTION });
    const buffer = new CollectionBuffer(new AbortController().signal);
    await expect(collectAzureSubscription(h.target, buffer, { subscription: other })).rejects.toBeInstanceOf(
      AzureRegistryGuardError,
    );
    expect(buffer.raws.filter((r) => r.operation === 'Subscriptions_Get')).toHaveLength(0);
  });
});
