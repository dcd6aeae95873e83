// Pass, fail and data-missing fixtures for the Azure data group's checks (merged into CHECK_FIXTURES). Configs
// are ARM JSON as returned, with the follow-ups under the keys of main/collect/azure/data-shapes.ts; "error"
// cases leave the deciding follow-up ABSENT, as a failed call does.
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { azureResource } from './azure';

const SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-test/providers`;
type Json = Record<string, unknown>;

function one(type: string, id: string, config: Json): CheckCase {
  return { resources: [azureResource(type, id, config)], uid: id.toLowerCase() };
}

export const SQL_SERVER_ID = `${RG}/Microsoft.Sql/servers/sql-test`;
export const sqlServerCase = (config: Json): CheckCase =>
  one('Microsoft.Sql/servers', SQL_SERVER_ID, { kind: 'v12.0', properties: { state: 'Ready' }, ...config });
export const auditing = (state: string, retentionDays: number) => ({
  auditingSettings: { name: 'default', properties: { state, retentionDays } },
});
export const firewall = (...rules: [string, string, string][]) => ({
  firewallRules: rules.map(([name, startIpAddress, endIpAddress]) => ({
    name,
    properties: { startIpAddress, endIpAddress },
  })),
});

export const SQL_DB_ID = `${SQL_SERVER_ID}/databases/appdb`;
export const sqlDbCase = (config: Json, id = SQL_DB_ID): CheckCase =>
  one('Microsoft.Sql/servers/databases', id, config);
const tde = (state: string) => ({ transparentDataEncryption: { name: 'current', properties: { state } } });

export const PG_ID = `${RG}/Microsoft.DBforPostgreSQL/flexibleServers/pg-test`;
export const MYSQL_ID = `${RG}/Microsoft.DBforMySQL/flexibleServers/mysql-test`;
export const params = (values: Record<string, string>) => ({
  configurations: Object.entries(values).map(([name, value]) => ({ name, properties: { value } })),
});
export const pgCase = (config: Json) =>
  one('Microsoft.DBforPostgreSQL/flexibleServers', PG_ID, { properties: { state: 'Ready' }, ...config });
export const mysqlCase = (config: Json) =>
  one('Microsoft.DBforMySQL/flexibleServers', MYSQL_ID, { properties: { state: 'Ready' }, ...config });

export const VM_ID = `${RG}/Microsoft.Compute/virtualMachines/vm-test`;
export const vmCase = (config: Json) => one('Microsoft.Compute/virtualMachines', VM_ID, config);
const DES = { id: `${RG}/Microsoft.Compute/diskEncryptionSets/des-test` };
export const managed = (name: string, cmk: boolean) => ({
  name,
  managedDisk: { storageAccountType: 'Premium_LRS', ...(cmk ? { diskEncryptionSet: DES } : {}) },
});
export const vhd = (name: string) => ({
  name,
  vhd: { uri: `https://sttest.blob.core.windows.net/vhds/${name}.vhd` },
});
export const storage = (osDisk: Json, dataDisks: Json[] = []) => ({
  properties: { storageProfile: { osDisk, dataDisks } },
});
export const security = (securityProfile?: Json) => ({
  properties: securityProfile ? { securityProfile } : { provisioningState: 'Succeeded' },
});
export const nic = (name: string, publicIp: boolean) => ({
  name,
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1',
        properties: {
          privateIPAddress: '10.0.0.4',
          ...(publicIp
            ? { publicIPAddress: { id: `${RG}/Microsoft.Network/publicIPAddresses/${name}-ip` } }
            : {}),
        },
      },
    ],
  },
});

export const APP_ID = `${RG}/Microsoft.Web/sites/app-test`;
export const appCase = (config: Json) => one('Microsoft.Web/sites', APP_ID, { kind: 'app', ...config });
export const webConfig = (properties: Json) => ({ webConfig: { name: 'web', properties } });

export const AZURE_DATA_FIXTURES: Record<string, CheckFixtures> = {
  sqlserver_auditing_enabled: {
    pass: sqlServerCase(auditing('Enabled', 90)),
    fail: sqlServerCase(auditing('Disabled', 0)),
    // auditingSettings/default could not be read.
    error: sqlServerCase({}),
  },
  sqlserver_auditing_retention_90_days: {
    pass: sqlServerCase(auditing('Enabled', 0)),
    fail: sqlServerCase(auditing('Enabled', 30)),
    error: sqlServerCase({}),
  },
  sqlserver_unrestricted_inbound_access: {
    pass: sqlServerCase(firewall(['office', '203.0.113.0', '203.0.113.255'])),
    fail: sqlServerCase(firewall(['AllowAll', '0.0.0.0', '255.255.255.255'])),
    error: sqlServerCase({}),
  },
  sqlserver_allow_azure_services_disabled: {
    pass: sqlServerCase(firewall()),
    fail: sqlServerCase(firewall(['AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0'])),
    error: sqlServerCase({}),
  },
  sqlserver_azuread_administrator_enabled: {
    pass: sqlServerCase({
      administrators: [
        { name: 'ActiveDirectory', properties: { administratorType: 'ActiveDirectory', login: 'sg-dba' } },
      ],
    }),
    fail: sqlServerCase({ administrators: [] }),
    error: sqlServerCase({}),
  },
  sqlserver_tde_encryption_enabled: {
    pass: sqlDbCase(tde('Enabled')),
    fail: sqlDbCase(tde('Disabled')),
    error: sqlDbCase({}),
  },
  sqlserver_recommended_minimal_tls_version: {
    pass: sqlServerCase({ properties: { minimalTlsVersion: '1.2' } }),
    fail: sqlServerCase({ properties: { minimalTlsVersion: 'None' } }),
    // Absent from ARM's answer: the effective minimum is not reported.
    error: sqlServerCase({ properties: { state: 'Ready' } }),
  },
  sqlserver_public_network_access_disabled: {
    pass: sqlServerCase({ properties: { publicNetworkAccess: 'Disabled' } }),
    fail: sqlServerCase({ properties: { publicNetworkAccess: 'Enabled' } }),
    error: sqlServerCase({ properties: { state: 'Ready' } }),
  },
  postgresql_flexible_server_log_connections_on: {
    pass: pgCase(params({ log_connections: 'on' })),
    fail: pgCase(params({ log_connections: 'off' })),
    error: pgCase({}),
  },
  postgresql_flexible_server_enforce_ssl_enabled: {
    pass: pgCase(params({ require_secure_transport: 'on' })),
    fail: pgCase(params({ require_secure_transport: 'off' })),
    error: pgCase({}),
  },
  postgresql_flexible_server_log_checkpoints_on: {
    pass: pgCase(params({ log_checkpoints: 'on' })),
    fail: pgCase(params({ log_checkpoints: 'off' })),
    error: pgCase({}),
  },
  mysql_flexible_server_ssl_connection_enabled: {
    pass: mysqlCase(params({ require_secure_transport: 'ON' })),
    fail: mysqlCase(params({ require_secure_transport: 'OFF' })),
    error: mysqlCase({}),
  },
  mysql_flexible_server_minimum_tls_version_12: {
    pass: mysqlCase(params({ tls_version: 'TLSv1.2,TLSv1.3' })),
    fail: mysqlCase(params({ tls_version: 'TLSv1.1,TLSv1.2' })),
    error: mysqlCase({}),
  },
  vm_ensure_using_managed_disks: {
    pass: vmCase(storage(managed('os', false), [managed('data0', false)])),
    fail: vmCase(storage(managed('os', false), [vhd('data0')])),
    error: vmCase({ properties: {} }),
  },
  vm_ensure_attached_disks_encrypted_with_cmk: {
    pass: vmCase(storage(managed('os', true), [managed('data0', true)])),
    fail: vmCase(storage(managed('os', true), [managed('data0', false)])),
    error: vmCase({ properties: {} }),
  },
  vm_trusted_launch_enabled: {
    pass: vmCase(
      security({
        securityType: 'TrustedLaunch',
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
      }),
    ),
    fail: vmCase(
      security({
        securityType: 'TrustedLaunch',
        uefiSettings: { secureBootEnabled: false, vTpmEnabled: true },
      }),
    ),
    // Trusted Launch without its UEFI settings: protection cannot be confirmed.
    error: vmCase(security({ securityType: 'TrustedLaunch' })),
  },
  vm_no_public_ip: {
    pass: vmCase({ networkInterfaces: [nic('vm-test-nic', false)] }),
    fail: vmCase({ networkInterfaces: [nic('vm-test-nic', true)] }),
    // A NIC could not be read (NetworkInterfaces_Get failed): the key is absent.
    error: vmCase({ properties: {} }),
  },
  app_ensure_http_is_redirected_to_https: {
    pass: appCase({ properties: { httpsOnly: true } }),
    fail: appCase({ properties: { httpsOnly: false } }),
    error: appCase({ properties: {} }),
  },
  app_minimum_tls_version_12: {
    pass: appCase(webConfig({ minTlsVersion: '1.2' })),
    fail: appCase(webConfig({ minTlsVersion: '1.0' })),
    error: appCase({}),
  },
  app_ftp_deployment_disabled: {
    pass: appCase(webConfig({ ftpsState: 'FtpsOnly' })),
    fail: appCase(webConfig({ ftpsState: 'AllAllowed' })),
    error: appCase({}),
  },
  app_register_with_identity: {
    pass: appCase({ identity: { type: 'SystemAssigned', principalId: 'p' } }),
    fail: appCase({ identity: { type: 'None' } }),
    error: appCase({ identity: { type: 42 } }),
  },
};
