// Microsoft Defender for Cloud (Microsoft.Security): the subscription's Defender plans (Pricings_List) and its
// security contacts (SecurityContacts_List). Each plan and each contact is kept as ARM returned it. Both facts
// are per subscription: when a list fails nothing is stored for it and its gap makes the checks answer error
// for the subscription.
import { recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid } from './shapes';
import { AZURE_DEFENDER_PRICING, AZURE_SECURITY_CONTACT } from './security-shapes';

type Item = Record<string, unknown> & { id: string; name: string };
const isItem = (v: Record<string, unknown>): v is Item =>
  typeof v.id === 'string' && typeof v.name === 'string';

async function storeList(
  ctx: AzureCallContext,
  subscriptionId: string,
  operation: string,
  type: string,
): Promise<number> {
  const listed = await recordedAzureList(ctx, { operation, pathParams: { subscriptionId } });
  if (!listed.ok) return 0;
  const items = listed.value.filter(isItem);
  for (const item of items)
    ctx.sink.resource({
      uid: azureUid(item.id),
      provider: 'azure',
      service: 'defender',
      type,
      // Subscription-wide settings: no location of their own.
      region: typeof item.location === 'string' ? item.location : 'global',
      name: item.name,
      tags: armTags(item.tags),
      config: item,
    });
  return items.length;
}

export async function collectDefender(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const [plans, contacts] = await Promise.all([
    storeList(ctx, subscriptionId, 'Pricings_List', AZURE_DEFENDER_PRICING),
    storeList(ctx, subscriptionId, 'SecurityContacts_List', AZURE_SECURITY_CONTACT),
  ]);
  return plans + contacts;
}
