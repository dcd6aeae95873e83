// The data group's replay answers, keyed by registry operation name (see ../server.ts AzureReplayHandler).
// Paths: ['', 'subscriptions', sub, 'resourceGroups', rg, 'providers', ns, type, name, child, childName, ...];
// a parent that is not in the estate answers ARM's 404 ResourceNotFound, as Azure does.
import type { DataSection, FlexibleServerFacts, SqlServerFacts } from '../sections/data';
import type { AzureReplayHandler, Reply } from '../server';

type Ctx = Parameters<AzureReplayHandler>[0];

const lower = (v: unknown) => String(v).toLowerCase();

/** The item of `items` whose ARM id is exactly the path's first `depth` segments (case-insensitively). */
function byPath<T>(items: T[], idOf: (t: T) => unknown, segments: string[], depth: number): T | undefined {
  const want = segments.slice(0, depth).join('/').toLowerCase();
  return items.find((t) => lower(idOf(t)) === want);
}

const notFound = (ctx: Ctx, kind: string): Reply => {
  const [rg, name] = [ctx.segments[4] ?? '', ctx.segments[8] ?? ''];
  return ctx.error(
    404,
    'ResourceNotFound',
    `The Resource '${kind}/${name}' under resource group '${rg}' was not found.`,
  );
};

function sqlServer(ctx: Ctx): SqlServerFacts | undefined {
  return byPath(ctx.sub?.data?.sqlServers ?? [], (s) => s.server.id, ctx.segments, 9);
}

function sqlChild(pick: (s: SqlServerFacts) => Reply): AzureReplayHandler {
  return (ctx) => {
    const server = sqlServer(ctx);
    return server ? pick(server) : notFound(ctx, 'Microsoft.Sql/servers');
  };
}

function flexible(
  pick: (data: DataSection | undefined) => FlexibleServerFacts[],
  kind: string,
): AzureReplayHandler {
  return (ctx) => {
    const server = byPath(pick(ctx.sub?.data), (s) => s.server.id, ctx.segments, 9);
    return server ? ctx.list(server.configurations) : notFound(ctx, kind);
  };
}

export const DATA_REPLAY: Record<string, AzureReplayHandler> = {
  Servers_List: (ctx) => ctx.list((ctx.sub?.data?.sqlServers ?? []).map((s) => s.server)),
  ServerBlobAuditingPolicies_Get: sqlChild((s) => ({ status: 200, body: s.auditing })),
  FirewallRules_ListByServer: (ctx) => sqlChild((s) => ctx.list(s.firewallRules))(ctx),
  ServerAzureADAdministrators_ListByServer: (ctx) => sqlChild((s) => ctx.list(s.administrators))(ctx),
  Databases_ListByServer: (ctx) => sqlChild((s) => ctx.list(s.databases.map((d) => d.database)))(ctx),
  TransparentDataEncryptions_Get: (ctx) => {
    const s = sqlServer(ctx);
    const db = s && byPath(s.databases, (d) => d.database.id, ctx.segments, 11);
    return db ? { status: 200, body: db.tde } : notFound(ctx, 'Microsoft.Sql/servers/databases');
  },
  PostgreSqlFlexibleServers_List: (ctx) =>
    ctx.list((ctx.sub?.data?.postgresqlServers ?? []).map((s) => s.server)),
  PostgreSqlFlexibleConfigurations_ListByServer: flexible(
    (data) => data?.postgresqlServers ?? [],
    'Microsoft.DBforPostgreSQL/flexibleServers',
  ),
  MySqlFlexibleServers_List: (ctx) => ctx.list((ctx.sub?.data?.mysqlServers ?? []).map((s) => s.server)),
  MySqlFlexibleConfigurations_ListByServer: flexible(
    (data) => data?.mysqlServers ?? [],
    'Microsoft.DBforMySQL/flexibleServers',
  ),
  VirtualMachines_ListAll: (ctx) => ctx.list(ctx.sub?.data?.virtualMachines ?? []),
  NetworkInterfaces_Get: (ctx) => {
    const nic = byPath(ctx.sub?.data?.networkInterfaces ?? [], (n) => n.id, ctx.segments, 9);
    return nic ? { status: 200, body: nic } : notFound(ctx, 'Microsoft.Network/networkInterfaces');
  },
  WebApps_List: (ctx) => ctx.list((ctx.sub?.data?.webApps ?? []).map((a) => a.site)),
  WebApps_GetConfiguration: (ctx) => {
    const app = byPath(ctx.sub?.data?.webApps ?? [], (a) => a.site.id, ctx.segments, 9);
    return app ? { status: 200, body: app.webConfig } : notFound(ctx, 'Microsoft.Web/sites');
  },
};
