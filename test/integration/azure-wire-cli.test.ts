// An Azure CLI connection end to end with a fake `az` first on PATH (test/fixtures/azure/fake-az.ts): discovery
// through connections.list, the run body a job worker executes (main/collect/azure-run.ts) with tokens from
// AzureCliCredential running the fake az, and the connection's calls sent to the loopback replay server through
// the provider's test-only transport hook. One subscription cannot be read (403 on Subscriptions_Get): a gap
// of the run, and the run goes on; a denied service inside a readable subscription is a gap of its snapshot.
// Then a package of the real (non-demo) Azure snapshot exports and verifies, and the CLI's `connections`
// explains a logged-out Azure CLI.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
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
import { runAzure } from '../../main/collect/azure-run';
import { registerAzureConnections } from '../../main/collect/azure/connections';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import {
  northwindAzure,
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
} from '../../main/demo/azure/estate';
import { startAzureReplayServer, type AzureReplayServer } from '../../main/demo/azure/server';
import { createRun } from '../../main/store/collection-runs-repo';
import type { SnapshotOutcome } from '../../main/jobs/protocol';
import { FAKE_TOKEN, installFakeAz, type FakeAz } from '../fixtures/azure/fake-az';

const root = path.resolve(__dirname, '..', '..');
const account = (id: string, name: string) => ({
  cloudName: 'AzureCloud',
  homeTenantId: NORTHWIND_TENANT_ID,
  id,
  isDefault: id === NORTHWIND_PROD_SUBSCRIPTION,
  managedByTenants: [],
  name,
  state: 'Enabled',
  tenantId: NORTHWIND_TENANT_ID,
  user: { name: 'auditor@northwindhealth.example', type: 'user' },
});

let dir: string;
let fake: FakeAz;
let server: AzureReplayServer;
let ws: Workspace;
let api: Dispatcher;
let runId: string;
let outcome: SnapshotOutcome;
const progress: Omit<SnapshotProgress, 'snapshotId'>[] = [];
const savedPath = process.env.PATH;

async function call<T>(name: string, payload: unknown): Promise<T> {
  const r = await api.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-azure-wire-cli-'));
  fake = installFakeAz({
    accounts: [
      account(NORTHWIND_PROD_SUBSCRIPTION, 'Northwind Health Production'),
      account(NORTHWIND_DEV_SUBSCRIPTION, 'Northwind Health Development'),
    ],
  });
  // The fake az first; node and sh from the rest of PATH (no real az on a test machine's PATH wins over it).
  process.env.PATH = `${fake.dir}${path.delimiter}${savedPath ?? ''}`;
  server = await startAzureReplayServer({
    estate: northwindAzure,
    faults: [
      // Development: not even the subscription can be read -> a gap of the run.
      { operation: 'Subscriptions_Get', kind: 'denied', match: NORTHWIND_DEV_SUBSCRIPTION },
      // Production: readable, but storage accounts are denied -> a gap of its snapshot.
      { operation: 'StorageAccounts_List', kind: 'denied', match: NORTHWIND_PROD_SUBSCRIPTION },
    ],
  });
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
  // Test hook: the same Azure provider, its calls sent to the replay server instead of Azure.
  registerAzureConnections({ httpClient: server.httpClient });

  // What startAzureRun does before handing the run to a worker, then the worker's body, in this thread (a
  // worker would register the production provider, whose transport goes to Azure).
  runId = crypto.randomUUID();
  createRun(ws.db, {
    id: runId,
    connection: 'azure-cli',
    roleName: '(Azure RBAC)',
    startedAt: new Date().toISOString(),
  });
  outcome = await runAzure(
    ws.db,
    ws.actor,
    dir,
    { snapshotId: runId, connectionId: 'azure-cli', azure: {} },
    { signal: new AbortController().signal, progress: (p) => progress.push(p) },
  );
}, 120_000);

afterAll(async () => {
  process.env.PATH = savedPath;
  ws?.close();
  await server?.close();
  fake?.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an Azure CLI connection (fake az) over the replay server', () => {
  it('is listed with its tenant and subscriptions, never a token', async () => {
    const list = await call<ConnectionList>('connections.list', {});
    const cli = list.connections.find((c) => c.id === 'azure-cli');
    expect(cli).toMatchObject({
      provider: 'azure',
      kind: 'azure-cli',
      name: 'Azure CLI (AzureCloud)',
      tenants: [NORTHWIND_TENANT_ID],
    });
    expect(cli?.subscriptions?.map((s) => s.name)).toEqual([
      'Northwind Health Production',
      'Northwind Health Development',
    ]);
    expect(JSON.stringify(list)).not.toContain(FAKE_TOKEN);
  });

  it('lists the subscriptions from Resource Manager, with tokens from az for the tenant', () => {
    expect(server.requests.some((r) => r.operation === 'Subscriptions_List')).toBe(true);
    expect(server.requests.every((r) => r.authorization === `Bearer ${FAKE_TOKEN}`)).toBe(true);
    const tokenCalls = fake.calls().filter((c) => c.startsWith('account get-access-token'));
    expect(tokenCalls.length).toBeGreaterThan(0);
    expect(tokenCalls.every((c) => c.includes(`--tenant ${NORTHWIND_TENANT_ID}`))).toBe(true);
  });

  it('records the unreadable subscription as a run gap and goes on with the other', async () => {
    expect(outcome.status, outcome.message).toBe('complete');
    expect(outcome.message).toBe(
      "Azure run complete: 1 of 2 subscriptions collected, 1 not collected (see the run's gaps)",
    );
    const run = (await call<CollectionRunSummary[]>('runs.list', {})).find((r) => r.id === runId)!;
    expect(run).toMatchObject({ provider: 'azure', connection: 'azure-cli', status: 'complete' });
    expect(run.accounts.map((a) => a.accountId)).toEqual([NORTHWIND_PROD_SUBSCRIPTION]);
    expect(run.gaps).toHaveLength(1);
    expect(run.gaps[0]).toMatchObject({
      accountId: NORTHWIND_DEV_SUBSCRIPTION,
      accountName: 'Northwind Health Development',
      code: 'AuthorizationFailed',
    });
    expect(run.gaps[0].message).toMatch(/Microsoft\.Resources\/subscriptions\/read.*Reader/);
    expect(
      progress.some((p) => p.account === NORTHWIND_DEV_SUBSCRIPTION && /not collected/.test(p.message)),
    ).toBe(true);
    const audit = ws.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'run.gap' AND entity = ?`)
      .all(`run:${runId}`) as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details).subscription)).toEqual([NORTHWIND_DEV_SUBSCRIPTION]);
  });

  it('keeps a denied service as a gap of the snapshot, and its checks answer error', async () => {
    const snap = (await call<SnapshotSummary[]>('snapshots.list', {})).find((s) => s.runId === runId)!;
    expect(snap).toMatchObject({
      provider: 'azure',
      status: 'complete',
      account: NORTHWIND_PROD_SUBSCRIPTION,
      identity: `${NORTHWIND_TENANT_ID}/Northwind Health Production`,
    });
    const { errors } = await call<{ errors: { operation: string; code: string }[] }>('snapshots.get', {
      snapshotId: snap.id,
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ operation: 'StorageAccounts_List', code: 'AuthorizationFailed' }),
    );
    const findings = await call<Finding[]>('findings.list', { snapshotId: snap.id });
    const secure = findings.filter((f) => f.checkId === 'storage_secure_transfer_required_is_enabled');
    expect(secure.length).toBeGreaterThan(0);
    expect(secure.every((f) => f.status === 'error')).toBe(true);
    // The network security groups were readable: their check still decides.
    expect(
      findings.some((f) => f.checkId === 'network_ssh_internet_access_restricted' && f.status === 'fail'),
    ).toBe(true);
  });

  it("exports a package of the subscription's snapshot that verifies as this workspace's evidence", async () => {
    const snap = (await call<SnapshotSummary[]>('snapshots.list', {})).find((s) => s.runId === runId)!;
    const pkg = await call<ExportResult>('export.create', {
      snapshotId: snap.id,
      framework: 'iso27001-2022',
      outputDir: path.join(dir, 'out'),
    });
    const files = pkg.files.map((f) => f.path);
    expect(files).toContain('evidence/azure/Microsoft.Network/global.json');
    const verified = await call<VerifyResult>('export.verify', { path: pkg.zipPath });
    expect(verified).toMatchObject({ ok: true, outcome: 'verified', demo: false });
    fs.appendFileSync(path.join(pkg.packageDir, 'evidence', 'resources.json'), ' ');
    const tampered = await call<VerifyResult>('export.verify', { path: pkg.packageDir });
    expect(tampered.ok).toBe(false);
    expect(tampered.changed).toContain('evidence/resources.json');
  });

  it('explains a logged-out Azure CLI in connections.list', async () => {
    fake.setMode('logged-out');
    try {
      // The analyst's Refresh: a plain list may answer from the last few seconds' discovery.
      const list = await call<ConnectionList>('connections.list', { refresh: true });
      expect(list.connections.some((c) => c.id === 'azure-cli')).toBe(false);
      expect(list.problems).toContain('Azure CLI: not logged in - run az login');
      // A run on it is refused before any run row exists, with the same sentence.
      const r = await api.dispatch('snapshots.start', { connectionId: 'azure-cli' });
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toMatch(/not logged in - run az login/);
    } finally {
      fake.setMode('logged-in');
    }
  });
});

// The CLI, as a separate process: `connections` shows the Azure CLI's state with the AWS connections.
function cli(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', path.join(dir, 'cli-ws'), ...args],
      { cwd: root, env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('evidence-desk connections with Azure', () => {
  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'no-config') };
    for (const k of Object.keys(e))
      if (/^(AWS_(PROFILE|ACCESS_KEY|SECRET|SESSION)|AZURE_)/.test(k)) delete e[k];
    return e;
  };

  it('says "run az login" when the Azure CLI is not logged in, and lists the demo tenant', async () => {
    fake.setMode('logged-out');
    try {
      const r = await cli(env(), 'connections');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('warning: Azure CLI: not logged in - run az login');
      expect(r.stdout).toMatch(/demo-azure\s+demo\s/);
      expect(r.stdout).not.toMatch(/^azure-cli\b/m);
    } finally {
      fake.setMode('logged-in');
    }
  }, 60_000);

  it('lists the logged-in Azure CLI with its subscriptions', async () => {
    const r = await cli(env(), 'connections');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/azure-cli\s+azure-cli\s/);
    expect(r.stdout).toContain('Northwind Health Production');
  }, 60_000);

  it('snapshots the chosen subscription of the demo tenant, and refuses AWS options for it', async () => {
    const r = await cli(env(), 'snapshot', '-c', 'demo-azure', '--subscriptions', NORTHWIND_DEV_SUBSCRIPTION);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Azure run complete: 1 of 1 subscriptions collected');
    expect(r.stdout).toMatch(
      new RegExp(`complete\\s+${NORTHWIND_DEV_SUBSCRIPTION}\\s+Northwind Health Development`),
    );
    expect(r.stderr).toMatch(/Northwind Health Development: Collect/);
    const refused = await cli(env(), 'snapshot', '-c', 'demo-azure', '-r', 'us-east-1');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/demo-azure is an Azure connection: use --subscriptions/);
    const bad = await cli(env(), 'snapshot', '-c', 'demo-azure', '--subscriptions', 'prod');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/not subscription ids/);
  }, 90_000);

  it('prints the Azure custom role on stdout and the Graph permissions as notes on stderr', async () => {
    const r = await cli(env(), 'policy', '--azure');
    expect(r.status, r.stderr).toBe(0);
    const role = JSON.parse(r.stdout) as { Name: string; Actions: string[]; DataActions: string[] };
    expect(role.Name).toBe('Evidence Desk Reader');
    expect(role.Actions).toContain('Microsoft.Resources/subscriptions/read');
    expect(role.Actions.every((a) => /\/read$/i.test(a))).toBe(true);
    expect(role.DataActions).toEqual([]);
    expect(r.stderr).toMatch(/^# .*Microsoft Graph/m);
  }, 60_000);
});
