// Microsoft.Network Network Watchers: every watcher of the subscription (NetworkWatchers_ListAll) and, per
// watcher, its flow logs (FlowLogs_List). Watchers say which regions are monitored (CIS 7.6); flow logs carry the
// retention policy (CIS 7.5). Each flow log is its own resource; the watcher lists their uids under flowLogIds,
// which is ABSENT when its FlowLogs_List failed, so a check can tell "no flow logs" from "not collected".
import { settleAll } from '../concurrency';
import {
  AZURE_FLOW_LOG,
  AZURE_NETWORK_WATCHER,
  subscriptionScope,
  type FlowLogConfig,
  type NetworkWatcherConfig,
} from './network-shapes';
import { recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid, resourceGroupOf } from './shapes';

const locationOf = (v: unknown): string => (typeof v === 'string' && v ? v.toLowerCase() : 'global');

export async function collectNetworkWatchers(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'NetworkWatchers_ListAll',
    pathParams: { subscriptionId },
    resource: subscriptionScope(subscriptionId),
  });
  if (!listed.ok) return 0;
  const watchers = listed.value.filter(
    (w): w is NetworkWatcherConfig => typeof w.id === 'string' && typeof w.name === 'string',
  );
  await settleAll(
    watchers.map(async (watcher) => {
      const config: NetworkWatcherConfig = { ...watcher };
      const region = locationOf(watcher.location);
      const resourceGroupName = resourceGroupOf(watcher.id);
      if (resourceGroupName) {
        const logs = await recordedAzureList(ctx, {
          operation: 'FlowLogs_List',
          pathParams: { subscriptionId, resourceGroupName, networkWatcherName: watcher.name },
          region,
          resource: azureUid(watcher.id),
        });
        if (logs.ok) {
          const flowLogs = logs.value.filter(
            (l): l is FlowLogConfig => typeof l.id === 'string' && typeof l.name === 'string',
          );
          config.flowLogIds = flowLogs.map((l) => azureUid(l.id));
          for (const log of flowLogs)
            ctx.sink.resource({
              uid: azureUid(log.id),
              provider: 'azure',
              service: 'network',
              type: AZURE_FLOW_LOG,
              region: locationOf(log.location ?? watcher.location),
              name: log.name,
              tags: armTags(log.tags),
              config: log,
            });
        }
      }
      ctx.sink.resource({
        uid: azureUid(watcher.id),
        provider: 'azure',
        service: 'network',
        type: AZURE_NETWORK_WATCHER,
        region,
        name: watcher.name,
        tags: armTags(watcher.tags),
        config,
      });
    }),
  );
  return watchers.length;
}
