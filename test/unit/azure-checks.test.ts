// Finer cases of the Azure checks than the pass/fail/error fixtures: NSG rule evaluation order, port ranges and
// lists, source lists, protocols, and the storage settings' edge values.
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import type { CheckCase } from '../helpers/check-fixtures';
import { nsgCase, nsgRule, storageCase, type Rule } from '../helpers/check-fixtures/azure';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function judge(checkId: string, c: CheckCase) {
  const check = allChecks.find((x) => x.id === checkId)!;
  fx?.close();
  fx = makeSnapshot({ resources: c.resources, gaps: c.gaps, checks: [check], provider: 'azure' });
  const findings = fx.findings(checkId).filter((f) => f.resourceUid === c.uid);
  expect(findings).toHaveLength(1);
  return findings[0];
}

const SSH = 'network_ssh_internet_access_restricted';
const ssh = (...rules: Rule[]) => judge(SSH, nsgCase(rules.map(nsgRule)));

describe('network_ssh_internet_access_restricted', () => {
  it('the checks are Azure checks in the catalog', () => {
    const azure = allChecks
      .filter((c) => c.provider === 'azure')
      .map((c) => c.id)
      .sort();
    for (const id of [
      SSH,
      'storage_blob_public_access_level_is_disabled',
      'storage_ensure_minimum_tls_version_12',
      'storage_secure_transfer_required_is_enabled',
    ])
      expect(azure).toContain(id);
    // The coverage the Azure catalog promises (CIS Microsoft Azure Foundations Benchmark class).
    expect(azure.length).toBeGreaterThanOrEqual(45);
  });

  it('fails on an Allow for 22 from each internet source spelling', () => {
    for (const source of ['*', 'Internet', 'Any', '0.0.0.0/0', '::/0']) {
      const f = ssh({ name: 'open', priority: 100, access: 'Allow', source, ports: '22' });
      expect(f.status, source).toBe('fail');
      expect(f.reason).toBe(
        `Rule open (priority 100) of network security group nsg-test allows TCP 22 from ${source} before any rule denies it`,
      );
    }
  });

  it('a Deny with a lower priority number comes first and wins', () => {
    const f = ssh(
      { name: 'allow-admin', priority: 200, access: 'Allow', source: '*', ports: '20-3389' },
      { name: 'deny-ssh', priority: 100, access: 'Deny', source: 'Internet', ports: '22' },
    );
    expect(f.status).toBe('pass');
    expect(f.reason).toMatch(/denies TCP 22 from the internet first, by rule deny-ssh \(priority 100\)/);
    expect(f.evidence).toMatchObject({
      Port: 22,
      DecidingRule: { name: 'deny-ssh', priority: 100, access: 'Deny', sourceAddressPrefix: 'Internet' },
      AllowRulesMatching: ['allow-admin'],
    });
  });

  it('an Allow before the Deny fails', () => {
    expect(
      ssh(
        { name: 'allow-ssh', priority: 100, access: 'Allow', source: 'Internet', ports: '22' },
        { name: 'deny-ssh', priority: 200, access: 'Deny', source: '*', ports: '22' },
      ).status,
    ).toBe('fail');
  });

  it('port ranges, lists and * that include 22 fail; those that do not pass', () => {
    const allow = (ports: string | string[]) =>
      ssh({ name: 'r', priority: 100, access: 'Allow', source: 'Internet', ports });
    expect(allow('20-25').status).toBe('fail');
    expect(allow('*').status).toBe('fail');
    expect(allow(['80', '443', '10-30']).status).toBe('fail');
    expect(allow(['80', ' 22 ']).status).toBe('fail');
    expect(allow('23-1024').status).toBe('pass');
    expect(allow(['2222', '220']).status).toBe('pass');
  });

  it('a source list containing an internet prefix fails; private sources, UDP and outbound rules pass', () => {
    expect(
      ssh({ name: 'r', priority: 100, access: 'Allow', source: ['10.0.0.0/8', '0.0.0.0/0'], ports: '22' })
        .status,
    ).toBe('fail');
    expect(
      ssh({
        name: 'r',
        priority: 100,
        access: 'Allow',
        source: ['10.0.0.0/8', '203.0.113.7/32'],
        ports: '22',
      }).status,
    ).toBe('pass');
    expect(
      ssh({ name: 'r', priority: 100, access: 'Allow', source: 'VirtualNetwork', ports: '22' }).status,
    ).toBe('pass');
    expect(
      ssh({ name: 'r', priority: 100, access: 'Allow', source: '*', ports: '22', protocol: 'Udp' }).status,
    ).toBe('pass');
    expect(
      ssh({ name: 'r', priority: 100, access: 'Allow', source: '*', ports: '22', protocol: '*' }).status,
    ).toBe('fail');
    expect(
      ssh({ name: 'r', priority: 100, access: 'Allow', source: '*', ports: '22', direction: 'Outbound' })
        .status,
    ).toBe('pass');
  });

  it('with no custom rule, Azure defaults decide (DenyAllInBound): pass', () => {
    const f = judge(SSH, nsgCase([]));
    expect(f.status).toBe('pass');
    expect(f.reason).toMatch(/by rule DenyAllInBound \(priority 65500\)/);
  });

  it('missing or malformed rule lists are errors, never a pass', () => {
    const noDefaults = judge(SSH, nsgCase([], null));
    expect(noDefaults.status).toBe('error');
    expect(noDefaults.reason).toMatch(/unexpected form/);
    // A Deny for 22 first would pass, but without Azure's defaults the rule set is not the one Azure evaluates.
    const c = nsgCase([nsgRule({ name: 'r', priority: 100, access: 'Deny', ports: '22' })]);
    delete (c.resources[0].config.properties as Record<string, unknown>).defaultSecurityRules;
    const absent = judge(SSH, c);
    expect(absent.status).toBe('error');
    expect(absent.reason).toMatch(/were not collected \(properties\.defaultSecurityRules is absent\)/);
  });
});

describe('storage checks', () => {
  it('minimum TLS: TLS1_2 and TLS1_3 pass, TLS1_0/TLS1_1 fail, anything else is an error', () => {
    const tls = (v: unknown) =>
      judge('storage_ensure_minimum_tls_version_12', storageCase({ minimumTlsVersion: v }));
    expect(tls('TLS1_3').status).toBe('pass');
    expect(tls('TLS1_1')).toMatchObject({
      status: 'fail',
      reason: 'Storage account sttest accepts TLS1_1 (minimumTlsVersion is below TLS1_2)',
    });
    expect(tls('SSL3')).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/unexpected form \('SSL3'\)/),
    });
    expect(tls(null).status).toBe('error');
  });

  it('secure transfer and public access read the ARM properties, and say what they saw', () => {
    const https = judge(
      'storage_secure_transfer_required_is_enabled',
      storageCase({ supportsHttpsTrafficOnly: false }),
    );
    expect(https.reason).toBe(
      'Storage account sttest accepts plain HTTP requests (supportsHttpsTrafficOnly is false)',
    );
    expect(https.evidence).toMatchObject({ supportsHttpsTrafficOnly: false });
    const flattened = judge('storage_secure_transfer_required_is_enabled', storageCase({}));
    expect(flattened.reason).toMatch(/was not reported/);
    const pub = judge(
      'storage_blob_public_access_level_is_disabled',
      storageCase({ allowBlobPublicAccess: 'yes' }),
    );
    expect(pub).toMatchObject({ status: 'error', reason: expect.stringMatching(/unexpected form \(text\)/) });
  });
});
