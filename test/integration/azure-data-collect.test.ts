// The data group's collectors (SQL, PostgreSQL / MySQL flexible servers, VMs, App Service) over the demo tenant
// through the REAL REST client and pipeline against the loopback replay server: the population and ARM JSON
// kept as returned, follow-ups under their documented keys, paging, gaps from injected 403s, and the checks'
// statuses over what was collected (as main/demo/azure/data/data.ts predicts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import {
  AZURE_MYSQL_FLEXIBLE_SERVER,
  AZURE_POSTGRESQL_FLEXIBLE_SERVER,
  AZURE_SQL_DATABASE,
  AZURE_SQL_SERVER,
  AZURE_VIRTUAL_MACHINE,
  AZURE_WEB_APP,
} from '../../main/collect/azure/data-shapes';
import type { CollectionBuffer } from '../../main/collect/types';
import { NORTHWIND_DEV_SUBSCRIPTION, NORTHWIND_PROD_SUBSCRIPTION } from '../../main/demo/azure/estate';
import { startAzureHarness, type AzureHarness } from '../fixtures/azure/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

type Cfg = Record<string, unknown> & { properties: Record<string, unknown> };
const P = NORTHWIND_PROD_SUBSCRIPTION;
const DATA_SERVICES = new Set(['sql', 'postgresql', 'mysql', 'vm', 'app']);
const DATA_CHECKS = allChecks.filter((c) => c.provider === 'azure' && DATA_SERVICES.has(c.service));
const DATA_OPERATIONS = [
  'Servers_List',
  'ServerBlobAuditingPolicies_Get',
  'FirewallRules_ListByServer',
  'ServerAzureADAdministrators_ListByServer',
  'Databases_ListByServer',
  'TransparentDataEncryptions_Get',
  'PostgreSqlFlexibleServers_List',
  'PostgreSqlFlexibleConfigurations_ListByServer',
  'MySqlFlexibleServers_List',
  'MySqlFlexibleConfigurations_ListByServer',
  'VirtualMachines_ListAll',
  'NetworkInterfaces_Get',
  'WebApps_List',
  'WebApps_GetConfiguration',
];

/** checkId -> resource name -> status, plus the findings. */
function judge(buffer: CollectionBuffer, account = P) {
  const fx = makeSnapshot({
    resources: buffer.resources,
    gaps: buffer.gaps,
    checks: DATA_CHECKS,
    provider: 'azure',
    account,
  });
  try {
    const names = new Map(buffer.resources.map((r) => [r.uid, r.name]));
    const out: Record<string, Record<string, string>> = {};
    const findings = fx.findings();
    for (const f of findings) (out[f.checkId] ??= {})[names.get(f.resourceUid) ?? f.resourceUid] = f.status;
    return { out, findings };
  } finally {
    fx.close();
  }
}

const namesOf = (b: CollectionBuffer, type: string) =>
  b.resources
    .filter((r) => r.type === type)
    .map((r) => r.name)
    .sort();

describe('data group collection over the demo production subscription', () => {
  let h: AzureHarness;
  beforeAll(async () => {
    h = await startAzureHarness();
    await h.collect();
  });
  afterAll(() => h.close());

  it('collects every SQL server, database, flexible server, VM and app', () => {
    const b = h.buffer;
    expect(namesOf(b, AZURE_SQL_SERVER)).toEqual(['nwh-sql-clinical', 'nwh-sql-legacy', 'nwh-sql-reporting']);
    expect(namesOf(b, AZURE_SQL_DATABASE)).toEqual([
      'nwh-sql-clinical/master',
      'nwh-sql-clinical/patients',
      'nwh-sql-legacy/archive',
      'nwh-sql-legacy/master',
      'nwh-sql-reporting/master',
      'nwh-sql-reporting/reports',
    ]);
    expect(namesOf(b, AZURE_POSTGRESQL_FLEXIBLE_SERVER)).toEqual(['nwh-pg-analytics', 'nwh-pg-claims']);
    expect(namesOf(b, AZURE_MYSQL_FLEXIBLE_SERVER)).toEqual(['nwh-mysql-legacy', 'nwh-mysql-portal']);
    expect(namesOf(b, AZURE_VIRTUAL_MACHINE)).toEqual(['vm-ehr-app-01', 'vm-jump-01', 'vm-legacy-ftp']);
    expect(namesOf(b, AZURE_WEB_APP)).toEqual(['nwh-func-intake', 'nwh-marketing', 'nwh-patient-portal']);
    for (const r of b.resources.filter((x) => DATA_SERVICES.has(x.service))) {
      expect(r.uid).toBe(String((r.config as Cfg).id).toLowerCase());
      expect(r.provider).toBe('azure');
    }
  });

  it('keeps ARM JSON as returned, follow-ups under their documented keys', () => {
    const byName = (type: string, name: string) =>
      h.buffer.resources.find((r) => r.type === type && r.name === name)!.config as Cfg;
    const reporting = byName(AZURE_SQL_SERVER, 'nwh-sql-reporting');
    expect(reporting.properties).toMatchObject({ minimalTlsVersion: '1.0', publicNetworkAccess: 'Enabled' });
    expect(reporting.auditingSettings).toMatchObject({
      name: 'default',
      properties: { state: 'Enabled', retentionDays: 30 },
    });
    expect((reporting.firewallRules as Cfg[]).map((r) => r.name)).toEqual([
      'AllowAll',
      'AllowAllWindowsAzureIps',
    ]);
    expect(reporting.administrators).toEqual([]);
    expect(reporting.databaseNames).toEqual(['master', 'reports']);
    expect(byName(AZURE_SQL_SERVER, 'nwh-sql-legacy').properties).not.toHaveProperty('minimalTlsVersion');
    expect(byName(AZURE_SQL_DATABASE, 'nwh-sql-reporting/reports').transparentDataEncryption).toMatchObject({
      properties: { state: 'Disabled' },
    });
    const claims = byName(AZURE_POSTGRESQL_FLEXIBLE_SERVER, 'nwh-pg-claims');
    expect((claims.configurations as Cfg[]).map((c) => [c.name, c.properties.value])).toEqual([
      ['require_secure_transport', 'on'],
      ['log_checkpoints', 'on'],
      ['log_connections', 'on'],
    ]);
    const jump = byName(AZURE_VIRTUAL_MACHINE, 'vm-jump-01');
    expect(jump.properties.securityProfile).toEqual({
      uefiSettings: { secureBootEnabled: false, vTpmEnabled: true },
      securityType: 'TrustedLaunch',
    });
    const nics = jump.networkInterfaces as Cfg[];
    expect(nics).toHaveLength(1);
    expect(nics[0].name).toBe('vm-jump-01-nic');
    const marketing = byName(AZURE_WEB_APP, 'nwh-marketing');
    expect(marketing.properties.httpsOnly).toBe(false);
    expect(marketing).not.toHaveProperty('identity');
    expect((marketing.properties.siteConfig as Cfg).minTlsVersion).toBeNull();
    expect(marketing.webConfig).toMatchObject({
      name: 'web',
      properties: { minTlsVersion: '1.0', ftpsState: 'AllAllowed' },
    });
  });

  it('follows every page (page size 2) and records no gap', () => {
    const pages = (op: string) => h.buffer.raws.filter((r) => r.operation === op).map((r) => r.params.page);
    expect(pages('Servers_List')).toEqual([1, 2]);
    expect(pages('VirtualMachines_ListAll')).toEqual([1, 2]);
    expect(pages('WebApps_List')).toEqual([1, 2]);
    expect(pages('PostgreSqlFlexibleServers_List')).toEqual([1]);
    // Three parameters per PostgreSQL server: two pages each.
    expect(pages('PostgreSqlFlexibleConfigurations_ListByServer').sort()).toEqual([1, 1, 2, 2]);
    expect(h.buffer.raws.filter((r) => r.operation === 'TransparentDataEncryptions_Get')).toHaveLength(6);
    expect(h.buffer.raws.filter((r) => r.operation === 'NetworkInterfaces_Get')).toHaveLength(3);
    expect(h.buffer.gaps.filter((g) => DATA_OPERATIONS.includes(g.operation))).toEqual([]);
  });

  it('the checks answer what the estate comments predict', () => {
    const { out, findings } = judge(h.buffer);
    const sql = (clinical: string, reporting: string, legacy: string) => ({
      'nwh-sql-clinical': clinical,
      'nwh-sql-reporting': reporting,
      'nwh-sql-legacy': legacy,
    });
    expect(out.sqlserver_auditing_enabled).toEqual(sql('pass', 'pass', 'fail'));
    expect(out.sqlserver_auditing_retention_90_days).toEqual(sql('pass', 'fail', 'fail'));
    expect(out.sqlserver_unrestricted_inbound_access).toEqual(sql('pass', 'fail', 'pass'));
    expect(out.sqlserver_allow_azure_services_disabled).toEqual(sql('pass', 'fail', 'pass'));
    expect(out.sqlserver_azuread_administrator_enabled).toEqual(sql('pass', 'fail', 'pass'));
    expect(out.sqlserver_recommended_minimal_tls_version).toEqual(sql('pass', 'fail', 'error'));
    expect(out.sqlserver_public_network_access_disabled).toEqual(sql('pass', 'fail', 'fail'));
    expect(out.sqlserver_tde_encryption_enabled).toEqual({
      'nwh-sql-clinical/patients': 'pass',
      'nwh-sql-reporting/reports': 'fail',
      'nwh-sql-legacy/archive': 'pass',
    });
    const pg = { 'nwh-pg-claims': 'pass', 'nwh-pg-analytics': 'fail' };
    expect(out.postgresql_flexible_server_enforce_ssl_enabled).toEqual(pg);
    expect(out.postgresql_flexible_server_log_checkpoints_on).toEqual(pg);
    expect(out.postgresql_flexible_server_log_connections_on).toEqual(pg);
    const my = { 'nwh-mysql-portal': 'pass', 'nwh-mysql-legacy': 'fail' };
    expect(out.mysql_flexible_server_ssl_connection_enabled).toEqual(my);
    expect(out.mysql_flexible_server_minimum_tls_version_12).toEqual(my);
    const vm = (ehr: string, legacy: string, jump: string) => ({
      'vm-ehr-app-01': ehr,
      'vm-legacy-ftp': legacy,
      'vm-jump-01': jump,
    });
    expect(out.vm_ensure_using_managed_disks).toEqual(vm('pass', 'fail', 'pass'));
    expect(out.vm_ensure_attached_disks_encrypted_with_cmk).toEqual(vm('pass', 'fail', 'fail'));
    expect(out.vm_trusted_launch_enabled).toEqual(vm('pass', 'fail', 'fail'));
    expect(out.vm_no_public_ip).toEqual(vm('pass', 'fail', 'fail'));
    const app = { 'nwh-patient-portal': 'pass', 'nwh-marketing': 'fail', 'nwh-func-intake': 'pass' };
    for (const id of [
      'app_ensure_http_is_redirected_to_https',
      'app_minimum_tls_version_12',
      'app_ftp_deployment_disabled',
      'app_register_with_identity',
    ])
      expect(out[id], id).toEqual(app);

    const reason = (checkId: string, uidPart: string) =>
      findings.find((f) => f.checkId === checkId && f.resourceUid.includes(uidPart))!.reason;
    expect(reason('sqlserver_unrestricted_inbound_access', 'nwh-sql-reporting')).toBe(
      'SQL server nwh-sql-reporting has firewall rule AllowAll allowing every IPv4 address (0.0.0.0-255.255.255.255)',
    );
    expect(reason('vm_trusted_launch_enabled', 'vm-legacy-ftp')).toMatch(
      /not reported .*the service default is Standard/,
    );
    expect(reason('vm_no_public_ip', 'vm-jump-01')).toBe(
      'Virtual machine vm-jump-01 has a public IP address on vm-jump-01-nic/ipconfig1',
    );
    expect(reason('mysql_flexible_server_minimum_tls_version_12', 'nwh-mysql-legacy')).toBe(
      'MySQL flexible server nwh-mysql-legacy accepts deprecated TLS versions (tls_version TLSv1,TLSv1.1,TLSv1.2)',
    );
  });
});

describe('the development subscription', () => {
  it('passes every data check', async () => {
    const h = await startAzureHarness({ subscriptionId: NORTHWIND_DEV_SUBSCRIPTION });
    try {
      await h.collect();
      const { findings } = judge(h.buffer, NORTHWIND_DEV_SUBSCRIPTION);
      expect(new Set(findings.map((f) => f.checkId))).toEqual(new Set(DATA_CHECKS.map((c) => c.id)));
      // One server, database, VM and app of each kind: one finding per check.
      expect(findings).toHaveLength(DATA_CHECKS.length);
      for (const f of findings) expect(`${f.checkId} ${f.resourceUid} ${f.status}`).toMatch(/ pass$/);
    } finally {
      await h.close();
    }
  });
});

describe('a denied call is a gap naming the resource, and its checks answer error', () => {
  let h: AzureHarness;
  let out: Record<string, Record<string, string>>;
  let findings: ReturnType<typeof judge>['findings'];
  beforeAll(async () => {
    h = await startAzureHarness({
      faults: [
        { operation: 'ServerBlobAuditingPolicies_Get', kind: 'denied', match: 'nwh-sql-clinical' },
        { operation: 'Databases_ListByServer', kind: 'denied', match: 'nwh-sql-legacy' },
        { operation: 'NetworkInterfaces_Get', kind: 'denied', match: 'vm-ehr-app-01' },
        { operation: 'WebApps_List', kind: 'denied' },
      ],
    });
    await h.collect();
    ({ out, findings } = judge(h.buffer));
  });
  afterAll(() => h.close());

  it('records one AuthorizationFailed gap per denied call, naming the subscription and resource', () => {
    const gaps = h.buffer.gaps.filter((g) => DATA_OPERATIONS.includes(g.operation));
    expect(gaps.map((g) => [g.operation, g.resource, g.code]).sort()).toEqual([
      ['Databases_ListByServer', 'nwh-sql-legacy', 'AuthorizationFailed'],
      ['NetworkInterfaces_Get', 'vm-ehr-app-01: vm-ehr-app-01-nic', 'AuthorizationFailed'],
      ['ServerBlobAuditingPolicies_Get', 'nwh-sql-clinical', 'AuthorizationFailed'],
      ['WebApps_List', null, 'AuthorizationFailed'],
    ]);
    const audit = gaps.find((g) => g.operation === 'ServerBlobAuditingPolicies_Get')!;
    expect(audit.message).toContain('Microsoft.Sql/servers/auditingSettings/read');
    expect(audit.message).toContain(P);
    // The failed follow-up leaves its key absent; the others are still collected.
    const clinical = h.buffer.resources.find((r) => r.name === 'nwh-sql-clinical')!.config as Cfg;
    expect(clinical).not.toHaveProperty('auditingSettings');
    expect(clinical.firewallRules).toHaveLength(1);
    expect(namesOf(h.buffer, AZURE_WEB_APP)).toEqual([]);
  });

  it('the affected checks answer error with a reason saying what was not collected', () => {
    const reasonOf = (checkId: string, uidPart: string) =>
      findings.find((f) => f.checkId === checkId && f.resourceUid.includes(uidPart));
    expect(out.sqlserver_auditing_enabled['nwh-sql-clinical']).toBe('error');
    expect(reasonOf('sqlserver_auditing_enabled', 'nwh-sql-clinical')!.reason).toMatch(
      /not collected \(ServerBlobAuditingPolicies_Get failed\)/,
    );
    expect(out.sqlserver_auditing_enabled['nwh-sql-reporting']).toBe('pass');
    // The legacy server's databases are unknown: the server answers error for them, and none is judged.
    expect(out.sqlserver_tde_encryption_enabled['nwh-sql-legacy']).toBe('error');
    expect(out.sqlserver_tde_encryption_enabled).not.toHaveProperty('nwh-sql-legacy/archive');
    expect(out.vm_no_public_ip['vm-ehr-app-01']).toBe('error');
    expect(out.vm_no_public_ip['vm-jump-01']).toBe('fail');
    // The app list itself failed: the subscription answers error for every App Service check.
    for (const id of [
      'app_ensure_http_is_redirected_to_https',
      'app_minimum_tls_version_12',
      'app_ftp_deployment_disabled',
      'app_register_with_identity',
    ]) {
      expect(out[id], id).toEqual({ 'Northwind Health Production': 'error' });
      expect(reasonOf(id, `/subscriptions/${P}`)!.reason).toMatch(
        /were not collected \(WebApps_List failed: AuthorizationFailed\)/,
      );
    }
  });
});
