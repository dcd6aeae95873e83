// ElastiCache (per region): the Redis OSS / Valkey replication groups, which carry the in-transit and at-rest
// encryption settings (Memcached clusters have no replication group and no in-transit option to judge here).
import type { ReplicationGroup } from '@aws-sdk/client-elasticache';
import { redactObject } from '../redact';
import { recordedCall, type CallContext } from './client-config';
import { DATA_TYPES } from './data-shapes';
import { awsSdk } from './sdk-loader';

export async function collectElastiCacheRegion(
  ctx: CallContext,
  region: string,
  account: string,
): Promise<void> {
  const { DescribeReplicationGroupsCommand, ElastiCacheClient } = await awsSdk.elastiCache();
  const client = ctx.clients.client('elasticache', region, (c) => new ElastiCacheClient(c));
  const groups: ReplicationGroup[] = [];
  let Marker: string | undefined;
  do {
    const params = { MaxRecords: 100, ...(Marker ? { Marker } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'elasticache', region, operation: 'DescribeReplicationGroups', params },
      (abortSignal) => client.send(new DescribeReplicationGroupsCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    groups.push(...(out.value.ReplicationGroups ?? []));
    Marker = out.value.Marker;
  } while (Marker);
  for (const g of groups) {
    if (!g.ReplicationGroupId) continue;
    ctx.sink.resource({
      uid: g.ARN ?? `arn:aws:elasticache:${region}:${account}:replicationgroup:${g.ReplicationGroupId}`,
      provider: 'aws',
      service: 'elasticache',
      type: DATA_TYPES.elasticacheReplicationGroup,
      region,
      name: g.ReplicationGroupId,
      tags: {},
      config: redactObject(g),
    });
  }
}
