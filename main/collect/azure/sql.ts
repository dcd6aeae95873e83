// Microsoft.Sql: every logical server (Servers_List) with, per server, its auditing settings, firewall rules,
// Entra ID administrators and databases; per database its transparent data encryption state. Servers and
// databases are stored as ARM returned them, follow-ups under the keys of ./data-shapes.ts (absent when the
// call failed; its gap names the server or database).
import { settleAll } from '../concurrency';
import {
  AZURE_SQL_DATABASE,
  AZURE_SQL_SERVER,
  type SqlDatabaseConfig,
  type SqlServerConfig,
} from './data-shapes';
import { recordedAzureGet, recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid, resourceGroupOf } from './shapes';

const isArm = (v: Record<string, unknown>): v is Record<string, unknown> & { id: string; name: string } =>
  typeof v.id === 'string' && typeof v.name === 'string';

export async function collectSqlServers(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, { operation: 'Servers_List', pathParams: { subscriptionId } });
  if (!listed.ok) return 0;
  const servers = listed.value.filter(isArm);
  await settleAll(
    servers.map(async (server) => {
      const config: SqlServerConfig = { ...server };
      const region = typeof server.location === 'string' ? server.location : 'global';
      const resourceGroupName = resourceGroupOf(server.id);
      if (resourceGroupName) {
        const pathParams = { subscriptionId, resourceGroupName, serverName: server.name };
        const spec = { pathParams, region, resource: server.name };
        const [auditing, rules, admins, databases] = await Promise.all([
          recordedAzureGet(ctx, { operation: 'ServerBlobAuditingPolicies_Get', ...spec }),
          recordedAzureList(ctx, { operation: 'FirewallRules_ListByServer', ...spec }),
          recordedAzureList(ctx, { operation: 'ServerAzureADAdministrators_ListByServer', ...spec }),
          recordedAzureList(ctx, { operation: 'Databases_ListByServer', ...spec }),
        ]);
        if (auditing.ok) config.auditingSettings = auditing.value;
        if (rules.ok) config.firewallRules = rules.value;
        if (admins.ok) config.administrators = admins.value;
        if (databases.ok) {
          const dbs = databases.value.filter(isArm);
          config.databaseNames = dbs.map((d) => d.name);
          await settleAll(
            dbs.map((db) => collectDatabase(ctx, subscriptionId, resourceGroupName, server, db)),
          );
        }
      }
      ctx.sink.resource({
        uid: azureUid(server.id),
        provider: 'azure',
        service: 'sql',
        type: AZURE_SQL_SERVER,
        region,
        name: server.name,
        tags: armTags(server.tags),
        config,
      });
    }),
  );
  return servers.length;
}

async function collectDatabase(
  ctx: AzureCallContext,
  subscriptionId: string,
  resourceGroupName: string,
  server: { name: string },
  db: Record<string, unknown> & { id: string; name: string },
): Promise<void> {
  const config: SqlDatabaseConfig = { ...db };
  const region = typeof db.location === 'string' ? db.location : 'global';
  const tde = await recordedAzureGet(ctx, {
    operation: 'TransparentDataEncryptions_Get',
    pathParams: { subscriptionId, resourceGroupName, serverName: server.name, databaseName: db.name },
    region,
    resource: `${server.name}/${db.name}`,
  });
  if (tde.ok) config.transparentDataEncryption = tde.value;
  ctx.sink.resource({
    uid: azureUid(db.id),
    provider: 'azure',
    service: 'sql',
    type: AZURE_SQL_DATABASE,
    region,
    // Database names repeat across servers (every server has "master"): the name says which server.
    name: `${server.name}/${db.name}`,
    tags: armTags(db.tags),
    config,
  });
}
