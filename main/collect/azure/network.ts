// Microsoft.Network: every network security group of the subscription (NetworkSecurityGroups_ListAll, paged),
// kept as ARM returned it: custom rules in properties.securityRules and Azure's built-in ones in
// properties.defaultSecurityRules, which the checks evaluate together in priority order.
import { recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, AZURE_NETWORK_SECURITY_GROUP, azureUid, type NetworkSecurityGroupConfig } from './shapes';

export async function collectNetworkSecurityGroups(
  ctx: AzureCallContext,
  subscriptionId: string,
): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'NetworkSecurityGroups_ListAll',
    pathParams: { subscriptionId },
  });
  if (!listed.ok) return 0;
  let n = 0;
  for (const nsg of listed.value) {
    if (typeof nsg.id !== 'string' || typeof nsg.name !== 'string') continue;
    const config = nsg as NetworkSecurityGroupConfig;
    ctx.sink.resource({
      uid: azureUid(config.id),
      provider: 'azure',
      service: 'network',
      type: AZURE_NETWORK_SECURITY_GROUP,
      region: typeof config.location === 'string' ? config.location : 'global',
      name: config.name,
      tags: armTags(config.tags),
      config,
    });
    n++;
  }
  return n;
}
