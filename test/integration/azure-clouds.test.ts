// Clouds per Azure connection. (1) The Azure CLI connection takes its cloud from `az cloud show`: a fake az
// answering AzureUSGovernment sends the run's every Resource Manager call to management.usgovcloudapi.net and
// asks az for usgov tokens (asserted on the URLs a recording transport saw and on az's own arguments).
// (2) The environment service principal's cloud is a workspace setting, set here through the real CLI (a
// custom Azure Stack Hub endpoint): validated (https only, no credentials), audited, shown in connections,
// and the resolved target's calls go to that endpoint with its token audience.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionList } from '../../shared/domain';
import { createDispatcher } from '../../main/api/dispatch';
import { runAzure } from '../../main/collect/azure-run';
import { AzureRestClient } from '../../main/collect/azure/arm-client';
import { AzureUSGovernment } from '../../main/collect/azure/clouds';
import { registerAzureConnections } from '../../main/collect/azure/connections';
import { azureCallNamed, azurePath, type AzureArmCall } from '../../main/collect/azure/registry';
import { resolveAzureTarget } from '../../main/collect/targets';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { redirectingHttpClient } from '../../main/demo/azure/redirect-client';
import {
  northwindAzure,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
} from '../../main/demo/azure/estate';
import { startAzureReplayServer, type AzureReplayServer } from '../../main/demo/azure/server';
import { createRun } from '../../main/store/collection-runs-repo';
import { getSetting } from '../../main/store/settings-repo';
import { listSnapshots } from '../../main/store/snapshots-repo';
import { installFakeAz, type FakeAz } from '../fixtures/azure/fake-az';

const root = path.resolve(__dirname, '..', '..');
const savedPath = process.env.PATH;

/** What `az cloud show` prints for the US Government cloud. */
const CLOUD_SHOW_USGOV = {
  endpoints: {
    activeDirectory: 'https://login.microsoftonline.us',
    activeDirectoryResourceId: 'https://management.core.usgovcloudapi.net/',
    microsoftGraphResourceId: 'https://graph.microsoft.us/',
    resourceManager: 'https://management.usgovcloudapi.net/',
  },
  isActive: true,
  name: 'AzureUSGovernment',
  profile: 'latest',
};

/** A transport that records every URL it is asked for, then hands the request on. */
function recording(inner: HttpClient): HttpClient & { urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    sendRequest: (request: PipelineRequest) => {
      urls.push(request.url);
      return inner.sendRequest(request);
    },
  };
}

describe('the Azure CLI connection in the US Government cloud (az cloud show)', () => {
  let dir: string;
  let fake: FakeAz;
  let server: AzureReplayServer;
  let ws: Workspace;
  let transport: ReturnType<typeof recording>;
  let outcome: Awaited<ReturnType<typeof runAzure>>;
  let runId: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-azure-clouds-gov-'));
    fake = installFakeAz({
      accounts: [
        {
          cloudName: 'AzureUSGovernment',
          homeTenantId: NORTHWIND_TENANT_ID,
          id: NORTHWIND_PROD_SUBSCRIPTION,
          isDefault: true,
          managedByTenants: [],
          name: 'Northwind Health Production',
          state: 'Enabled',
          tenantId: NORTHWIND_TENANT_ID,
          user: { name: 'auditor@northwindhealth.example', type: 'user' },
        },
      ],
      cloud: CLOUD_SHOW_USGOV,
    });
    process.env.PATH = `${fake.dir}${path.delimiter}${savedPath ?? ''}`;
    server = await startAzureReplayServer({ estate: northwindAzure });
    // The replay server stands in for the usgov endpoints: the transport redirects only their hosts, so a call
    // to any other cloud's host (management.azure.com) would be refused, not silently answered.
    transport = recording(redirectingHttpClient(server.url, AzureUSGovernment));
    ws = openWorkspace({ dataDir: dir, mode: 'browser' });
    registerAzureConnections({ httpClient: transport });
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
      {
        snapshotId: runId,
        connectionId: 'azure-cli',
        azure: { subscriptions: [NORTHWIND_PROD_SUBSCRIPTION] },
      },
      { signal: new AbortController().signal, progress: () => {} },
    );
  }, 120_000);

  afterAll(async () => {
    process.env.PATH = savedPath;
    ws?.close();
    await server?.close();
    fake?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the connection with the cloud az reports, not settable', async () => {
    const r = await createDispatcher(ws, { mode: 'browser' }).dispatch('connections.list', {});
    if (!r.ok) throw new Error(r.error.message);
    const cli = (r.value as ConnectionList).connections.find((c) => c.id === 'azure-cli');
    expect(cli?.cloud).toEqual({
      name: 'AzureUSGovernment',
      resourceManager: 'https://management.usgovcloudapi.net',
      source: 'az cloud show',
      settable: false,
    });
  });

  it('sends every Resource Manager and Graph call to the usgov endpoints', () => {
    expect(outcome.status).toBe('complete');
    expect(transport.urls.length).toBeGreaterThan(10);
    const hosts = new Set(transport.urls.map((u) => new URL(u).host));
    expect([...hosts].sort()).toEqual(['graph.microsoft.us', 'management.usgovcloudapi.net']);
    expect(transport.urls).toContain(
      `https://management.usgovcloudapi.net/subscriptions/${NORTHWIND_PROD_SUBSCRIPTION}?api-version=2022-12-01`,
    );
    const sealed = listSnapshots(ws.db).filter((s) => s.status === 'complete');
    expect(sealed.map((s) => s.account)).toEqual([NORTHWIND_PROD_SUBSCRIPTION]);
  });

  it('asks az for tokens of the usgov audiences, never the public cloud', () => {
    const tokenCalls = fake.calls().filter((c) => c.startsWith('account get-access-token'));
    const resources = new Set(tokenCalls.map((c) => /--resource (\S+)/.exec(c)?.[1]));
    expect([...resources].sort()).toEqual([
      'https://graph.microsoft.us',
      'https://management.usgovcloudapi.net',
    ]);
    expect(tokenCalls.join('\n')).not.toMatch(/management\.azure\.com|graph\.microsoft\.com/);
  });
});

describe('a custom cloud for the environment service principal, set through the CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-azure-clouds-cli-'));
  const fake = installFakeAz();
  const spEnv = {
    AZURE_TENANT_ID: NORTHWIND_TENANT_ID,
    AZURE_CLIENT_ID: '6a1b2c3d-0000-4000-8000-00000000c11e',
    AZURE_CLIENT_SECRET: 'not-a-real-secret-value',
  };
  const ARM = 'https://management.local.azurestack.external';
  const AUDIENCE = 'https://management.adfs.azurestack.local/4f1e2d3c-0000-4000-8000-000000000001';

  function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...spEnv,
      HOME: dir,
      PATH: `${fake.dir}${path.delimiter}${savedPath ?? ''}`,
    };
    delete env.AZURE_AUTHORITY_HOST;
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', path.join(dir, 'ws'), ...args],
        { cwd: root, env },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  afterAll(() => {
    fake.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses http, credentials in the URL and the Azure CLI connection, with the reason', async () => {
    const http = await cli(
      'connections',
      'set-cloud',
      'azure-env',
      'custom',
      '--name',
      'Stack',
      '--resource-manager',
      'http://management.local.azurestack.external',
      '--authority-host',
      'https://adfs.local.azurestack.external/adfs',
    );
    expect(http.status).not.toBe(0);
    expect(http.stderr).toMatch(/Resource Manager endpoint must start with https:\/\//);
    const creds = await cli(
      'connections',
      'set-cloud',
      'azure-env',
      'custom',
      '--name',
      'Stack',
      '--resource-manager',
      'https://admin:hunter2@management.local.azurestack.external',
      '--authority-host',
      'https://adfs.local.azurestack.external/adfs',
    );
    expect(creds.status).not.toBe(0);
    expect(creds.stderr).toMatch(/must not contain a user name or password/);
    const azCli = await cli('connections', 'set-cloud', 'azure-cli', 'AzureUSGovernment');
    expect(azCli.status).not.toBe(0);
    expect(azCli.stderr).toMatch(/az cloud set/);
  }, 60_000);

  it('saves, audits and lists the custom cloud; the resolved target calls its endpoint for its audience', async () => {
    const set = await cli(
      'connections',
      'set-cloud',
      'azure-env',
      'custom',
      '--name',
      'AzureStackHub',
      '--resource-manager',
      `${ARM}/`,
      '--authority-host',
      'https://adfs.local.azurestack.external/adfs',
      '--audience',
      AUDIENCE,
    );
    expect(set.stderr).not.toMatch(/error/i);
    expect(set.status).toBe(0);
    expect(set.stdout).toContain(`saved the cloud of azure-env: AzureStackHub (setting) ${ARM}`);

    const listed = await cli('connections', 'list');
    expect(listed.status).toBe(0);
    const row = listed.stdout.split('\n').find((l) => l.startsWith('azure-env'));
    expect(row).toContain('AzureStackHub (setting) https://management.local');
    expect(listed.stdout).not.toContain(spEnv.AZURE_CLIENT_SECRET);

    const ws = openWorkspace({ dataDir: path.join(dir, 'ws'), mode: 'browser' });
    try {
      const audit = ws.db
        .prepare(
          `SELECT action, entity, details FROM audit_log WHERE action LIKE 'connections.azure-cloud.%'`,
        )
        .all() as { action: string; entity: string; details: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'connections.azure-cloud.set',
        entity: 'connection:azure-env',
      });
      expect(JSON.parse(audit[0].details)).toMatchObject({
        cloud: { cloud: 'custom', name: 'AzureStackHub', resourceManager: ARM },
        previous: 'environment default',
      });

      // The provider as a worker would build it, reading the workspace's setting at resolve time.
      const transport = recording({
        sendRequest: async (request) => ({
          request,
          status: 200,
          headers: createHttpHeaders({ 'content-type': 'application/json' }),
          bodyAsText: JSON.stringify({
            id: `/subscriptions/${NORTHWIND_PROD_SUBSCRIPTION}`,
            subscriptionId: NORTHWIND_PROD_SUBSCRIPTION,
            displayName: 'Stack subscription',
            state: 'Enabled',
            tenantId: NORTHWIND_TENANT_ID,
          }),
        }),
      });
      registerAzureConnections({
        env: { ...spEnv, PATH: `${fake.dir}${path.delimiter}${savedPath ?? ''}` },
        clouds: () => getSetting(ws.db, 'azureClouds'),
        httpClient: transport,
      });
      const resolved = await resolveAzureTarget('azure-env');
      expect(resolved.cloud).toMatchObject({
        name: 'AzureStackHub',
        resourceManager: ARM,
        resourceManagerScope: `${AUDIENCE}/.default`,
        graph: null,
        authorityHost: 'https://adfs.local.azurestack.external/adfs',
      });

      const scopes: string[] = [];
      const credential: TokenCredential = {
        getToken: async (scope: string | string[], _o?: GetTokenOptions): Promise<AccessToken> => {
          scopes.push(...(Array.isArray(scope) ? scope : [scope]));
          return { token: 'recorded', expiresOnTimestamp: Date.now() + 3_600_000 };
        },
      };
      const get = azureCallNamed('Subscriptions_Get') as AzureArmCall;
      const client = new AzureRestClient({
        credential,
        cloud: resolved.cloud,
        httpClient: resolved.httpClient,
        maxRetries: 0,
      });
      const got = await client.get(
        azurePath(get, { subscriptionId: NORTHWIND_PROD_SUBSCRIPTION }),
        get.apiVersion,
      );
      expect(got.displayName).toBe('Stack subscription');
      expect(transport.urls).toEqual([
        `${ARM}/subscriptions/${NORTHWIND_PROD_SUBSCRIPTION}?api-version=${get.apiVersion}`,
      ]);
      expect(scopes).toEqual([`${AUDIENCE}/.default`]);
    } finally {
      ws.close();
    }

    // Back to what the environment says: cleared, audited, listed as the default again.
    const cleared = await cli('connections', 'set-cloud', 'azure-env', 'default');
    expect(cleared.status).toBe(0);
    expect(cleared.stdout).toContain('cleared the cloud of azure-env: AzureCloud (default)');
  }, 90_000);
});
