// The storage group (storage account extras + Key Vault) through the REAL Azure REST client against the replay
// server over the demo tenant: the vaults and their follow-ups collected as ARM JSON, paging, a denied call ->
// a gap naming the subscription and vault and the affected check answering error, and every check's status
// over the collected production subscription as the estate comments (main/demo/azure/data/storage.ts) predict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { AZURE_STORAGE_ACCOUNT } from '../../main/collect/azure/shapes';
import { AZURE_KEY_VAULT } from '../../main/collect/azure/storage-shapes';
import { NORTHWIND_DEV_SUBSCRIPTION, NORTHWIND_PROD_SUBSCRIPTION } from '../../main/demo/azure/estate';
import { startAzureHarness, type AzureHarness } from '../fixtures/azure/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';
import { AZURE_STORAGE_FIXTURES } from '../helpers/check-fixtures/azure-storage';

const P = NORTHWIND_PROD_SUBSCRIPTION;
const MY_CHECKS = allChecks.filter((c) => c.id in AZURE_STORAGE_FIXTURES);
type Cfg = Record<string, unknown> & { properties: Record<string, unknown> };

function statuses(h: AzureHarness, account = P) {
  const fx = makeSnapshot({
    resources: h.buffer.resources,
    gaps: h.buffer.gaps,
    checks: MY_CHECKS,
    provider: 'azure',
    account,
    // The demo dates its access keys relative to the run (main/demo/azure/data/storage.ts daysAgo).
    startedAt: new Date().toISOString(),
  });
  try {
    const names = new Map(h.buffer.resources.map((r) => [r.uid, r.name]));
    const out: Record<string, Record<string, string>> = {};
    const reasons: Record<string, Record<string, string>> = {};
    for (const f of fx.findings()) {
      const n = names.get(f.resourceUid) ?? f.resourceUid;
      (out[f.checkId] ??= {})[n] = f.status;
      (reasons[f.checkId] ??= {})[n] = f.reason;
    }
    return { out, reasons };
  } finally {
    fx.close();
  }
}

describe('storage group over the demo production subscription', () => {
  let h: AzureHarness;
  beforeAll(async () => {
    h = await startAzureHarness();
    await h.collect();
  });
  afterAll(() => h.close());

  it('collects every key vault as ARM JSON with its keys, secrets and diagnostic settings attached', () => {
    const vaults = h.buffer.resources.filter((r) => r.type === AZURE_KEY_VAULT);
    expect(vaults.map((v) => v.name).sort()).toEqual([
      'kv-nwh-apps',
      'kv-nwh-clinical',
      'kv-nwh-legacy',
      'kv-nwh-partner',
    ]);
    const legacy = vaults.find((v) => v.name === 'kv-nwh-legacy')!;
    expect(legacy).toMatchObject({ provider: 'azure', service: 'keyvault', region: 'westeurope' });
    const cfg = legacy.config as Cfg & { keys: Cfg[]; secretsStatus: Cfg[]; diagnosticSettings: unknown[] };
    expect(legacy.uid).toBe(String(cfg.id).toLowerCase());
    expect(cfg.properties).toMatchObject({ enableSoftDelete: true, enableRbacAuthorization: false });
    expect(cfg.properties).not.toHaveProperty('enablePurgeProtection');
    expect(cfg.keys.map((k) => k.name)).toEqual(['web-signing', 'web-token-encryption']);
    expect(cfg.keys[0].properties.attributes).toMatchObject({ enabled: true, exp: 1798761600 });
    expect(cfg.keys[1].properties.attributes).not.toHaveProperty('exp');
    expect(cfg.secretsStatus.map((s) => s.name)).toEqual(['smtp-password', 'cdn-token']);
    expect(cfg.secretsStatus[1].properties.attributes).toMatchObject({ enabled: true, exp: 1798761600 });
    expect(cfg.diagnosticSettings).toEqual([]);
    const clinical = vaults.find((v) => v.name === 'kv-nwh-clinical')!.config as Cfg & { keys: unknown[] };
    expect(clinical.keys).toHaveLength(3); // two pages of two
  });

  it('layers the storage section onto the accounts (network rules, encryption, key policy, container soft delete)', () => {
    const acc = (n: string) =>
      h.buffer.resources.find((r) => r.type === AZURE_STORAGE_ACCOUNT && r.name === n)!.config as Cfg & {
        blobServiceProperties: Cfg;
      };
    expect(acc('nwhclinicaldata').properties).toMatchObject({
      networkAcls: { defaultAction: 'Deny' },
      allowSharedKeyAccess: false,
      encryption: { requireInfrastructureEncryption: true, keySource: 'Microsoft.Keyvault' },
    });
    expect(acc('nwhclinicaldata').blobServiceProperties.properties).toMatchObject({
      containerDeleteRetentionPolicy: { enabled: true, days: 30 },
    });
    expect(acc('nwhpublicweb').properties).not.toHaveProperty('keyPolicy');
    expect(acc('nwhlegacyarchive').properties).not.toHaveProperty('allowCrossTenantReplication');
  });

  it('pages the vault lists and records each page; no gaps', () => {
    const pages = (op: string, match?: string) =>
      h.buffer.raws
        .filter((r) => r.operation === op && (!match || String(r.params.path).includes(match)))
        .map((r) => r.params.page);
    expect(pages('Vaults_ListBySubscription')).toEqual([1, 2]);
    expect(pages('Keys_List', 'kv-nwh-clinical')).toEqual([1, 2]);
    expect(pages('Secrets_List')).toHaveLength(4);
    expect(pages('DiagnosticSettings_List')).toHaveLength(4);
    expect(
      h.buffer.gaps.filter((g) => g.service === 'Microsoft.KeyVault' || g.service === 'Microsoft.Insights'),
    ).toEqual([]);
  });

  it('every check answers what the estate comments predict, passing and failing within production', () => {
    const { out } = statuses(h);
    const acc = (a: string, b: string, c: string, d: string) => ({
      nwhclinicaldata: a,
      nwhpublicweb: b,
      nwhbackups: c,
      nwhlegacyarchive: d,
    });
    const kv = (a: string, b: string, c: string, d: string) => ({
      'kv-nwh-clinical': a,
      'kv-nwh-legacy': b,
      'kv-nwh-apps': c,
      'kv-nwh-partner': d,
    });
    expect(out).toEqual({
      storage_default_network_access_rule_is_denied: acc('pass', 'fail', 'pass', 'error'),
      storage_ensure_soft_delete_is_enabled: acc('pass', 'fail', 'pass', 'fail'),
      storage_container_soft_delete_is_enabled: acc('pass', 'fail', 'pass', 'error'),
      storage_infrastructure_encryption_is_enabled: acc('pass', 'fail', 'pass', 'fail'),
      storage_ensure_encryption_with_customer_managed_keys: acc('pass', 'n/a', 'fail', 'n/a'),
      storage_cross_tenant_replication_disabled: acc('pass', 'fail', 'pass', 'error'),
      storage_key_rotation_reminders_enabled: acc('pass', 'fail', 'fail', 'fail'),
      storage_key_rotation_90_days: acc('n/a', 'fail', 'pass', 'error'),
      storage_account_key_access_disabled: acc('pass', 'fail', 'fail', 'fail'),
      keyvault_recoverable: kv('pass', 'fail', 'pass', 'error'),
      keyvault_rbac_enabled: kv('pass', 'fail', 'pass', 'fail'),
      keyvault_private_endpoints: kv('pass', 'fail', 'fail', 'pass'),
      keyvault_rbac_key_expiration_set: kv('pass', 'n/a', 'fail', 'n/a'),
      keyvault_key_expiration_set_in_non_rbac: kv('n/a', 'fail', 'n/a', 'pass'),
      keyvault_rbac_secret_expiration_set: kv('pass', 'n/a', 'fail', 'n/a'),
      keyvault_non_rbac_secret_expiration_set: kv('n/a', 'fail', 'n/a', 'pass'),
      keyvault_logging_enabled: kv('pass', 'fail', 'pass', 'fail'),
    });
  });

  it('reasons name what was seen', () => {
    const { reasons } = statuses(h);
    expect(reasons.keyvault_key_expiration_set_in_non_rbac['kv-nwh-legacy']).toBe(
      'Key vault kv-nwh-legacy (access-policy) has enabled keys without an expiration date: web-token-encryption',
    );
    expect(reasons.keyvault_non_rbac_secret_expiration_set['kv-nwh-partner']).toMatch(
      /no enabled secrets.*enableRbacAuthorization not reported; the service default is access policies/,
    );
    expect(reasons.keyvault_logging_enabled['kv-nwh-partner']).toBe(
      'Key vault kv-nwh-partner has diagnostic setting(s) policy-only but none sends the AuditEvent log (category AuditEvent or group audit/allLogs) to a destination',
    );
    expect(reasons.storage_key_rotation_90_days.nwhpublicweb).toMatch(
      /older than 90 days: key1 created .* \(400 days\)/,
    );
    expect(reasons.storage_ensure_encryption_with_customer_managed_keys.nwhbackups).toBe(
      'Storage account nwhbackups is tagged restricted but is encrypted with a Microsoft-managed key (keySource is Microsoft.Storage)',
    );
  });
});

describe('the development subscription', () => {
  it('is small and fails none of the storage group checks', async () => {
    const h = await startAzureHarness({ subscriptionId: NORTHWIND_DEV_SUBSCRIPTION });
    try {
      await h.collect();
      const { out } = statuses(h, NORTHWIND_DEV_SUBSCRIPTION);
      const all = Object.values(out).flatMap((byName) => Object.values(byName));
      expect(all.length).toBe(17 * 1);
      expect(all.filter((s) => s !== 'pass' && s !== 'n/a')).toEqual([]);
      expect(out.storage_key_rotation_90_days).toEqual({ nwhdevscratch: 'n/a' });
    } finally {
      await h.close();
    }
  });
});

describe('faults', () => {
  it('a denied Keys_List on one vault: a gap naming the subscription, action and vault; its keys absent; the key check answers error for it', async () => {
    const h = await startAzureHarness({
      faults: [{ operation: 'Keys_List', kind: 'denied', match: 'kv-nwh-legacy' }],
    });
    try {
      await h.collect();
      const gaps = h.buffer.gaps.filter((g) => g.operation === 'Keys_List');
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({
        service: 'Microsoft.KeyVault',
        region: 'westeurope',
        code: 'AuthorizationFailed',
        resource: 'kv-nwh-legacy',
      });
      expect(gaps[0].message).toContain(`subscription ${P}`);
      expect(gaps[0].message).toContain('Microsoft.KeyVault/vaults/keys/read');
      const vaults = h.buffer.resources.filter((r) => r.type === AZURE_KEY_VAULT);
      for (const v of vaults) expect('keys' in v.config, v.name).toBe(v.name !== 'kv-nwh-legacy');
      const { out, reasons } = statuses(h);
      expect(out.keyvault_key_expiration_set_in_non_rbac['kv-nwh-legacy']).toBe('error');
      expect(reasons.keyvault_key_expiration_set_in_non_rbac['kv-nwh-legacy']).toMatch(
        /not collected \(Keys_List failed\)/,
      );
      // The secrets were collected: their check still decides.
      expect(out.keyvault_non_rbac_secret_expiration_set['kv-nwh-legacy']).toBe('fail');
    } finally {
      await h.close();
    }
  });

  it('a denied vault list: a gap, every Key Vault check answers error for the subscription, storage goes on', async () => {
    const h = await startAzureHarness({
      faults: [{ operation: 'Vaults_ListBySubscription', kind: 'denied' }],
    });
    try {
      await h.collect();
      expect(h.buffer.gaps.map((g) => `${g.operation}:${g.code}`)).toContain(
        'Vaults_ListBySubscription:AuthorizationFailed',
      );
      expect(h.buffer.resources.filter((r) => r.type === AZURE_KEY_VAULT)).toEqual([]);
      const { out, reasons } = statuses(h);
      const sub = h.buffer.resources.find((r) => r.type === 'Microsoft.Resources/subscriptions')!.name;
      for (const id of MY_CHECKS.map((c) => c.id).filter((i) => i.startsWith('keyvault_'))) {
        expect(out[id], id).toEqual({ [sub]: 'error' });
        expect(reasons[id][sub], id).toMatch(
          /not collected \(Vaults_ListBySubscription failed: AuthorizationFailed\)/,
        );
      }
      expect(out.storage_default_network_access_rule_is_denied.nwhclinicaldata).toBe('pass');
    } finally {
      await h.close();
    }
  });
});
