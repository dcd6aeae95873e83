// Finer cases of the Azure network group's checks than the pass/fail/error fixtures: NSG rule order, ranges and
// protocols for RDP / HTTP(S) / UDP, flow log retention edge values, Network Watcher per used region, the
// activity-log diagnostic setting categories and the CIS 6.2 activity log alerts.
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import type { CheckCase } from '../helpers/check-fixtures';
import { nsgCase, nsgRule, type Rule } from '../helpers/check-fixtures/azure';
import {
  adminCondition,
  alert,
  ALERT_OPERATIONS,
  azureGap,
  conditionFor,
  diagnosticSetting,
  eastusAccount,
  EASTUS_UID,
  flowLogCase,
  FLOW_LOG_UID,
  subscription,
  SUB_UID,
  watcher,
} from '../helpers/check-fixtures/azure-network';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

function run(checkId: string, resources: CollectedResource[], gaps: CollectionGap[] = []) {
  const check = allChecks.find((x) => x.id === checkId);
  expect(check, checkId).toBeDefined();
  fx?.close();
  fx = makeSnapshot({ resources, gaps, checks: [check!], provider: 'azure' });
  return fx.findings(checkId);
}

function judge(checkId: string, c: CheckCase) {
  const findings = run(checkId, c.resources, c.gaps).filter((f) => f.resourceUid === c.uid);
  expect(findings).toHaveLength(1);
  return findings[0];
}

const nsg = (checkId: string, ...rules: Rule[]) => judge(checkId, nsgCase(rules.map(nsgRule)));

describe('network_rdp_internet_access_restricted', () => {
  const RDP = 'network_rdp_internet_access_restricted';
  it('fails on 3389 inside a range or a list from each internet source spelling, naming the rule', () => {
    for (const source of ['*', 'Internet', '0.0.0.0/0', '::/0']) {
      const f = nsg(RDP, { name: 'admin', priority: 200, access: 'Allow', source, ports: '3000-4000' });
      expect(f.status).toBe('fail');
      expect(f.reason).toContain('TCP 3389 by rule admin (priority 200');
    }
    expect(
      nsg(RDP, { name: 'list', priority: 100, access: 'Allow', source: ['0.0.0.0/0'], ports: ['80', '3389'] })
        .status,
    ).toBe('fail');
  });
  it('passes when a Deny comes first, and the later Allow does not matter', () => {
    const f = nsg(
      RDP,
      { name: 'deny-rdp', priority: 100, access: 'Deny', source: '*', ports: '3389' },
      { name: 'allow-all', priority: 200, access: 'Allow', source: 'Internet', ports: '*' },
    );
    expect(f.status).toBe('pass');
    expect(f.reason).toContain('denied first by rule deny-rdp');
  });
  it('ignores UDP rules, outbound rules and ports outside the range', () => {
    expect(
      nsg(
        RDP,
        { name: 'udp', priority: 100, access: 'Allow', protocol: 'Udp', source: '*', ports: '3389' },
        { name: 'out', priority: 110, access: 'Allow', direction: 'Outbound', source: '*', ports: '3389' },
        { name: 'near', priority: 120, access: 'Allow', source: '*', ports: '3390-3400' },
      ).status,
    ).toBe('pass');
  });
});

describe('network_http_internet_access_restricted', () => {
  const HTTP = 'network_http_internet_access_restricted';
  it('judges 80 and 443 separately: one allowed is a fail naming that port', () => {
    const f = nsg(
      HTTP,
      { name: 'deny-http', priority: 100, access: 'Deny', source: 'Internet', ports: '80' },
      { name: 'web', priority: 200, access: 'Allow', source: 'Internet', ports: ['80', '443'] },
    );
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('TCP 443 by rule web');
    expect(f.reason).not.toContain('TCP 80 by rule');
  });
  it('passes when both ports are denied first or allowed only from a private range', () => {
    const f = nsg(
      HTTP,
      { name: 'deny-web', priority: 100, access: 'Deny', source: '*', ports: '80-443' },
      { name: 'web', priority: 200, access: 'Allow', source: 'Internet', ports: '*' },
      { name: 'vnet', priority: 90, access: 'Allow', source: '10.0.0.0/8', ports: '443' },
    );
    expect(f.status).toBe('pass');
  });
});

describe('network_udp_internet_access_restricted', () => {
  const UDP = 'network_udp_internet_access_restricted';
  it('fails on Any protocol on every port from the internet', () => {
    const f = nsg(UDP, { name: 'any', priority: 100, access: 'Allow', protocol: '*', source: 'Internet' });
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('Rule any (priority 100, protocol *)');
  });
  it('passes when an earlier UDP Deny covers the whole allowed range', () => {
    expect(
      nsg(
        UDP,
        { name: 'deny-udp', priority: 100, access: 'Deny', protocol: 'Udp', source: '*', ports: '*' },
        { name: 'dns', priority: 200, access: 'Allow', protocol: 'Udp', source: 'Internet', ports: '53' },
      ).status,
    ).toBe('pass');
  });
  it('fails when the earlier Deny covers only part of the allowed range, or is TCP only', () => {
    expect(
      nsg(
        UDP,
        { name: 'deny-53', priority: 100, access: 'Deny', protocol: 'Udp', source: '*', ports: '53' },
        {
          name: 'range',
          priority: 200,
          access: 'Allow',
          protocol: 'Udp',
          source: 'Internet',
          ports: '50-60',
        },
      ).status,
    ).toBe('fail');
    expect(
      nsg(
        UDP,
        { name: 'deny-tcp', priority: 100, access: 'Deny', protocol: 'Tcp', source: '*', ports: '*' },
        { name: 'ntp', priority: 200, access: 'Allow', protocol: 'Udp', source: '*', ports: '123' },
      ).status,
    ).toBe('fail');
  });
  it('passes on TCP-only allows and Azure defaults (VirtualNetwork, AzureLoadBalancer)', () => {
    expect(nsg(UDP, { name: 'web', priority: 100, access: 'Allow', source: '*', ports: '443' }).status).toBe(
      'pass',
    );
  });
  it('answers error when the default rules were not collected', () => {
    const c = nsgCase([]);
    delete (c.resources[0].config.properties as Record<string, unknown>).defaultSecurityRules;
    const f = judge(UDP, c);
    expect(f.status).toBe('error');
    expect(f.reason).toContain('not collected');
  });
});

describe('network_flow_log_more_than_90_days', () => {
  const FLOW = 'network_flow_log_more_than_90_days';
  it('passes on 0 days (kept indefinitely) and on more than 90', () => {
    const f = judge(FLOW, flowLogCase({ enabled: true, retentionPolicy: { enabled: true, days: 0 } }));
    expect(f.status).toBe('pass');
    expect(f.reason).toContain('indefinitely');
    expect(
      judge(FLOW, flowLogCase({ enabled: true, retentionPolicy: { enabled: true, days: 365 } })).status,
    ).toBe('pass');
  });
  it('fails on a disabled retention policy, a disabled flow log, and 89 days', () => {
    expect(
      judge(FLOW, flowLogCase({ enabled: true, retentionPolicy: { enabled: false, days: 0 } })).status,
    ).toBe('fail');
    expect(
      judge(FLOW, flowLogCase({ enabled: false, retentionPolicy: { enabled: true, days: 365 } })).status,
    ).toBe('fail');
    const f = judge(FLOW, flowLogCase({ enabled: true, retentionPolicy: { enabled: true, days: 89 } }));
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('only 89 days');
  });
  it('a watcher whose flow logs were not listed, and a failed watcher list, answer error', () => {
    const w = watcher('eastus', {});
    const findings = run(
      FLOW,
      [subscription, w],
      [
        azureGap('FlowLogs_List', 'Microsoft.Network', w.uid),
        azureGap('NetworkWatchers_ListAll', 'Microsoft.Network'),
      ],
    );
    const byUid = Object.fromEntries(findings.map((f) => [f.resourceUid, f]));
    expect(byUid[w.uid].status).toBe('error');
    expect(byUid[w.uid].reason).toMatch(/not collected \(FlowLogs_List failed: AuthorizationFailed\)/);
    expect(byUid[SUB_UID].status).toBe('error');
    expect(byUid[FLOW_LOG_UID]).toBeUndefined();
  });
  it('a watcher with no flow logs gives no finding (nothing to retain)', () => {
    expect(run(FLOW, [subscription, watcher('eastus')])).toEqual([]);
  });
});

describe('network_watcher_enabled', () => {
  const NW = 'network_watcher_enabled';
  const westAccount = { ...eastusAccount, uid: `${eastusAccount.uid}west`, region: 'westeurope' };
  it('one finding per used region: a watcher in eastus passes it, westeurope without one fails', () => {
    const findings = run(NW, [subscription, eastusAccount, westAccount, watcher('eastus')]);
    const byRegion = Object.fromEntries(findings.map((f) => [f.resourceUid.split('/').pop(), f]));
    expect(Object.keys(byRegion).sort()).toEqual(['eastus', 'westeurope']);
    expect(byRegion.eastus.status).toBe('pass');
    expect(byRegion.westeurope.status).toBe('fail');
    expect(byRegion.westeurope.reason).toContain('No Network Watcher is enabled in region westeurope');
  });
  it('a watcher that is not provisioned fails; global resources make no region', () => {
    const failed = watcher('eastus', { properties: { provisioningState: 'Failed' } });
    const findings = run(NW, [subscription, eastusAccount, failed, alert('a', adminCondition('x'))]);
    expect(findings.map((f) => f.resourceUid)).toEqual([EASTUS_UID]);
    expect(findings[0].status).toBe('fail');
    expect(findings[0].reason).toContain('provisioningState Failed');
  });
  it('another subscription does not lend its watcher', () => {
    const otherSub = '/subscriptions/b8e4d0c2-19a7-4f3e-8c65-2d7f1a9b3e58';
    const other = { ...watcher('eastus'), uid: watcher('eastus').uid.replace(SUB_UID, otherSub) };
    const f = run(NW, [subscription, eastusAccount, other]).find((x) => x.resourceUid === EASTUS_UID)!;
    expect(f.status).toBe('fail');
  });
});

describe('monitor diagnostic settings', () => {
  const CATS = 'monitor_diagnostic_setting_with_appropriate_categories';
  const sub = (resources: CollectedResource[], gaps: CollectionGap[] = []) =>
    run(CATS, [subscription, ...resources], gaps).find((f) => f.resourceUid === SUB_UID)!;
  it('two settings together covering the four categories pass', () => {
    const f = sub([
      diagnosticSetting('a', [
        { category: 'Administrative', enabled: true },
        { category: 'Security', enabled: true },
      ]),
      diagnosticSetting('b', [
        { category: 'Alert', enabled: true },
        { category: 'Policy', enabled: true },
      ]),
    ]);
    expect(f.status).toBe('pass');
  });
  it('names the categories that are missing or disabled', () => {
    const f = sub([
      diagnosticSetting('a', [
        { category: 'Administrative', enabled: true },
        { category: 'Security', enabled: false },
        { categoryGroup: 'audit', enabled: true },
      ]),
    ]);
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('do not export the categories alert, policy, security');
  });
  it('a setting whose logs were not reported makes an incomplete export an error, not a fail', () => {
    const f = sub([
      diagnosticSetting('a', [{ category: 'Administrative', enabled: true }]),
      diagnosticSetting('b', undefined),
    ]);
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/not reported/);
  });
  it('matches settings to their subscription by id, lower-cased with the leading slash', () => {
    const s = diagnosticSetting('all', [{ categoryGroup: 'allLogs', enabled: true }]);
    expect(s.uid.startsWith(`${SUB_UID}/providers/azureresourcemanager/diagnosticsettings/`)).toBe(true);
    const exists = run('monitor_diagnostic_settings_exists', [subscription, s]);
    expect(exists).toMatchObject([{ resourceUid: SUB_UID, status: 'pass' }]);
  });
});

describe('monitor activity log alerts', () => {
  const NSG_WRITE = 'monitor_alert_create_update_nsg';
  const verdict = (checkId: string, resources: CollectedResource[], gaps: CollectionGap[] = []) =>
    run(checkId, [subscription, ...resources], gaps).find((f) => f.resourceUid === SUB_UID)!;

  it('compares the operation name case-insensitively, also inside anyOf and containsAny', () => {
    expect(
      verdict(NSG_WRITE, [alert('lower', adminCondition('microsoft.network/networksecuritygroups/WRITE'))])
        .status,
    ).toBe('pass');
    expect(
      verdict(NSG_WRITE, [
        alert('any', [
          { field: 'category', equals: 'Administrative' },
          { anyOf: [{ field: 'operationName', equals: 'Microsoft.Network/networkSecurityGroups/write' }] },
        ]),
      ]).status,
    ).toBe('pass');
    expect(
      verdict(NSG_WRITE, [
        alert('contains', [
          { field: 'category', equals: 'Administrative' },
          { field: 'operationName', containsAny: ['Microsoft.Network/networkSecurityGroups/write'] },
        ]),
      ]).status,
    ).toBe('pass');
  });
  it('fails on a rule without an action group, a wrong category or another operation, naming near misses', () => {
    const f = verdict(NSG_WRITE, [
      alert('silent', adminCondition('Microsoft.Network/networkSecurityGroups/write'), { actionGroups: 0 }),
      alert('security-cat', [
        { field: 'category', equals: 'Security' },
        { field: 'operationName', equals: 'Microsoft.Network/networkSecurityGroups/write' },
      ]),
      alert('delete', adminCondition('Microsoft.Network/networkSecurityGroups/delete')),
    ]);
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('matching but inactive: silent (no action group)');
  });
  it('a matching rule whose state was not reported answers error', () => {
    const f = verdict(NSG_WRITE, [
      alert('unknown', adminCondition('Microsoft.Network/networkSecurityGroups/write'), { enabled: null }),
    ]);
    expect(f.status).toBe('error');
    expect(f.reason).toContain('not reported');
  });
  it('each alert check wants its own operation: one rule per operation passes exactly that check', () => {
    for (const [checkId, op] of Object.entries(ALERT_OPERATIONS)) {
      const others = Object.entries(ALERT_OPERATIONS)
        .filter(([id]) => id !== checkId)
        .map(([id, o]) => alert(id, conditionFor(o)));
      expect(verdict(checkId, others).status, checkId).toBe('fail');
      expect(verdict(checkId, [...others, alert('mine', conditionFor(op))]).status, checkId).toBe('pass');
    }
  });
  it('a failed alert list answers error even beside an unrelated alert', () => {
    const f = verdict(
      NSG_WRITE,
      [alert('other', adminCondition('Microsoft.Sql/servers/firewallRules/write'))],
      [azureGap('ActivityLogAlerts_ListBySubscriptionId', 'Microsoft.Insights')],
    );
    expect(f.status).toBe('error');
    expect(f.reason).toContain(
      'not collected (ActivityLogAlerts_ListBySubscriptionId failed: AuthorizationFailed)',
    );
  });
});
