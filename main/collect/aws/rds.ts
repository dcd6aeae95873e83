// RDS (per region): DB instances, DB clusters (Aurora keeps deletion protection, backups and Multi-AZ on the
// cluster), and the account's MANUAL DB and cluster snapshots with who may restore them (automated snapshots
// cannot be shared, so they cannot be public).
import type { DBCluster, DBClusterSnapshot, DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import { recordedCall, tagMap, type CallContext } from './client-config';
import { aboutResource } from './data-gap-context';
import { DATA_TYPES, type SnapshotAttribute } from './data-shapes';
import { awsSdk } from './sdk-loader';

async function rds(ctx: CallContext, region: string) {
  const { RDSClient } = await awsSdk.rds();
  return ctx.clients.client('rds', region, (c) => new RDSClient(c));
}

type Page<T> = { items: T[]; marker?: string };

/** Every page of a Marker-paginated Describe call; what was read before a failed page is kept. */
async function allPages<T>(
  ctx: CallContext,
  region: string,
  operation: string,
  base: Record<string, unknown>,
  send: (params: Record<string, unknown>, abortSignal: AbortSignal) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let Marker: string | undefined;
  do {
    const params = { ...base, MaxRecords: 100, ...(Marker ? { Marker } : {}) };
    const out = await recordedCall(ctx, { service: 'rds', region, operation, params }, (abortSignal) =>
      send(params, abortSignal),
    );
    if (!out.ok) break;
    items.push(...out.value.items);
    Marker = out.value.marker;
  } while (Marker);
  return items;
}

function record(
  ctx: CallContext,
  region: string,
  type: string,
  uid: string | undefined,
  name: string | undefined,
  tags: { Key?: string; Value?: string }[] | undefined,
  config: Record<string, unknown>,
): void {
  if (!uid || !name) return;
  ctx.sink.resource({ uid, provider: 'aws', service: 'rds', type, region, name, tags: tagMap(tags), config });
}

export async function collectRdsRegion(ctx: CallContext, region: string): Promise<void> {
  const {
    DescribeDBClusterSnapshotsCommand,
    DescribeDBClustersCommand,
    DescribeDBInstancesCommand,
    DescribeDBSnapshotsCommand,
  } = await awsSdk.rds();
  const client = await rds(ctx, region);
  await settleAll([
    allPages<DBInstance>(ctx, region, 'DescribeDBInstances', {}, async (p, abortSignal) => {
      const v = await client.send(new DescribeDBInstancesCommand(p), { abortSignal });
      // The raw response keeps the whole page; the resource keeps the entry (redacted at the sink).
      return { items: v.DBInstances ?? [], marker: v.Marker };
    }).then((instances) => {
      for (const i of instances)
        record(
          ctx,
          region,
          DATA_TYPES.rdsInstance,
          i.DBInstanceArn,
          i.DBInstanceIdentifier,
          i.TagList,
          redactObject(i),
        );
    }),
    allPages<DBCluster>(ctx, region, 'DescribeDBClusters', {}, async (p, abortSignal) => {
      const v = await client.send(new DescribeDBClustersCommand(p), { abortSignal });
      return { items: v.DBClusters ?? [], marker: v.Marker };
    }).then((clusters) => {
      for (const c of clusters)
        record(
          ctx,
          region,
          DATA_TYPES.rdsCluster,
          c.DBClusterArn,
          c.DBClusterIdentifier,
          c.TagList,
          redactObject(c),
        );
    }),
    allPages<DBSnapshot>(
      ctx,
      region,
      'DescribeDBSnapshots',
      { SnapshotType: 'manual' },
      async (p, abortSignal) => {
        const v = await client.send(new DescribeDBSnapshotsCommand(p), { abortSignal });
        return { items: v.DBSnapshots ?? [], marker: v.Marker };
      },
    ).then((snapshots) => settleAll(snapshots.map((s) => collectSnapshot(ctx, region, s)))),
    allPages<DBClusterSnapshot>(
      ctx,
      region,
      'DescribeDBClusterSnapshots',
      { SnapshotType: 'manual' },
      async (p, abortSignal) => {
        const v = await client.send(new DescribeDBClusterSnapshotsCommand(p), { abortSignal });
        return { items: v.DBClusterSnapshots ?? [], marker: v.Marker };
      },
    ).then((snapshots) => settleAll(snapshots.map((s) => collectClusterSnapshot(ctx, region, s)))),
  ]);
}

async function collectSnapshot(outer: CallContext, region: string, s: DBSnapshot): Promise<void> {
  const id = s.DBSnapshotIdentifier;
  if (!id || !s.DBSnapshotArn) return;
  const ctx = aboutResource(outer, s.DBSnapshotArn, `DB snapshot ${id}`);
  const config = redactObject(s);
  const { DescribeDBSnapshotAttributesCommand } = await awsSdk.rds();
  const client = await rds(ctx, region);
  const params = { DBSnapshotIdentifier: id };
  const out = await recordedCall(
    ctx,
    { service: 'rds', region, operation: 'DescribeDBSnapshotAttributes', params },
    (abortSignal) => client.send(new DescribeDBSnapshotAttributesCommand(params), { abortSignal }),
  );
  if (out.ok) {
    const attrs: SnapshotAttribute[] = out.value.DBSnapshotAttributesResult?.DBSnapshotAttributes ?? [];
    config.Attributes = redactObject({ a: attrs }).a;
  }
  record(outer, region, DATA_TYPES.rdsSnapshot, s.DBSnapshotArn, id, s.TagList, config);
}

async function collectClusterSnapshot(
  outer: CallContext,
  region: string,
  s: DBClusterSnapshot,
): Promise<void> {
  const id = s.DBClusterSnapshotIdentifier;
  if (!id || !s.DBClusterSnapshotArn) return;
  const ctx = aboutResource(outer, s.DBClusterSnapshotArn, `DB cluster snapshot ${id}`);
  const config = redactObject(s);
  const { DescribeDBClusterSnapshotAttributesCommand } = await awsSdk.rds();
  const client = await rds(ctx, region);
  const params = { DBClusterSnapshotIdentifier: id };
  const out = await recordedCall(
    ctx,
    { service: 'rds', region, operation: 'DescribeDBClusterSnapshotAttributes', params },
    (abortSignal) => client.send(new DescribeDBClusterSnapshotAttributesCommand(params), { abortSignal }),
  );
  if (out.ok) {
    const attrs: SnapshotAttribute[] =
      out.value.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes ?? [];
    config.Attributes = redactObject({ a: attrs }).a;
  }
  record(outer, region, DATA_TYPES.rdsClusterSnapshot, s.DBClusterSnapshotArn, id, s.TagList, config);
}
