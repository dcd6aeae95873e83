// Azure Database for PostgreSQL and for MySQL flexible servers: every server of the subscription (paged list)
// with all its server parameters (Configurations_ListByServer, paged) attached under `configurations`, absent
// when that list failed. Both providers have the same shape, so one collector serves both.
import { settleAll } from '../concurrency';
import {
  AZURE_MYSQL_FLEXIBLE_SERVER,
  AZURE_POSTGRESQL_FLEXIBLE_SERVER,
  type FlexibleServerConfig,
} from './data-shapes';
import { recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid, resourceGroupOf } from './shapes';

type Flavour = { list: string; configurations: string; type: string; service: string };

const POSTGRESQL: Flavour = {
  list: 'PostgreSqlFlexibleServers_List',
  configurations: 'PostgreSqlFlexibleConfigurations_ListByServer',
  type: AZURE_POSTGRESQL_FLEXIBLE_SERVER,
  service: 'postgresql',
};
const MYSQL: Flavour = {
  list: 'MySqlFlexibleServers_List',
  configurations: 'MySqlFlexibleConfigurations_ListByServer',
  type: AZURE_MYSQL_FLEXIBLE_SERVER,
  service: 'mysql',
};

async function collectFlexibleServers(
  flavour: Flavour,
  ctx: AzureCallContext,
  subscriptionId: string,
): Promise<number> {
  const listed = await recordedAzureList(ctx, { operation: flavour.list, pathParams: { subscriptionId } });
  if (!listed.ok) return 0;
  const servers = listed.value.filter(
    (s): s is FlexibleServerConfig => typeof s.id === 'string' && typeof s.name === 'string',
  );
  await settleAll(
    servers.map(async (server) => {
      const config: FlexibleServerConfig = { ...server };
      const region = typeof server.location === 'string' ? server.location : 'global';
      const resourceGroupName = resourceGroupOf(server.id);
      if (resourceGroupName) {
        const got = await recordedAzureList(ctx, {
          operation: flavour.configurations,
          pathParams: { subscriptionId, resourceGroupName, serverName: server.name },
          region,
          resource: server.name,
        });
        if (got.ok) config.configurations = got.value;
      }
      ctx.sink.resource({
        uid: azureUid(server.id),
        provider: 'azure',
        service: flavour.service,
        type: flavour.type,
        region,
        name: server.name,
        tags: armTags(server.tags),
        config,
      });
    }),
  );
  return servers.length;
}

export const collectPostgreSqlFlexibleServers = (ctx: AzureCallContext, subscriptionId: string) =>
  collectFlexibleServers(POSTGRESQL, ctx, subscriptionId);
export const collectMySqlFlexibleServers = (ctx: AzureCallContext, subscriptionId: string) =>
  collectFlexibleServers(MYSQL, ctx, subscriptionId);
