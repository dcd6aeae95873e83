// Finer cases of the Azure data group's checks than the pass/fail/error fixtures: boundaries (retention 89/90/0,
// TLS sets), the n/a master database, a server whose database list failed, confidential-VM disk encryption,
// Trusted Launch defaults, several NICs, the managed-identity default, and a failed list answering error for
// the subscription.
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import type { CollectedResource } from '../../main/collect/types';
import type { CheckCase } from '../helpers/check-fixtures';
import { azureResource } from '../helpers/check-fixtures/azure';
import {
  appCase,
  auditing,
  firewall,
  managed,
  mysqlCase,
  nic,
  params,
  pgCase,
  SQL_DB_ID,
  SQL_SERVER_ID,
  sqlDbCase,
  sqlServerCase,
  storage,
  vhd,
  vmCase,
  webConfig,
} from '../helpers/check-fixtures/azure-data';
import { gap, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function findingsOf(checkId: string, c: Pick<CheckCase, 'resources' | 'gaps'>) {
  const check = allChecks.find((x) => x.id === checkId);
  if (!check) throw new Error(`no check ${checkId}`);
  fx?.close();
  fx = makeSnapshot({ resources: c.resources, gaps: c.gaps, checks: [check], provider: 'azure' });
  return fx.findings(checkId);
}
function judge(checkId: string, c: CheckCase) {
  const found = findingsOf(checkId, c).filter((f) => f.resourceUid === c.uid);
  expect(found).toHaveLength(1);
  return found[0];
}

const SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
const subscription: CollectedResource = {
  uid: `/subscriptions/${SUB}`,
  provider: 'azure',
  service: 'subscription',
  type: 'Microsoft.Resources/subscriptions',
  region: 'global',
  name: 'Northwind Health Production',
  tags: {},
  config: { id: `/subscriptions/${SUB}`, subscriptionId: SUB, displayName: 'Northwind Health Production' },
};

describe('the data group checks are in the catalog', () => {
  it('every one is an Azure check with a resource type and references', () => {
    const ids = allChecks.filter(
      (c) => c.provider === 'azure' && /^(sqlserver|postgresql|mysql|vm|app)_/.test(c.id),
    );
    expect(ids).toHaveLength(21);
    for (const c of ids) expect(c.references.length).toBeGreaterThanOrEqual(2);
  });
});

describe('SQL server auditing', () => {
  const retention = (state: string, days: number) =>
    judge('sqlserver_auditing_retention_90_days', sqlServerCase(auditing(state, days)));

  it('90 days or unlimited (0) pass; 89 fails; auditing off fails', () => {
    expect(retention('Enabled', 90).status).toBe('pass');
    expect(retention('Enabled', 0).reason).toBe(
      'SQL server sql-test keeps audit records without a time limit (retentionDays 0)',
    );
    expect(retention('Enabled', 89)).toMatchObject({
      status: 'fail',
      reason: 'SQL server sql-test keeps audit records for only 89 days (fewer than 90)',
    });
    expect(retention('Disabled', 365)).toMatchObject({
      status: 'fail',
      reason: 'Auditing of SQL server sql-test is Disabled, so no audit records are retained',
    });
  });

  it('an unexpected state is an error, never a pass', () => {
    const f = judge('sqlserver_auditing_enabled', sqlServerCase(auditing('Unknown', 90)));
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/unexpected form/);
  });

  it('a failed Servers_List answers error for the subscription', () => {
    const found = findingsOf('sqlserver_auditing_enabled', {
      resources: [subscription],
      gaps: [gap('Microsoft.Sql', 'Servers_List', 'global', 'AuthorizationFailed')],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ resourceUid: subscription.uid, status: 'error' });
    expect(found[0].reason).toBe(
      'SQL servers of subscription Northwind Health Production were not collected (Servers_List failed: AuthorizationFailed), so auditing of every server is unconfirmed',
    );
  });
});

describe('SQL server firewall', () => {
  it('names every offending rule, and an empty rule list passes', () => {
    const f = judge(
      'sqlserver_unrestricted_inbound_access',
      sqlServerCase(
        firewall(
          ['all-a', '0.0.0.0', '255.255.255.255'],
          ['office', '203.0.113.0', '203.0.113.255'],
          ['all-b', '0.0.0.0', '255.255.255.255'],
        ),
      ),
    );
    expect(f.status).toBe('fail');
    expect(f.reason).toMatch(/firewall rule all-a, all-b allowing every IPv4 address/);
    expect(f.evidence).toMatchObject({ OffendingRules: ['all-a', 'all-b'], RuleCount: 3 });
    expect(judge('sqlserver_unrestricted_inbound_access', sqlServerCase(firewall())).status).toBe('pass');
  });

  it('the allow-Azure-services rule is judged separately from the any-address rule', () => {
    const azureOnly = sqlServerCase(firewall(['AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0']));
    expect(judge('sqlserver_unrestricted_inbound_access', azureOnly).status).toBe('pass');
    expect(judge('sqlserver_allow_azure_services_disabled', azureOnly).status).toBe('fail');
  });
});

describe('SQL minimal TLS and Entra ID admin', () => {
  const tls = (v: unknown) =>
    judge(
      'sqlserver_recommended_minimal_tls_version',
      sqlServerCase({ properties: { minimalTlsVersion: v } }),
    );
  it('1.3 passes, None and 1.1 fail, null is not reported', () => {
    expect(tls('1.3').status).toBe('pass');
    expect(tls('None').reason).toBe('SQL server sql-test accepts any TLS version (minimalTlsVersion None)');
    expect(tls('1.1').status).toBe('fail');
    expect(tls(null)).toMatchObject({ status: 'error' });
    expect(tls(null).reason).toMatch(/not reported/);
  });

  it('public network access: SecuredByPerimeter passes, an unknown value is an error', () => {
    const access = (v: string) =>
      judge(
        'sqlserver_public_network_access_disabled',
        sqlServerCase({ properties: { publicNetworkAccess: v } }),
      );
    expect(access('SecuredByPerimeter').status).toBe('pass');
    expect(access('Enabled').reason).toBe(
      'SQL server sql-test accepts connections on its public endpoint (publicNetworkAccess Enabled)',
    );
    expect(access('Sometimes').status).toBe('error');
  });

  it('an administrator that is not ActiveDirectory does not count', () => {
    const f = judge(
      'sqlserver_azuread_administrator_enabled',
      sqlServerCase({
        administrators: [{ name: 'x', properties: { administratorType: 'Other', login: 'x' } }],
      }),
    );
    expect(f.status).toBe('fail');
  });
});

describe('SQL transparent data encryption', () => {
  it('master is outside the population (TDE cannot encrypt it)', () => {
    const found = findingsOf(
      'sqlserver_tde_encryption_enabled',
      sqlDbCase(
        { transparentDataEncryption: { properties: { state: 'Disabled' } } },
        `${SQL_SERVER_ID}/databases/master`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('a server whose database list failed answers error; one that listed them does not', () => {
    const server = (config: Record<string, unknown>) =>
      azureResource('Microsoft.Sql/servers', SQL_SERVER_ID, config);
    const failed = findingsOf('sqlserver_tde_encryption_enabled', { resources: [server({})] });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ resourceUid: SQL_SERVER_ID.toLowerCase(), status: 'error' });
    expect(failed[0].reason).toMatch(
      /Databases of SQL server sql-test were not collected \(Databases_ListByServer failed\)/,
    );
    const listed = findingsOf('sqlserver_tde_encryption_enabled', {
      resources: [
        server({ databaseNames: ['appdb'] }),
        ...sqlDbCase({ transparentDataEncryption: { properties: { state: 'Enabled' } } }).resources,
      ],
    });
    expect(listed.map((f) => [f.resourceUid, f.status])).toEqual([[SQL_DB_ID.toLowerCase(), 'pass']]);
  });
});

describe('flexible server parameters', () => {
  it('PostgreSQL values are case-insensitive; a parameter missing from the list is an error', () => {
    expect(
      judge(
        'postgresql_flexible_server_enforce_ssl_enabled',
        pgCase(params({ require_secure_transport: 'ON' })),
      ).status,
    ).toBe('pass');
    const missing = judge(
      'postgresql_flexible_server_log_checkpoints_on',
      pgCase(params({ log_connections: 'on' })),
    );
    expect(missing.status).toBe('error');
    expect(missing.reason).toBe(
      'Server parameter log_checkpoints of PostgreSQL flexible server pg-test was not reported among its 1 parameters, so checkpoint logging is unconfirmed',
    );
  });

  it('MySQL tls_version: any deprecated version fails, 1.2 / 1.3 alone pass, an unknown set is an error', () => {
    const tls = (v: string) =>
      judge('mysql_flexible_server_minimum_tls_version_12', mysqlCase(params({ tls_version: v }))).status;
    expect(tls('TLSv1.2')).toBe('pass');
    expect(tls('TLSv1.3')).toBe('pass');
    expect(tls('TLSv1.2, TLSv1.3')).toBe('pass');
    expect(tls('TLSv1,TLSv1.2')).toBe('fail');
    expect(tls('TLSv1.1')).toBe('fail');
    expect(tls('SSLv3')).toBe('error');
  });
});

describe('virtual machines', () => {
  it('an unmanaged OS disk fails managed disks and CMK, naming the disk', () => {
    const c = vmCase(storage(vhd('legacy-os'), [managed('data0', true)]));
    expect(judge('vm_ensure_using_managed_disks', c).reason).toBe(
      'Virtual machine vm-test uses unmanaged (VHD) disks: legacy-os',
    );
    expect(judge('vm_ensure_attached_disks_encrypted_with_cmk', c).reason).toMatch(
      /without a customer-managed key .*: legacy-os$/,
    );
  });

  it('a confidential VM disk encryption set counts as a customer-managed key', () => {
    const os = {
      name: 'os',
      managedDisk: {
        securityProfile: {
          securityEncryptionType: 'DiskWithVMGuestState',
          diskEncryptionSet: { id: '/x/des' },
        },
      },
    };
    expect(judge('vm_ensure_attached_disks_encrypted_with_cmk', vmCase(storage(os))).status).toBe('pass');
  });

  it('Trusted Launch: absent profile fails by the documented default, Standard fails, missing UEFI settings error', () => {
    const tl = (securityProfile?: Record<string, unknown>) =>
      judge(
        'vm_trusted_launch_enabled',
        vmCase({ properties: securityProfile ? { securityProfile } : { vmId: 'v' } }),
      );
    expect(tl()).toMatchObject({
      status: 'fail',
      reason:
        'Security type of virtual machine vm-test not reported (no securityProfile.securityType); the service default is Standard, without secure boot or vTPM',
    });
    expect(tl({ securityType: 'Standard' }).status).toBe('fail');
    expect(
      tl({ securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: false } })
        .reason,
    ).toBe('Virtual machine vm-test uses TrustedLaunch but secure boot is on and vTPM is off');
    expect(
      tl({ securityType: 'ConfidentialVM', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } })
        .status,
    ).toBe('pass');
    expect(tl({ securityType: 'TrustedLaunch' }).reason).toMatch(/not reported/);
  });

  it('public IP on any of several NICs fails; a VM with no NIC reference passes', () => {
    const two = judge('vm_no_public_ip', vmCase({ networkInterfaces: [nic('a', false), nic('b', true)] }));
    expect(two.status).toBe('fail');
    expect(two.reason).toBe('Virtual machine vm-test has a public IP address on b/ipconfig1');
    expect(judge('vm_no_public_ip', vmCase({ networkInterfaces: [] })).reason).toBe(
      'None of the 0 network interfaces of virtual machine vm-test has a public IP address',
    );
    const missing = judge('vm_no_public_ip', vmCase({}));
    expect(missing.reason).toMatch(/were not collected \(NetworkInterfaces_Get failed\)/);
  });
});

describe('App Service', () => {
  it('no identity block fails by the documented default; both identity kinds pass', () => {
    expect(judge('app_register_with_identity', appCase({})).reason).toBe(
      'Managed identity of app app-test not reported (no identity block); the service default is no managed identity',
    );
    expect(
      judge('app_register_with_identity', appCase({ identity: { type: 'SystemAssigned, UserAssigned' } }))
        .status,
    ).toBe('pass');
  });

  it('reads config/web only: a null setting there is not reported, the list siteConfig is ignored', () => {
    const c = appCase({
      properties: { siteConfig: { minTlsVersion: '1.2' } },
      ...webConfig({ minTlsVersion: null }),
    });
    const f = judge('app_minimum_tls_version_12', c);
    expect(f.status).toBe('error');
    expect(f.reason).toBe(
      'Setting minTlsVersion of app app-test was not reported in its site configuration, so the minimum TLS version is unconfirmed',
    );
    expect(judge('app_ftp_deployment_disabled', appCase(webConfig({ ftpsState: 'Disabled' }))).status).toBe(
      'pass',
    );
  });
});
