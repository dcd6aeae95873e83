// Azure connection discovery and credentials through a fake `az` on PATH: no network, no real CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AggregateAuthenticationError,
  AuthenticationError,
  CredentialUnavailableError,
} from '@azure/identity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AzurePublicCloud, AzureUSGovernment } from '../../main/collect/azure/clouds';
import {
  credentialFor,
  discoverAzureConnections,
  explainAzureCredentialError,
  toSharedConnection,
} from '../../main/collect/azure/credentials';
import {
  FAKE_SUB_1,
  FAKE_SUB_2,
  FAKE_TENANT_A,
  FAKE_TENANT_B,
  FAKE_TOKEN,
  installFakeAz,
  pathWith,
  type FakeAz,
} from '../fixtures/azure/fake-az';

let az: FakeAz;
const savedEnv = { ...process.env };
beforeEach(() => {
  az = installFakeAz();
});
afterEach(() => {
  az.remove();
  process.env = { ...savedEnv };
});

/** An environment with only the fake az (no service principal variables, whatever the machine has). */
const envWith = (extra: Record<string, string> = {}) => ({
  PATH: pathWith(az.dir),
  HOME: os.tmpdir(),
  ...extra,
});

describe('AzureCliCredential through a fake az on PATH', () => {
  it('gets the token az prints, for the tenant asked', async () => {
    process.env.PATH = pathWith(az.dir);
    const cred = credentialFor({ kind: 'azure-cli' }, { tenantId: FAKE_TENANT_A });
    const token = await cred.getToken(AzurePublicCloud.resourceManagerScope);
    expect(token?.token).toBe(FAKE_TOKEN);
    const call = az.calls().find((c) => c.startsWith('account get-access-token'));
    expect(call).toContain('--resource https://management.azure.com');
    expect(call).toContain(`--tenant ${FAKE_TENANT_A}`);
  });

  it('not logged in: the error explains itself as "run az login" with the tenant', async () => {
    process.env.PATH = pathWith(az.dir);
    az.setMode('logged-out');
    const cred = credentialFor({ kind: 'azure-cli' }, { tenantId: FAKE_TENANT_B });
    const err = await cred.getToken(AzurePublicCloud.resourceManagerScope).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CredentialUnavailableError);
    expect(explainAzureCredentialError(err, { tenantId: FAKE_TENANT_B })).toBe(
      `The Azure CLI is not logged in, or its sign-in expired. Run: az login --tenant ${FAKE_TENANT_B}`,
    );
  });
});

describe('discoverAzureConnections', () => {
  it('lists the CLI identity with its two tenants and two subscriptions (id, name, state)', async () => {
    const { connections, problems } = await discoverAzureConnections(envWith());
    expect(problems).toEqual([]);
    expect(connections).toHaveLength(1);
    const cli = connections[0];
    expect(cli).toMatchObject({
      id: 'azure-cli',
      kind: 'azure-cli',
      provider: 'azure',
      cloud: AzurePublicCloud,
    });
    expect(cli.tenants).toEqual([FAKE_TENANT_A, FAKE_TENANT_B].sort());
    expect(cli.subscriptions).toEqual([
      {
        id: FAKE_SUB_1,
        name: 'Contoso Production',
        state: 'Enabled',
        tenantId: FAKE_TENANT_A,
        tenantName: 'Contoso',
      },
      { id: FAKE_SUB_2, name: 'Fabrikam Shared', state: 'Disabled', tenantId: FAKE_TENANT_B },
    ]);
    // Only metadata commands were run, never one that prints a token.
    expect(az.calls()).toEqual(['account list --output json', 'cloud show --output json']);
    expect(toSharedConnection(cli)).toMatchObject({ id: 'azure-cli', provider: 'azure', region: null });
  });

  it('reads the cloud from az cloud show (US Government)', async () => {
    az.remove();
    az = installFakeAz({
      cloud: {
        name: 'AzureUSGovernment',
        endpoints: { resourceManager: 'https://management.usgovcloudapi.net/' },
      },
    });
    const { connections } = await discoverAzureConnections(envWith());
    expect(connections[0].cloud).toEqual(AzureUSGovernment);
  });

  it('az missing: a problem saying how to install it or use a service principal', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-az-'));
    try {
      const { connections, problems } = await discoverAzureConnections({ PATH: empty });
      expect(connections).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/Azure CLI \(az\) was not found on PATH/);
      expect(problems[0]).toMatch(/install-azure-cli/);
      expect(problems[0]).toMatch(/AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('not logged in: "Azure CLI: not logged in - run az login", with --tenant when one is known', async () => {
    az.setMode('logged-out');
    expect((await discoverAzureConnections(envWith())).problems).toEqual([
      'Azure CLI: not logged in - run az login',
    ]);
    expect((await discoverAzureConnections(envWith({ AZURE_TENANT_ID: FAKE_TENANT_A }))).problems).toEqual([
      `Azure CLI: not logged in - run az login --tenant ${FAKE_TENANT_A}`,
    ]);
  });

  it('an empty account list is "not logged in" too', async () => {
    az.remove();
    az = installFakeAz({ accounts: [] });
    expect((await discoverAzureConnections(envWith())).problems).toEqual([
      'Azure CLI: not logged in - run az login',
    ]);
  });

  it('a service principal in the environment: listed with its tenant, the secret never copied', async () => {
    const secret = 'Zq8~fakeSecretValueThatMustNotLeak.0123456789';
    const { connections, problems } = await discoverAzureConnections(
      envWith({
        AZURE_TENANT_ID: FAKE_TENANT_A,
        AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
        AZURE_CLIENT_SECRET: secret,
        AZURE_SUBSCRIPTION_ID: FAKE_SUB_1,
      }),
    );
    expect(problems).toEqual([]);
    const sp = connections.find((c) => c.kind === 'service-principal-env');
    expect(sp).toMatchObject({ id: 'azure-env', tenants: [FAKE_TENANT_A] });
    expect(sp?.subscriptions.map((s) => s.id)).toEqual([FAKE_SUB_1]);
    expect(JSON.stringify(connections)).not.toContain(secret);
  });

  it('a partly configured service principal is a problem, not a connection', async () => {
    const { connections, problems } = await discoverAzureConnections(
      envWith({ AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555' }),
    );
    expect(connections.some((c) => c.kind === 'service-principal-env')).toBe(false);
    expect(problems.join(' ')).toMatch(/set all of AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/);
  });
});

describe('explainAzureCredentialError', () => {
  it('az not installed', () => {
    const err = new CredentialUnavailableError(
      'Azure CLI could not be found. Please visit https://aka.ms/azure-cli',
    );
    expect(explainAzureCredentialError(err)).toMatch(/not installed or not on PATH.*AZURE_CLIENT_SECRET/);
  });

  it('an aggregate of unavailable credentials lists each fix once', () => {
    const err = new AggregateAuthenticationError([
      new CredentialUnavailableError(
        "Please run 'az login' from a command prompt to authenticate before using this credential.",
      ),
      new CredentialUnavailableError(
        'EnvironmentCredential is unavailable. No underlying credential could be used.',
      ),
      new CredentialUnavailableError("Please run 'az login' again."),
    ]);
    const text = explainAzureCredentialError(err, { tenantId: FAKE_TENANT_A });
    expect(text.match(/az login --tenant/g)).toHaveLength(1);
    expect(text).toMatch(/AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/);
  });

  it('a rejected client secret says to rotate it, and never echoes secret-shaped text', () => {
    const err = new AuthenticationError(401, {
      error: 'invalid_client',
      error_description: 'AADSTS7000215: Invalid client secret provided.',
    });
    expect(explainAzureCredentialError(err)).toMatch(/client secret \(wrong or expired\)/);
    const leaky = new CredentialUnavailableError(
      'failed with token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
    );
    expect(explainAzureCredentialError(leaky)).not.toContain(
      'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0',
    );
  });
});
