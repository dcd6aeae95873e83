// What the data group's Azure collectors store (SQL, PostgreSQL / MySQL flexible servers, virtual machines, App
// Service). Same conventions as ./shapes.ts: config = the ARM JSON exactly as returned, follow-ups attached under
// the keys below; a follow-up that FAILED leaves its key ABSENT (and a gap names the resource); a setting Azure
// reports as not configured is JSON null.

export const AZURE_SQL_SERVER = 'Microsoft.Sql/servers';
export const AZURE_SQL_DATABASE = 'Microsoft.Sql/servers/databases';
export const AZURE_POSTGRESQL_FLEXIBLE_SERVER = 'Microsoft.DBforPostgreSQL/flexibleServers';
export const AZURE_MYSQL_FLEXIBLE_SERVER = 'Microsoft.DBforMySQL/flexibleServers';
export const AZURE_VIRTUAL_MACHINE = 'Microsoft.Compute/virtualMachines';
export const AZURE_WEB_APP = 'Microsoft.Web/sites';

type Arm = Record<string, unknown> & { id: string; name: string; location?: string };

/** A SQL logical server from Servers_List, plus its follow-ups. */
export type SqlServerConfig = Arm & {
  properties?: Record<string, unknown>;
  /** ServerBlobAuditingPolicies_Get (auditingSettings/default) as returned: properties.state, retentionDays. */
  auditingSettings?: Record<string, unknown>;
  /** FirewallRules_ListByServer: every rule (properties.startIpAddress / endIpAddress), all pages. */
  firewallRules?: Record<string, unknown>[];
  /** ServerAzureADAdministrators_ListByServer: [] when the server has no Entra ID administrator. */
  administrators?: Record<string, unknown>[];
  /**
   * The names of the server's databases (Databases_ListByServer), each also stored as a
   * Microsoft.Sql/servers/databases resource. ABSENT when that list failed: the TDE check then answers error
   * for the server, since databases it could not see may be unencrypted.
   */
  databaseNames?: string[];
};

/** A database from Databases_ListByServer, plus its TDE state. */
export type SqlDatabaseConfig = Arm & {
  properties?: Record<string, unknown>;
  /** TransparentDataEncryptions_Get (transparentDataEncryption/current) as returned: properties.state. */
  transparentDataEncryption?: Record<string, unknown>;
};

/**
 * A PostgreSQL or MySQL flexible server from its list, plus its server parameters: `configurations` is every
 * Configurations_ListByServer item as returned ({ name, properties: { value, defaultValue, source... } }).
 */
export type FlexibleServerConfig = Arm & {
  properties?: Record<string, unknown>;
  configurations?: Record<string, unknown>[];
};

/**
 * A virtual machine from VirtualMachines_ListAll, plus `networkInterfaces`: the NetworkInterfaces_Get body of
 * every NIC in properties.networkProfile.networkInterfaces (ipConfigurations[].properties.publicIPAddress is
 * present when a public IP is associated). ABSENT when any of them could not be read.
 */
export type VirtualMachineConfig = Arm & {
  properties?: Record<string, unknown>;
  networkInterfaces?: Record<string, unknown>[];
};

/** An App Service app from WebApps_List, plus `webConfig`: WebApps_GetConfiguration (config/web) as returned. */
export type WebAppConfig = Arm & {
  properties?: Record<string, unknown>;
  identity?: Record<string, unknown> | null;
  webConfig?: Record<string, unknown>;
};
