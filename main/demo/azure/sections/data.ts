// The data group's part of a replayable subscription (AzureSubscriptionEstate.data) or tenant: SQL servers,
// PostgreSQL / MySQL flexible servers, virtual machines and App Service apps, each as ARM returns it, with the
// follow-up answers keyed by the parent's name lower-cased.
type Json = Record<string, unknown>;

export type SqlServerFacts = {
  /** Servers_List item. */
  server: Json;
  /** auditingSettings/default body. */
  auditing: Json;
  firewallRules: Json[];
  administrators: Json[];
  /** Databases_ListByServer items, each with its transparentDataEncryption/current body. */
  databases: { database: Json; tde: Json }[];
};

export type FlexibleServerFacts = { server: Json; configurations: Json[] };

export type DataSection = {
  sqlServers: SqlServerFacts[];
  postgresqlServers: FlexibleServerFacts[];
  mysqlServers: FlexibleServerFacts[];
  virtualMachines: Json[];
  /** NetworkInterfaces_Get bodies, any resource group. */
  networkInterfaces: Json[];
  webApps: { site: Json; webConfig: Json }[];
};
export type DataTenantSection = Record<string, never>;
