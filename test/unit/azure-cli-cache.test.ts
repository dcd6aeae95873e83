// The Azure CLI's discovery answers are kept for a short time (main/collect/azure/discovery-cache.ts): repeated
// connection lists do not spawn `az` again, but the analyst's Refresh, a run's fail-fast check and a run's
// resolve always do. Counted through a fake `az` on PATH that logs every invocation.
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AzureDiscoveryCache,
  discoveryKey,
  forgetAzureDiscovery,
} from '../../main/collect/azure/discovery-cache';
import { azureConnectionProvider, AZURE_PROVIDER_NAME } from '../../main/collect/azure/connections';
import type { AzureConnectionList } from '../../main/collect/azure/credentials';
import {
  registerConnectionProvider,
  unregisterConnectionProvider,
} from '../../main/collect/connection-registry';
import { discoverConnections, findAzureConnection, resolveAzureTarget } from '../../main/collect/targets';
import { installFakeAz, pathWith, type FakeAz } from '../fixtures/azure/fake-az';

let az: FakeAz;
beforeEach(() => {
  az = installFakeAz();
  forgetAzureDiscovery();
});
afterEach(() => {
  unregisterConnectionProvider(AZURE_PROVIDER_NAME);
  forgetAzureDiscovery();
  az.remove();
});

/** Only the fake az: no service principal variables and no azd, whatever the machine has. */
const envFor = (fake: FakeAz, extra: Record<string, string> = {}) => ({
  PATH: pathWith(fake.dir),
  HOME: os.tmpdir(),
  ...extra,
});

const accountLists = (fake: FakeAz) => fake.calls().filter((c) => c.startsWith('account list')).length;

describe('connection lists through the Azure provider', () => {
  beforeEach(() => {
    registerConnectionProvider(AZURE_PROVIDER_NAME, azureConnectionProvider({ env: envFor(az) }));
  });

  it('spawns az once for two lists in a row, and shows the same connections', async () => {
    const first = await discoverConnections({ env: {} });
    const second = await discoverConnections({ env: {} });
    expect(accountLists(az)).toBe(1);
    expect(az.calls().filter((c) => c.startsWith('cloud show'))).toHaveLength(1);
    const ids = (l: typeof first) => l.connections.filter((c) => c.provider === 'azure').map((c) => c.id);
    expect(ids(first)).toEqual(['azure-cli']);
    expect(ids(second)).toEqual(ids(first));
  });

  it('spawns az once for two lists asked at the same time', async () => {
    await Promise.all([discoverConnections({ env: {} }), discoverConnections({ env: {} })]);
    expect(accountLists(az)).toBe(1);
  });

  it('spawns az again for an explicit refresh, which then sees a logout', async () => {
    await discoverConnections({ env: {} });
    az.setMode('logged-out');
    const cached = await discoverConnections({ env: {} });
    expect(accountLists(az)).toBe(1);
    expect(cached.connections.some((c) => c.id === 'azure-cli')).toBe(true);
    const refreshed = await discoverConnections({ env: {}, refresh: true });
    expect(accountLists(az)).toBe(2);
    expect(refreshed.connections.some((c) => c.id === 'azure-cli')).toBe(false);
    expect(refreshed.problems).toContain('Azure CLI: not logged in - run az login');
  });

  it('spawns az again when a run resolves its target, and the run sees the login as it is now', async () => {
    await discoverConnections({ env: {} });
    const resolved = await resolveAzureTarget('azure-cli');
    expect(accountLists(az)).toBe(2);
    expect(resolved.subscriptions.map((s) => s.name)).toEqual(['Contoso Production', 'Fabrikam Shared']);
    // The fresh answer serves the next list.
    await discoverConnections({ env: {} });
    expect(accountLists(az)).toBe(2);
    az.setMode('logged-out');
    await expect(resolveAzureTarget('azure-cli')).rejects.toThrow(/not logged in - run az login/);
    expect(accountLists(az)).toBe(3);
  });

  it("spawns az again for a run's fail-fast check before the run row exists", async () => {
    await discoverConnections({ env: {} });
    az.setMode('logged-out');
    await expect(findAzureConnection('azure-cli')).rejects.toThrow(/not logged in - run az login/);
    expect(accountLists(az)).toBe(2);
  });
});

describe('AzureDiscoveryCache', () => {
  const answer = (n: number): AzureConnectionList => ({ connections: [], problems: [`read ${n}`] });

  it('reads again once the answer is older than the TTL', async () => {
    let now = 1_000;
    let reads = 0;
    const cache = new AzureDiscoveryCache(async () => answer(++reads), { ttlMs: 30_000, now: () => now });
    const env = envFor(az);
    expect((await cache.get(env)).problems).toEqual(['read 1']);
    now += 29_999;
    expect((await cache.get(env)).problems).toEqual(['read 1']);
    now += 1;
    expect((await cache.get(env)).problems).toEqual(['read 2']);
    expect(reads).toBe(2);
  });

  it('keeps one answer per deciding environment: another az on PATH or login store is read afresh', async () => {
    const other = installFakeAz();
    try {
      const seen: string[] = [];
      const cache = new AzureDiscoveryCache(async (env) => {
        seen.push(`${env.PATH}|${env.AZURE_CONFIG_DIR ?? ''}`);
        return answer(seen.length);
      });
      await cache.get(envFor(az));
      await cache.get(envFor(other));
      await cache.get(envFor(az, { AZURE_CONFIG_DIR: '/elsewhere' }));
      await cache.get(envFor(az));
      // A variable discovery does not read does not split the cache.
      await cache.get(envFor(az, { LANG: 'C' }));
      expect(seen).toHaveLength(3);
    } finally {
      other.remove();
    }
  });

  it('does not keep a failed read', async () => {
    let reads = 0;
    const cache = new AzureDiscoveryCache(async () => {
      reads++;
      if (reads === 1) throw new Error('spawn failed');
      return answer(reads);
    });
    await expect(cache.get(envFor(az))).rejects.toThrow('spawn failed');
    expect((await cache.get(envFor(az))).problems).toEqual(['read 2']);
  });

  it('does not keep a secret in its key', () => {
    const key = discoveryKey({ ...envFor(az), AZURE_CLIENT_SECRET: 'not-a-real-secret-value' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(discoveryKey(envFor(az)));
  });
});
