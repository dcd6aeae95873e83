// The demo tenant's data facts: per subscription id, and tenant-wide (Graph) where the group needs them.
//
// Production (3f9a2c71-...), what each check should find:
//  SQL servers
//   - nwh-sql-clinical: auditing Enabled 180 days, firewall only the office range, Entra ID admin group,
//     minimal TLS 1.2, public access disabled; database patients TDE Enabled -> passes every SQL check.
//   - nwh-sql-reporting: auditing Enabled but 30 days (retention fails), firewall AllowAll 0.0.0.0-255.255.255.255
//     (unrestricted fails) and AllowAllWindowsAzureIps 0.0.0.0-0.0.0.0 (Azure services fails), no Entra ID admin
//     (fails), minimal TLS 1.0 (fails), public access Enabled (fails); database reports TDE Disabled (fails).
//   - nwh-sql-legacy: auditing Disabled (auditing and retention fail), no minimalTlsVersion in ARM's answer
//     (TLS check: error, not reported), public access Enabled (fails), Entra ID admin set (pass); database
//     archive TDE Enabled (pass).
//   - every server's master database: not judged by the TDE check (Azure cannot encrypt master).
//  PostgreSQL flexible servers
//   - nwh-pg-claims: require_secure_transport, log_checkpoints and log_connections on -> pass all three.
//   - nwh-pg-analytics: all three off -> fail all three.
//  MySQL flexible servers
//   - nwh-mysql-portal: require_secure_transport ON, tls_version TLSv1.2,TLSv1.3 -> pass both.
//   - nwh-mysql-legacy: require_secure_transport OFF, tls_version TLSv1,TLSv1.1,TLSv1.2 -> fail both.
//  Virtual machines
//   - vm-ehr-app-01: managed disks with a disk encryption set (CMK), Trusted Launch (secure boot + vTPM), no
//     public IP -> passes all four VM checks.
//   - vm-legacy-ftp: unmanaged VHD OS disk (managed disks and CMK fail), no securityProfile (Trusted Launch
//     fails: the service default is Standard), public IP (fails).
//   - vm-jump-01: managed disks with platform-managed keys (CMK fails), Trusted Launch with secure boot off
//     (fails), public IP (fails).
//  App Service
//   - nwh-patient-portal: HTTPS only, TLS 1.2, FTPS only, system-assigned identity -> passes all four.
//   - nwh-marketing: HTTP allowed, TLS 1.0, FTP AllAllowed, no identity -> fails all four.
//   - nwh-func-intake (function app): HTTPS only, TLS 1.2, FTP Disabled, user-assigned identity -> passes.
// Development (b8e4d0c2-...): one of each, all well configured.
import type { DataSection, DataTenantSection } from '../sections/data';
import {
  flexibleServer,
  mysqlSecureTransport,
  mysqlTlsVersion,
  pgParam,
  sqlServer,
  virtualMachine,
  webApp,
} from './data-builders';
import { NORTHWIND_PROD_SUBSCRIPTION as P, NORTHWIND_DEV_SUBSCRIPTION as D } from '../ids';

const OFFICE = { name: 'nwh-office', start: '203.0.113.0', end: '203.0.113.255' };

function section(
  vms: ReturnType<typeof virtualMachine>[],
  rest: Omit<DataSection, 'virtualMachines' | 'networkInterfaces'>,
): DataSection {
  return { ...rest, virtualMachines: vms.map((v) => v.vm), networkInterfaces: vms.map((v) => v.nic) };
}

const production = section(
  [
    virtualMachine({
      sub: P,
      rg: 'rg-ehr',
      name: 'vm-ehr-app-01',
      location: 'eastus',
      managed: true,
      cmk: true,
      trustedLaunch: { secureBoot: true, vTpm: true },
      publicIp: false,
    }),
    virtualMachine({
      sub: P,
      rg: 'rg-legacy',
      name: 'vm-legacy-ftp',
      location: 'westeurope',
      managed: false,
      cmk: false,
      publicIp: true,
    }),
    virtualMachine({
      sub: P,
      rg: 'rg-mgmt',
      name: 'vm-jump-01',
      location: 'eastus',
      managed: true,
      cmk: false,
      trustedLaunch: { secureBoot: false, vTpm: true },
      publicIp: true,
    }),
  ],
  {
    sqlServers: [
      sqlServer({
        sub: P,
        rg: 'rg-clinical',
        name: 'nwh-sql-clinical',
        location: 'eastus',
        minimalTlsVersion: '1.2',
        publicNetworkAccess: 'Disabled',
        auditing: { state: 'Enabled', retentionDays: 180 },
        firewall: [OFFICE],
        entraAdmin: 'sg-sql-admins',
        databases: [{ name: 'patients', tde: 'Enabled' }],
      }),
      sqlServer({
        sub: P,
        rg: 'rg-reporting',
        name: 'nwh-sql-reporting',
        location: 'westeurope',
        minimalTlsVersion: '1.0',
        publicNetworkAccess: 'Enabled',
        auditing: { state: 'Enabled', retentionDays: 30 },
        firewall: [
          { name: 'AllowAll', start: '0.0.0.0', end: '255.255.255.255' },
          { name: 'AllowAllWindowsAzureIps', start: '0.0.0.0', end: '0.0.0.0' },
        ],
        entraAdmin: null,
        databases: [{ name: 'reports', tde: 'Disabled' }],
      }),
      sqlServer({
        sub: P,
        rg: 'rg-archive',
        name: 'nwh-sql-legacy',
        location: 'westeurope',
        publicNetworkAccess: 'Enabled',
        auditing: { state: 'Disabled', retentionDays: 0 },
        firewall: [OFFICE],
        entraAdmin: 'sg-sql-admins',
        databases: [{ name: 'archive', tde: 'Enabled' }],
      }),
    ],
    postgresqlServers: [
      flexibleServer('postgresql', P, 'rg-claims', 'nwh-pg-claims', 'eastus', [
        pgParam('require_secure_transport', 'on'),
        pgParam('log_checkpoints', 'on'),
        pgParam('log_connections', 'on'),
      ]),
      flexibleServer('postgresql', P, 'rg-analytics', 'nwh-pg-analytics', 'westeurope', [
        pgParam('require_secure_transport', 'off'),
        pgParam('log_checkpoints', 'off'),
        pgParam('log_connections', 'off'),
      ]),
    ],
    mysqlServers: [
      flexibleServer('mysql', P, 'rg-portal', 'nwh-mysql-portal', 'eastus', [
        mysqlSecureTransport('ON'),
        mysqlTlsVersion('TLSv1.2,TLSv1.3'),
      ]),
      flexibleServer('mysql', P, 'rg-legacy', 'nwh-mysql-legacy', 'westeurope', [
        mysqlSecureTransport('OFF'),
        mysqlTlsVersion('TLSv1,TLSv1.1,TLSv1.2'),
      ]),
    ],
    webApps: [
      webApp({
        sub: P,
        rg: 'rg-portal',
        name: 'nwh-patient-portal',
        location: 'East US',
        httpsOnly: true,
        minTlsVersion: '1.2',
        ftpsState: 'FtpsOnly',
        identity: 'SystemAssigned',
      }),
      webApp({
        sub: P,
        rg: 'rg-web',
        name: 'nwh-marketing',
        location: 'East US',
        httpsOnly: false,
        minTlsVersion: '1.0',
        ftpsState: 'AllAllowed',
      }),
      webApp({
        sub: P,
        rg: 'rg-intake',
        name: 'nwh-func-intake',
        location: 'West Europe',
        kind: 'functionapp',
        httpsOnly: true,
        minTlsVersion: '1.2',
        ftpsState: 'Disabled',
        identity: 'UserAssigned',
      }),
    ],
  },
);

const development = section(
  [
    virtualMachine({
      sub: D,
      rg: 'rg-dev',
      name: 'vm-dev-build',
      location: 'eastus',
      managed: true,
      cmk: true,
      trustedLaunch: { secureBoot: true, vTpm: true },
      publicIp: false,
    }),
  ],
  {
    sqlServers: [
      sqlServer({
        sub: D,
        rg: 'rg-dev',
        name: 'nwh-sql-dev',
        location: 'eastus',
        minimalTlsVersion: '1.2',
        publicNetworkAccess: 'Disabled',
        auditing: { state: 'Enabled', retentionDays: 0 },
        firewall: [],
        entraAdmin: 'sg-dev-sql-admins',
        databases: [{ name: 'devdb', tde: 'Enabled' }],
      }),
    ],
    postgresqlServers: [
      flexibleServer('postgresql', D, 'rg-dev', 'nwh-pg-dev', 'eastus', [
        pgParam('require_secure_transport', 'on'),
        pgParam('log_checkpoints', 'on'),
        pgParam('log_connections', 'on'),
      ]),
    ],
    mysqlServers: [
      flexibleServer('mysql', D, 'rg-dev', 'nwh-mysql-dev', 'eastus', [
        mysqlSecureTransport('ON'),
        mysqlTlsVersion('TLSv1.2'),
      ]),
    ],
    webApps: [
      webApp({
        sub: D,
        rg: 'rg-dev',
        name: 'nwh-dev-portal',
        location: 'East US',
        httpsOnly: true,
        minTlsVersion: '1.3',
        ftpsState: 'Disabled',
        identity: 'SystemAssigned',
      }),
    ],
  },
);

export const DATA_BY_SUBSCRIPTION: Record<string, DataSection> = { [P]: production, [D]: development };
export const DATA_TENANT: DataTenantSection | undefined = undefined;
