// collectAzureSubscription over the demo tenant through the real REST client: population and ARM JSON kept as
// returned, paging, follow-ups, gaps from injected faults, and the Azure checks over what was collected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { AZURE_UNITS, collectAzureSubscription } from '../../main/collect/azure/index';
import {
  AZURE_NETWORK_SECURITY_GROUP,
  AZURE_STORAGE_ACCOUNT,
  AZURE_SUBSCRIPTION,
} from '../../main/collect/azure/shapes';
import { CollectionBuffer } from '../../main/collect/types';
import {
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
} from '../../main/demo/azure/estate';
import { startAzureHarness, type AzureHarness } from '../fixtures/azure/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

type Cfg = Record<string, unknown> & { properties: Record<string, unknown> };
const AZURE_CHECKS = allChecks.filter((c) => c.provider === 'azure');
const P = NORTHWIND_PROD_SUBSCRIPTION;

function statusesByName(h: AzureHarness) {
  const fx = makeSnapshot({
    resources: h.buffer.resources,
    gaps: h.buffer.gaps,
    checks: AZURE_CHECKS,
    provider: 'azure',
    account: P,
  });
  try {
    const names = new Map(h.buffer.resources.map((r) => [r.uid, r.name]));
    const out: Record<string, Record<string, string>> = {};
    for (const f of fx.findings())
      (out[f.checkId] ??= {})[names.get(f.resourceUid) ?? f.resourceUid] = f.status;
    return { out, findings: fx.findings() };
  } finally {
    fx.close();
  }
}

describe('collectAzureSubscription over the demo tenant (production subscription)', () => {
  let h: AzureHarness;
  let result: Awaited<ReturnType<AzureHarness['collect']>>;
  beforeAll(async () => {
    h = await startAzureHarness();
    result = await h.collect();
  });
  afterAll(() => h.close());

  it('identifies the subscription and its tenant', () => {
    expect(result.identity).toEqual({
      subscriptionId: P,
      tenantId: NORTHWIND_TENANT_ID,
      displayName: 'Northwind Health Production',
      state: 'Enabled',
    });
    const sub = h.buffer.resources.find((r) => r.type === AZURE_SUBSCRIPTION)!;
    expect(sub.uid).toBe(`/subscriptions/${P}`);
    expect(h.server.requests[0].operation).toBe('Subscriptions_Get');
  });

  it('collects every storage account and NSG as ARM JSON, properties not flattened', () => {
    const accounts = h.buffer.resources.filter((r) => r.type === AZURE_STORAGE_ACCOUNT);
    expect(accounts.map((a) => a.name).sort()).toEqual([
      'nwhbackups',
      'nwhclinicaldata',
      'nwhlegacyarchive',
      'nwhpublicweb',
    ]);
    const web = accounts.find((a) => a.name === 'nwhpublicweb')!;
    const cfg = web.config as Cfg;
    expect(web).toMatchObject({
      provider: 'azure',
      service: 'storage',
      region: 'eastus',
      tags: { owner: 'platform-team' },
    });
    expect(web.uid).toBe(String(cfg.id).toLowerCase());
    expect(web.uid).not.toBe(cfg.id); // the id keeps Azure's casing in config
    expect(cfg.properties).toMatchObject({
      supportsHttpsTrafficOnly: false,
      minimumTlsVersion: 'TLS1_0',
      allowBlobPublicAccess: true,
    });
    expect(cfg).not.toHaveProperty('enableHttpsTrafficOnly');
    expect(cfg.blobServiceProperties).toMatchObject({
      name: 'default',
      properties: { deleteRetentionPolicy: { enabled: false } },
    });
    const legacy = accounts.find((a) => a.name === 'nwhlegacyarchive')!.config as Cfg;
    expect(legacy.properties).not.toHaveProperty('minimumTlsVersion');

    const nsgs = h.buffer.resources.filter((r) => r.type === AZURE_NETWORK_SECURITY_GROUP);
    expect(nsgs.map((n) => n.name).sort()).toEqual(['nsg-app', 'nsg-bastion', 'nsg-data', 'nsg-jump']);
    const jump = nsgs.find((n) => n.name === 'nsg-jump')!.config as Cfg;
    expect((jump.properties.securityRules as unknown[]).length).toBe(1);
    expect((jump.properties.defaultSecurityRules as unknown[]).length).toBe(6);
  });

  it('pages the lists (page size 2) and records each page; no gaps', () => {
    const pages = (op: string) => h.buffer.raws.filter((r) => r.operation === op).map((r) => r.params.page);
    expect(pages('StorageAccounts_List')).toEqual([1, 2]);
    expect(pages('NetworkSecurityGroups_ListAll')).toEqual([1, 2]);
    expect(h.buffer.raws.filter((r) => r.operation === 'BlobServices_GetServiceProperties')).toHaveLength(4);
    expect(h.buffer.gaps).toEqual([]);
    expect(h.server.requests.every((r) => r.authorization === 'Bearer replay-token')).toBe(true);
  });

  it('reports progress per service', () => {
    const msgs = h.progress.map((p) => `${p.service}: ${p.message}`);
    expect(msgs).toContain('storage: Collected 4 storage accounts');
    expect(msgs).toContain('network: Collected 4 network security groups');
    // The subscription itself, then one step per service unit (every service group's).
    expect(h.progress.at(-1)?.done).toBe(AZURE_UNITS.length + 1);
  });

  it('the checks answer what the estate comments predict', () => {
    const { out } = statusesByName(h);
    expect(out.storage_secure_transfer_required_is_enabled).toEqual({
      nwhclinicaldata: 'pass',
      nwhpublicweb: 'fail',
      nwhbackups: 'pass',
      nwhlegacyarchive: 'pass',
    });
    expect(out.storage_ensure_minimum_tls_version_12).toEqual({
      nwhclinicaldata: 'pass',
      nwhpublicweb: 'fail',
      nwhbackups: 'fail',
      nwhlegacyarchive: 'error',
    });
    expect(out.storage_blob_public_access_level_is_disabled).toEqual({
      nwhclinicaldata: 'pass',
      nwhpublicweb: 'fail',
      nwhbackups: 'pass',
      nwhlegacyarchive: 'error',
    });
    expect(out.network_ssh_internet_access_restricted).toEqual({
      'nsg-bastion': 'fail',
      'nsg-app': 'pass',
      'nsg-jump': 'fail',
      'nsg-data': 'pass',
    });
  });
});

describe('the development subscription', () => {
  it('is small and well configured: nothing fails or errors there', async () => {
    const h = await startAzureHarness({ subscriptionId: NORTHWIND_DEV_SUBSCRIPTION });
    try {
      await h.collect();
      const { findings } = statusesByName(h);
      expect(findings.length).toBeGreaterThan(4);
      // Entra ID facts are the tenant's, shared by both subscriptions (they fail in the demo tenant).
      const own = findings.filter((f) => !f.checkId.startsWith('entra_'));
      expect(own.filter((f) => f.status === 'fail' || f.status === 'error')).toEqual([]);
      expect(findings.some((f) => f.status === 'pass')).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('faults', () => {
  it('a denied follow-up: a gap naming the subscription, action and account; its key absent, the rest collected', async () => {
    const h = await startAzureHarness({
      faults: [{ operation: 'BlobServices_GetServiceProperties', kind: 'denied', match: 'nwhbackups' }],
    });
    try {
      await h.collect();
      expect(h.buffer.gaps).toHaveLength(1);
      const gap = h.buffer.gaps[0];
      expect(gap).toMatchObject({
        service: 'Microsoft.Storage',
        region: 'westeurope',
        operation: 'BlobServices_GetServiceProperties',
        code: 'AuthorizationFailed',
        resource: 'nwhbackups',
      });
      expect(gap.message).toContain(`subscription ${P}`);
      expect(gap.message).toContain('Microsoft.Storage/storageAccounts/blobServices/read');
      const accounts = h.buffer.resources.filter((r) => r.type === AZURE_STORAGE_ACCOUNT);
      expect(accounts).toHaveLength(4);
      for (const a of accounts)
        expect('blobServiceProperties' in a.config, a.name).toBe(a.name !== 'nwhbackups');
    } finally {
      await h.close();
    }
  });

  it('a denied list (no Reader on storage): a gap, the storage checks answer error for the subscription, the run goes on', async () => {
    const h = await startAzureHarness({ faults: [{ operation: 'StorageAccounts_List', kind: 'denied' }] });
    try {
      await h.collect();
      expect(h.buffer.gaps.map((g) => `${g.operation}:${g.code}`)).toEqual([
        'StorageAccounts_List:AuthorizationFailed',
      ]);
      expect(h.buffer.gaps[0].message).toMatch(
        new RegExp(`Microsoft\\.Storage/storageAccounts/read.*subscription ${P}.*Reader`),
      );
      expect(h.buffer.resources.filter((r) => r.type === AZURE_STORAGE_ACCOUNT)).toEqual([]);
      expect(h.buffer.resources.filter((r) => r.type === AZURE_NETWORK_SECURITY_GROUP)).toHaveLength(4);
      const { findings } = statusesByName(h);
      const tls = findings.filter((f) => f.checkId === 'storage_ensure_minimum_tls_version_12');
      expect(tls).toHaveLength(1);
      expect(tls[0]).toMatchObject({ resourceUid: `/subscriptions/${P}`, status: 'error' });
      expect(tls[0].reason).toMatch(
        /were not collected \(StorageAccounts_List failed: AuthorizationFailed\)/,
      );
      expect(findings.filter((f) => f.checkId === 'network_ssh_internet_access_restricted')).toHaveLength(4);
    } finally {
      await h.close();
    }
  });

  it('throttling the NSG list once is retried after Retry-After: nothing is lost', async () => {
    const h = await startAzureHarness({
      faults: [
        { operation: 'NetworkSecurityGroups_ListAll', kind: 'throttle', times: 1, retryAfterSeconds: 1 },
      ],
    });
    try {
      const started = Date.now();
      const r = await h.collect();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(h.buffer.gaps).toEqual([]);
      expect(h.buffer.resources.filter((x) => x.type === AZURE_NETWORK_SECURITY_GROUP)).toHaveLength(4);
      expect(r.stats.perService['Microsoft.Network'].throttles).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('cancelling stops the run with AbortError', async () => {
    const h = await startAzureHarness({
      faults: [{ operation: 'NetworkSecurityGroups_ListAll', kind: 'timeout' }],
    });
    try {
      const run = h.collect().catch((e: unknown) => e);
      while (!h.server.requests.some((r) => r.operation === 'NetworkSecurityGroups_ListAll'))
        await new Promise((r) => setTimeout(r, 10));
      h.controller.abort();
      expect(((await run) as Error).name).toBe('AbortError');
    } finally {
      await h.close();
    }
  });

  it('refuses a target that is not a subscription id', async () => {
    const h = await startAzureHarness();
    try {
      await expect(
        collectAzureSubscription(
          { ...h.target, subscriptionId: '../providers' },
          new CollectionBuffer(new AbortController().signal),
        ),
      ).rejects.toThrow(/not a subscription id/);
      expect(h.server.requests).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
