// The network group (Network Watchers + flow logs, activity-log diagnostic settings, activity log alerts) collected
// through the REAL REST client from the replay server over the demo tenant: population and ARM JSON as returned,
// paging, a denied call -> a gap naming the subscription / watcher and the affected checks answering error, and
// the checks' statuses over the collected demo as main/demo/azure/data/network.ts predicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import {
  AZURE_ACTIVITY_LOG_ALERT,
  AZURE_FLOW_LOG,
  AZURE_NETWORK_WATCHER,
  AZURE_SUBSCRIPTION_DIAGNOSTIC_SETTING,
} from '../../main/collect/azure/network-shapes';
import { azureCustomRoleDefinition } from '../../main/collect/azure/registry';
import { NORTHWIND_DEV_SUBSCRIPTION, NORTHWIND_PROD_SUBSCRIPTION } from '../../main/demo/azure/estate';
import type { AzureFault } from '../../main/demo/azure/server';
import { startAzureHarness, type AzureHarness } from '../fixtures/azure/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

const P = NORTHWIND_PROD_SUBSCRIPTION;
const D = NORTHWIND_DEV_SUBSCRIPTION;
const MINE = allChecks.filter(
  (c) =>
    c.provider === 'azure' &&
    (c.service === 'monitor' ||
      (c.service === 'network' && c.id !== 'network_ssh_internet_access_restricted')),
);
const ALERT_CHECKS = MINE.filter((c) => c.id.startsWith('monitor_alert_')).map((c) => c.id);

async function collected(opts: { subscriptionId?: string; faults?: AzureFault[] } = {}) {
  const h = await startAzureHarness(opts);
  await h.collect();
  return h;
}

/** Findings of my checks over what the harness collected: checkId -> (resource name or uid) -> finding. */
function findingsOf(h: AzureHarness) {
  const fx = makeSnapshot({
    resources: h.buffer.resources,
    gaps: h.buffer.gaps,
    checks: MINE,
    provider: 'azure',
    account: h.target.subscriptionId,
  });
  try {
    const names = new Map(h.buffer.resources.map((r) => [r.uid, r.name]));
    const out: Record<string, Record<string, { status: string; reason: string }>> = {};
    for (const f of fx.findings())
      (out[f.checkId] ??= {})[names.get(f.resourceUid) ?? f.resourceUid] = {
        status: f.status,
        reason: f.reason,
      };
    return out;
  } finally {
    fx.close();
  }
}
const statuses = (m: Record<string, { status: string }> | undefined) =>
  Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, v.status]));

describe('network group over the production subscription', () => {
  let h: AzureHarness;
  beforeAll(async () => {
    h = await collected();
  });
  afterAll(() => h.close());

  it('collects watchers, flow logs and alerts as ARM JSON, with flowLogIds on the watcher', () => {
    const of = (type: string) => h.buffer.resources.filter((r) => r.type === type);
    const watchers = of(AZURE_NETWORK_WATCHER);
    expect(watchers.map((w) => [w.name, w.region])).toEqual([['NetworkWatcher_eastus', 'eastus']]);
    const logs = of(AZURE_FLOW_LOG);
    expect(logs.map((l) => l.name).sort()).toEqual(['fl-nsg-app', 'fl-nsg-bastion']);
    expect(watchers[0].config.flowLogIds).toEqual(expect.arrayContaining(logs.map((l) => l.uid)));
    const app = logs.find((l) => l.name === 'fl-nsg-app')!.config as { properties: Record<string, unknown> };
    expect(app.properties.retentionPolicy).toEqual({ enabled: true, days: 30 });
    expect(app.properties.format).toEqual({ type: 'JSON', version: 2 });
    expect(of(AZURE_SUBSCRIPTION_DIAGNOSTIC_SETTING)).toEqual([]);
    const alerts = of(AZURE_ACTIVITY_LOG_ALERT);
    expect(alerts.map((a) => a.name).sort()).toEqual([
      'administrative-errors',
      'nsg-write',
      'policy-assignment-write',
    ]);
    expect(alerts.every((a) => a.uid === String(a.config.id).toLowerCase())).toBe(true);
  });

  it('pages the lists (page size 2) and records every page; no gaps', () => {
    const pages = (op: string) => h.buffer.raws.filter((r) => r.operation === op).map((r) => r.params.page);
    expect(pages('ActivityLogAlerts_ListBySubscriptionId')).toEqual([1, 2]);
    expect(pages('FlowLogs_List')).toEqual([1]);
    expect(pages('SubscriptionDiagnosticSettings_List')).toEqual([1]);
    const diag = h.buffer.raws.find((r) => r.operation === 'SubscriptionDiagnosticSettings_List')!;
    expect(diag.params['api-version']).toBe('2021-05-01-preview');
    expect(h.buffer.gaps).toEqual([]);
  });

  it('the checks answer what the estate predicts', () => {
    const out = findingsOf(h);
    expect(statuses(out.network_rdp_internet_access_restricted)).toEqual({
      'nsg-bastion': 'pass',
      'nsg-app': 'fail',
      'nsg-jump': 'pass',
      'nsg-data': 'pass',
    });
    expect(statuses(out.network_http_internet_access_restricted)).toEqual({
      'nsg-bastion': 'pass',
      'nsg-app': 'fail',
      'nsg-jump': 'fail',
      'nsg-data': 'pass',
    });
    expect(statuses(out.network_udp_internet_access_restricted)).toEqual({
      'nsg-bastion': 'fail',
      'nsg-app': 'pass',
      'nsg-jump': 'pass',
      'nsg-data': 'pass',
    });
    expect(out.network_udp_internet_access_restricted['nsg-bastion'].reason).toContain('AllowSyslogUdp');
    expect(statuses(out.network_flow_log_more_than_90_days)).toEqual({
      'fl-nsg-bastion': 'pass',
      'fl-nsg-app': 'fail',
    });
    // Regions come from what was collected: storage and NSGs sit in eastus and westeurope.
    const watcher = statuses(out.network_watcher_enabled);
    expect(watcher[`/subscriptions/${P}/providers/microsoft.network/locations/eastus`]).toBe('pass');
    expect(watcher[`/subscriptions/${P}/providers/microsoft.network/locations/westeurope`]).toBe('fail');
    expect(statuses(out.monitor_diagnostic_settings_exists)).toEqual({
      'Northwind Health Production': 'fail',
    });
    expect(statuses(out.monitor_diagnostic_setting_with_appropriate_categories)).toEqual({
      'Northwind Health Production': 'fail',
    });
    for (const id of ALERT_CHECKS)
      expect(statuses(out[id]), id).toEqual({ 'Northwind Health Production': 'fail' });
    expect(out.monitor_alert_create_update_nsg['Northwind Health Production'].reason).toContain(
      'nsg-write (disabled)',
    );
    expect(out.monitor_alert_create_policy_assignment['Northwind Health Production'].reason).toContain(
      'policy-assignment-write (no action group)',
    );
  });

  it('the custom role carries the new actions', () => {
    const actions = azureCustomRoleDefinition().role.Actions;
    for (const a of [
      'Microsoft.Network/networkWatchers/read',
      'Microsoft.Network/networkWatchers/flowLogs/read',
      'Microsoft.Insights/DiagnosticSettings/Read',
      'Microsoft.Insights/ActivityLogAlerts/Read',
    ])
      expect(actions).toContain(a);
  });
});

describe('network group over the development subscription', () => {
  it('passes every subscription-wide check and keeps its flow log long enough', async () => {
    const h = await collected({ subscriptionId: D });
    try {
      const out = findingsOf(h);
      expect(statuses(out.monitor_diagnostic_settings_exists)).toEqual({
        'Northwind Health Development': 'pass',
      });
      expect(statuses(out.monitor_diagnostic_setting_with_appropriate_categories)).toEqual({
        'Northwind Health Development': 'pass',
      });
      for (const id of ALERT_CHECKS)
        expect(statuses(out[id]), id).toEqual({ 'Northwind Health Development': 'pass' });
      expect(statuses(out.network_flow_log_more_than_90_days)).toEqual({ 'fl-nsg-dev': 'pass' });
      expect(
        statuses(out.network_watcher_enabled)[
          `/subscriptions/${D}/providers/microsoft.network/locations/eastus`
        ],
      ).toBe('pass');
      for (const id of [
        'network_rdp_internet_access_restricted',
        'network_udp_internet_access_restricted',
        'network_http_internet_access_restricted',
      ])
        expect(statuses(out[id]), id).toEqual({ 'nsg-dev': 'pass' });
    } finally {
      await h.close();
    }
  });
});

describe('faults', () => {
  it('denied activity log alerts: a gap naming the subscription and action; every alert check answers error', async () => {
    const h = await collected({
      faults: [{ operation: 'ActivityLogAlerts_ListBySubscriptionId', kind: 'denied' }],
    });
    try {
      expect(h.buffer.gaps).toHaveLength(1);
      expect(h.buffer.gaps[0]).toMatchObject({
        service: 'Microsoft.Insights',
        operation: 'ActivityLogAlerts_ListBySubscriptionId',
        code: 'AuthorizationFailed',
        resource: `/subscriptions/${P}`,
      });
      expect(h.buffer.gaps[0].message).toContain('Microsoft.Insights/ActivityLogAlerts/Read');
      expect(h.buffer.gaps[0].message).toContain(`subscription ${P}`);
      expect(h.buffer.resources.filter((r) => r.type === AZURE_ACTIVITY_LOG_ALERT)).toEqual([]);
      const out = findingsOf(h);
      for (const id of ALERT_CHECKS) {
        const f = out[id]['Northwind Health Production'];
        expect(f.status, id).toBe('error');
        expect(f.reason).toMatch(
          /not collected \(ActivityLogAlerts_ListBySubscriptionId failed: AuthorizationFailed\)/,
        );
      }
      // The other units went on.
      expect(statuses(out.network_flow_log_more_than_90_days)).toEqual({
        'fl-nsg-bastion': 'pass',
        'fl-nsg-app': 'fail',
      });
    } finally {
      await h.close();
    }
  });

  it('denied flow logs of one watcher: a gap naming the watcher, its flowLogIds absent, the watcher answers error', async () => {
    const h = await collected({
      faults: [{ operation: 'FlowLogs_List', kind: 'denied', match: 'NetworkWatcher_eastus' }],
    });
    try {
      const gap = h.buffer.gaps.find((g) => g.operation === 'FlowLogs_List')!;
      expect(gap).toMatchObject({ code: 'AuthorizationFailed', region: 'eastus' });
      expect(gap.resource).toContain('networkwatcher_eastus');
      const w = h.buffer.resources.find((r) => r.type === AZURE_NETWORK_WATCHER)!;
      expect('flowLogIds' in w.config).toBe(false);
      const out = findingsOf(h);
      expect(statuses(out.network_flow_log_more_than_90_days)).toEqual({ NetworkWatcher_eastus: 'error' });
      // The watcher itself was listed, so eastus still has one.
      expect(
        statuses(out.network_watcher_enabled)[
          `/subscriptions/${P}/providers/microsoft.network/locations/eastus`
        ],
      ).toBe('pass');
    } finally {
      await h.close();
    }
  });

  it('denied watcher list: every used region answers error rather than fail', async () => {
    const h = await collected({ faults: [{ operation: 'NetworkWatchers_ListAll', kind: 'denied' }] });
    try {
      const out = findingsOf(h);
      const regions = out.network_watcher_enabled;
      expect(Object.keys(regions).length).toBeGreaterThanOrEqual(2);
      for (const f of Object.values(regions)) {
        expect(f.status).toBe('error');
        expect(f.reason).toMatch(/not collected \(NetworkWatchers_ListAll failed: AuthorizationFailed\)/);
      }
      expect(statuses(out.network_flow_log_more_than_90_days)).toEqual({
        'Northwind Health Production': 'error',
      });
    } finally {
      await h.close();
    }
  });
});
