// The demo Azure tenants end to end through the same dispatcher the UI uses: connections.list offers them with
// their subscriptions, snapshots.start runs all three subscriptions (two tenants) as one run on a job worker (the
// real Azure REST client against the loopback replay server, a token per tenant), each subscription becomes a
// sealed, evaluated snapshot of provider 'azure', every Azure check both passes and fails somewhere in the demo,
// and a package of one exports and verifies with its raw evidence under evidence/azure/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CollectionRunSummary,
  ConnectionList,
  ExportResult,
  Finding,
  SnapshotProgress,
  SnapshotSummary,
  VerifyResult,
} from '../../shared/domain';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { allChecks } from '../../main/checks/catalog';
import {
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
  RESEARCH_SANDBOX_SUBSCRIPTION,
  RESEARCH_TENANT_ID,
} from '../../main/demo/azure/estate';
import { listRawResponses } from '../../main/store/snapshots-repo';

let dir: string;
let ws: Workspace;
let api: Dispatcher;
let runId: string;
let outcome: { status: string; message: string };
const progress: SnapshotProgress[] = [];

async function call<T>(name: string, payload: unknown): Promise<T> {
  const r = await api.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

function finished(id: string): Promise<{ status: string; message: string }> {
  return new Promise((resolve) => {
    const off = api.subscribe((event, payload) => {
      const p = payload as { snapshotId: string; status: string; message: string };
      if (event === 'snapshot.finished' && p.snapshotId === id) {
        off();
        resolve(p);
      }
    });
  });
}

async function runSnapshots(id: string): Promise<SnapshotSummary[]> {
  return (await call<SnapshotSummary[]>('snapshots.list', {})).filter((s) => s.runId === id);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-azure-wire-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
  api.subscribe((event, payload) => {
    if (event === 'snapshot.progress') progress.push(payload as SnapshotProgress);
  });
  const started = await call<{ snapshotId: string; runId?: string }>('snapshots.start', {
    connectionId: 'demo-azure',
  });
  runId = started.snapshotId;
  expect(started.runId).toBe(runId);
  outcome = await finished(runId);
}, 120_000);

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ALL_SUBSCRIPTIONS = [
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_DEV_SUBSCRIPTION,
  RESEARCH_SANDBOX_SUBSCRIPTION,
].sort();

describe('the demo Azure tenants through the dispatcher', () => {
  it('is offered by connections.list with both tenants and their three subscriptions', async () => {
    const list = await call<ConnectionList>('connections.list', {});
    const demo = list.connections.find((c) => c.id === 'demo-azure');
    expect(demo).toMatchObject({
      provider: 'azure',
      kind: 'demo',
      name: 'Northwind Health (demo Azure tenants)',
      tenants: [NORTHWIND_TENANT_ID, RESEARCH_TENANT_ID],
      cloud: { name: 'AzureCloud', source: 'demo', settable: false },
    });
    expect(demo?.subscriptions?.map((s) => s.id).sort()).toEqual(ALL_SUBSCRIPTIONS);
    expect(demo?.subscriptions?.find((s) => s.id === RESEARCH_SANDBOX_SUBSCRIPTION)).toMatchObject({
      name: 'Northwind Research Sandbox',
      tenantId: RESEARCH_TENANT_ID,
    });
  });

  it('collects every subscription of both tenants as sealed, evaluated snapshots grouped in one run', async () => {
    expect(outcome, outcome.message).toMatchObject({ status: 'complete' });
    expect(outcome.message).toBe('Azure run complete: 3 of 3 subscriptions collected');
    const snaps = await runSnapshots(runId);
    expect(snaps.map((s) => s.account).sort()).toEqual(ALL_SUBSCRIPTIONS);
    for (const s of snaps) {
      expect(s).toMatchObject({ status: 'complete', provider: 'azure', connection: 'demo-azure' });
      expect(s.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      // Each subscription was read with its own tenant's token (the replay refuses another tenant's).
      const tenant = s.account === RESEARCH_SANDBOX_SUBSCRIPTION ? RESEARCH_TENANT_ID : NORTHWIND_TENANT_ID;
      expect(s.identity).toBe(`${tenant}/${s.accountName}`);
    }
    const prod = snaps.find((s) => s.account === NORTHWIND_PROD_SUBSCRIPTION)!;
    expect(prod.accountName).toBe('Northwind Health Production');
    // Azure locations where the subscription's resources are, never an AWS region list.
    expect(prod.regions).toEqual(expect.arrayContaining(['eastus', 'westeurope']));
    expect(prod.regions).not.toContain('global');
    expect(prod.regions.every((r) => /^[a-z0-9]+$/.test(r))).toBe(true);

    const runs = await call<CollectionRunSummary[]>('runs.list', {});
    const run = runs.find((r) => r.id === runId)!;
    expect(run).toMatchObject({
      provider: 'azure',
      status: 'complete',
      organizationId: [NORTHWIND_TENANT_ID, RESEARCH_TENANT_ID].sort().join(', '),
      gaps: [],
    });
    expect(run.accounts).toHaveLength(3);
  });

  it('makes every Azure check both pass and fail somewhere in the demo (Entra ID across the two tenants)', async () => {
    const all = (
      await Promise.all(
        (await runSnapshots(runId)).map((s) => call<Finding[]>('findings.list', { snapshotId: s.id })),
      )
    ).flat();
    const azure = allChecks.filter((c) => c.origin === 'builtin' && c.provider === 'azure');
    expect(azure.length).toBeGreaterThanOrEqual(45);
    const missing = azure
      .filter((c) => {
        const mine = all.filter((f) => f.checkId === c.id);
        return !mine.some((f) => f.status === 'pass') || !mine.some((f) => f.status === 'fail');
      })
      .map((c) => c.id);
    expect(missing, 'Azure checks that do not both pass and fail in the demo').toEqual([]);
    // The tenant-wide facts are judged once per tenant, on the tenant's own record.
    const mfa = all.filter((f) => f.checkId === 'entra_security_defaults_or_conditional_access_mfa_enabled');
    expect(new Set(mfa.map((f) => `${f.resourceUid} ${f.status}`))).toEqual(
      new Set([`/tenants/${NORTHWIND_TENANT_ID} pass`, `/tenants/${RESEARCH_TENANT_ID} fail`]),
    );
  });

  it('evaluates the Azure checks: production both passes and fails, development passes', async () => {
    const [prod, dev] = await Promise.all(
      [NORTHWIND_PROD_SUBSCRIPTION, NORTHWIND_DEV_SUBSCRIPTION].map(async (sub) => {
        const s = (await runSnapshots(runId)).find((x) => x.account === sub)!;
        return call<Finding[]>('findings.list', { snapshotId: s.id });
      }),
    );
    const secure = (fs: Finding[]) =>
      fs.filter((f) => f.checkId === 'storage_secure_transfer_required_is_enabled');
    expect(
      secure(prod)
        .map((f) => f.status)
        .sort(),
    ).toEqual(['fail', 'pass', 'pass', 'pass']);
    expect(
      prod.some((f) => f.checkId === 'network_ssh_internet_access_restricted' && f.status === 'fail'),
    ).toBe(true);
    expect(secure(dev).map((f) => f.status)).toEqual(['pass']);
    // No AWS check runs over an Azure snapshot.
    expect(prod.every((f) => !f.resourceUid.startsWith('arn:aws:'))).toBe(true);
  });

  it('reports progress naming the subscription and the service', () => {
    const mine = progress.filter((p) => p.snapshotId === runId);
    expect(
      mine.some(
        (p) =>
          p.account === NORTHWIND_PROD_SUBSCRIPTION &&
          p.accountName === 'Northwind Health Production' &&
          p.service === 'storage' &&
          /^Northwind Health Production: Collect/.test(p.message),
      ),
    ).toBe(true);
    expect(mine.at(-1)).toMatchObject({ phase: 'done', done: 3, total: 3 });
  });

  it('exports an intact, demo-labelled package of a subscription snapshot, raw evidence under evidence/azure/', async () => {
    const prod = (await runSnapshots(runId)).find((s) => s.account === NORTHWIND_PROD_SUBSCRIPTION)!;
    const raws = listRawResponses(ws.db, prod.id);
    expect(raws.length).toBeGreaterThan(5);
    const pkg = await call<ExportResult>('export.create', {
      snapshotId: prod.id,
      framework: 'soc2-2017',
      outputDir: path.join(dir, 'out'),
    });
    const files = pkg.files.map((f) => (typeof f === 'string' ? f : (f as { path: string }).path));
    // Raw responses are grouped by the ARM provider namespace the call went to, then by location.
    expect(files, files.join('\n')).toContain('evidence/azure/Microsoft.Storage/global.json');
    expect(files).toContain('evidence/azure/Microsoft.Resources/global.json');
    expect(files.some((f) => /^evidence\/aws\//.test(f))).toBe(false);
    // The resources inventory holds the subscription's ARM resources, uid = the lower-cased ARM id.
    const inventory = JSON.parse(
      fs.readFileSync(path.join(pkg.packageDir, 'evidence/resources.json'), 'utf8'),
    ) as { uid: string; provider: string; name: string }[];
    const web = inventory.find((r) => r.name === 'nwhpublicweb');
    expect(web).toMatchObject({ provider: 'azure' });
    expect(web?.uid).toMatch(/^\/subscriptions\/3f9a2c71-[^A-Z]*\/storageaccounts\/nwhpublicweb$/);
    const v = await call<VerifyResult>('export.verify', { path: pkg.zipPath });
    // Intact and validly signed, but a demo package never verifies as evidence: it is labelled and signed with
    // the published demo key (main/evidence/demo-snapshot.ts), so its outcome is "signer unknown".
    expect(v).toMatchObject({ demo: true, signature: 'valid', changed: [], missing: [], added: [] });
    expect(v.outcome).toBe('unknown-signer');
  });

  it('refuses AWS options for an Azure connection and subscriptions for an AWS one', async () => {
    const r1 = await api.dispatch('snapshots.start', { connectionId: 'demo-azure', regions: ['us-east-1'] });
    expect(r1.ok).toBe(false);
    expect(JSON.stringify(r1)).toMatch(/Azure connection/);
    const r2 = await api.dispatch('snapshots.start', {
      connectionId: 'demo',
      subscriptions: [NORTHWIND_PROD_SUBSCRIPTION],
    });
    expect(r2.ok).toBe(false);
    expect(JSON.stringify(r2)).toMatch(/Subscriptions apply to Azure/);
  });

  it('collects only the chosen subscription, and cancel ends a run keeping nothing unsealed', async () => {
    const { snapshotId: one } = await call<{ snapshotId: string }>('snapshots.start', {
      connectionId: 'demo-azure',
      subscriptions: [NORTHWIND_DEV_SUBSCRIPTION],
    });
    expect((await finished(one)).status).toBe('complete');
    expect((await runSnapshots(one)).map((s) => s.account)).toEqual([NORTHWIND_DEV_SUBSCRIPTION]);
    // Only the picked subscription's tenant is the run's, though the identity also reaches Northwind Research.
    const picked = (await call<CollectionRunSummary[]>('runs.list', {})).find((r) => r.id === one)!;
    expect(picked.organizationId).toBe(NORTHWIND_TENANT_ID);

    const { snapshotId: cancelled } = await call<{ snapshotId: string }>('snapshots.start', {
      connectionId: 'demo-azure',
    });
    const done = finished(cancelled);
    expect(await call<{ cancelled: boolean }>('snapshots.cancel', { snapshotId: cancelled })).toEqual({
      cancelled: true,
    });
    expect((await done).status).toBe('cancelled');
    const run = (await call<CollectionRunSummary[]>('runs.list', {})).find((r) => r.id === cancelled)!;
    expect(run.status).toBe('cancelled');
    for (const s of await runSnapshots(cancelled)) expect(s.status).not.toBe('running');
  }, 60_000);
});
