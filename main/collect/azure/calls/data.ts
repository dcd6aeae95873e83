// The data group's Azure calls (ARM and Graph); see main/collect/azure/registry.ts for what an entry means.
// SQL (Microsoft.Sql), PostgreSQL and MySQL flexible servers, virtual machines (+ their network interfaces) and
// App Service. The operation names are the REST specs' operationIds, except where two providers share one
// (Servers_List, Configurations_ListByServer exist in Microsoft.Sql, DBforPostgreSQL and DBforMySQL alike):
// those carry the provider as a prefix so every gap and raw record names one call unambiguously.
import type { AzureArmCall, AzureGraphCall } from '../registry';

const SQL = '2023-08-01';
const POSTGRESQL = '2025-08-01';
const MYSQL = '2023-12-30';
const COMPUTE = '2025-04-01';
const NETWORK = '2025-05-01';
const WEB = '2024-11-01';

const SQL_SERVER =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Sql/servers/{serverName}';

export const DATA_ARM_CALLS: readonly AzureArmCall[] = [
  {
    api: 'arm',
    operation: 'Servers_List',
    namespace: 'Microsoft.Sql',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Sql/servers',
    apiVersion: SQL,
    paged: true,
    action: 'Microsoft.Sql/servers/read',
    why: 'Lists every Azure SQL logical server with its minimal TLS version and public network access: the population for the SQL checks.',
  },
  {
    api: 'arm',
    operation: 'ServerBlobAuditingPolicies_Get',
    namespace: 'Microsoft.Sql',
    method: 'GET',
    path: `${SQL_SERVER}/auditingSettings/default`,
    apiVersion: SQL,
    paged: false,
    action: 'Microsoft.Sql/servers/auditingSettings/read',
    why: "Reads each SQL server's auditing settings (state and retention days): whether database activity is recorded and kept.",
  },
  {
    api: 'arm',
    operation: 'FirewallRules_ListByServer',
    namespace: 'Microsoft.Sql',
    method: 'GET',
    path: `${SQL_SERVER}/firewallRules`,
    apiVersion: SQL,
    paged: true,
    action: 'Microsoft.Sql/servers/firewallRules/read',
    why: "Lists each SQL server's firewall rules: whether the server accepts connections from any address or from all of Azure.",
  },
  {
    api: 'arm',
    operation: 'ServerAzureADAdministrators_ListByServer',
    namespace: 'Microsoft.Sql',
    method: 'GET',
    path: `${SQL_SERVER}/administrators`,
    apiVersion: SQL,
    paged: true,
    action: 'Microsoft.Sql/servers/administrators/read',
    why: "Lists each SQL server's Microsoft Entra ID administrator: whether logins can be managed centrally in Entra ID.",
  },
  {
    api: 'arm',
    operation: 'Databases_ListByServer',
    namespace: 'Microsoft.Sql',
    method: 'GET',
    path: `${SQL_SERVER}/databases`,
    apiVersion: SQL,
    paged: true,
    action: 'Microsoft.Sql/servers/databases/read',
    why: 'Lists the databases of each SQL server: the population for the transparent data encryption check.',
  },
  {
    api: 'arm',
    operation: 'TransparentDataEncryptions_Get',
    namespace: 'Microsoft.Sql',
    method: 'GET',
    path: `${SQL_SERVER}/databases/{databaseName}/transparentDataEncryption/current`,
    apiVersion: SQL,
    paged: false,
    action: 'Microsoft.Sql/servers/databases/transparentDataEncryption/read',
    why: "Reads each database's transparent data encryption state: whether its data, logs and backups are encrypted at rest.",
  },
  {
    api: 'arm',
    operation: 'PostgreSqlFlexibleServers_List',
    namespace: 'Microsoft.DBforPostgreSQL',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.DBforPostgreSQL/flexibleServers',
    apiVersion: POSTGRESQL,
    paged: true,
    action: 'Microsoft.DBforPostgreSQL/flexibleServers/read',
    why: 'Lists every Azure Database for PostgreSQL flexible server: the population for the PostgreSQL checks.',
  },
  {
    api: 'arm',
    operation: 'PostgreSqlFlexibleConfigurations_ListByServer',
    namespace: 'Microsoft.DBforPostgreSQL',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/configurations',
    apiVersion: POSTGRESQL,
    paged: true,
    action: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations/read',
    why: "Lists each PostgreSQL flexible server's server parameters (require_secure_transport, log_checkpoints...): transport encryption and logging.",
  },
  {
    api: 'arm',
    operation: 'MySqlFlexibleServers_List',
    namespace: 'Microsoft.DBforMySQL',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.DBforMySQL/flexibleServers',
    apiVersion: MYSQL,
    paged: true,
    action: 'Microsoft.DBforMySQL/flexibleServers/read',
    why: 'Lists every Azure Database for MySQL flexible server: the population for the MySQL checks.',
  },
  {
    api: 'arm',
    operation: 'MySqlFlexibleConfigurations_ListByServer',
    namespace: 'Microsoft.DBforMySQL',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforMySQL/flexibleServers/{serverName}/configurations',
    apiVersion: MYSQL,
    paged: true,
    action: 'Microsoft.DBforMySQL/flexibleServers/configurations/read',
    why: "Lists each MySQL flexible server's server parameters (require_secure_transport, tls_version): transport encryption.",
  },
  {
    api: 'arm',
    operation: 'VirtualMachines_ListAll',
    namespace: 'Microsoft.Compute',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines',
    apiVersion: COMPUTE,
    paged: true,
    action: 'Microsoft.Compute/virtualMachines/read',
    why: 'Lists every virtual machine with its disks, security type (Trusted Launch) and network interfaces: the population for the VM checks.',
  },
  {
    api: 'arm',
    operation: 'NetworkInterfaces_Get',
    namespace: 'Microsoft.Network',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkInterfaces/{networkInterfaceName}',
    apiVersion: NETWORK,
    paged: false,
    action: 'Microsoft.Network/networkInterfaces/read',
    why: "Reads each virtual machine's network interfaces: whether a public IP address is associated with the VM.",
  },
  {
    api: 'arm',
    operation: 'WebApps_List',
    namespace: 'Microsoft.Web',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Web/sites',
    apiVersion: WEB,
    paged: true,
    action: 'Microsoft.Web/sites/read',
    why: 'Lists every App Service app (web and function apps) with its HTTPS-only setting and managed identity: the population for the App Service checks.',
  },
  {
    api: 'arm',
    operation: 'WebApps_GetConfiguration',
    namespace: 'Microsoft.Web',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Web/sites/{name}/config/web',
    apiVersion: WEB,
    paged: false,
    action: 'Microsoft.Web/sites/config/read',
    why: "Reads each app's site configuration (minimum TLS version, FTP state): the list returns a sparse siteConfig, so the settings are read here.",
  },
];
export const DATA_GRAPH_CALLS: readonly AzureGraphCall[] = [];
