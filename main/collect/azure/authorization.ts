// Azure RBAC (Microsoft.Authorization): the role assignments that apply to the subscription and its custom role
// definitions, as ARM returned them. Built-in role definitions are the same in every tenant and number in the
// hundreds: they stay in the recorded raw pages, only custom roles become resources.
import { recordedAzureList, type AzureCallContext } from './recorded-call';
import { azureUid } from './shapes';
import { AZURE_ROLE_ASSIGNMENT, AZURE_ROLE_DEFINITION } from './security-shapes';

type Item = Record<string, unknown> & { id: string; name: string; properties?: Record<string, unknown> };
const isItem = (v: Record<string, unknown>): v is Item =>
  typeof v.id === 'string' && typeof v.name === 'string';

async function collectRoleAssignments(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'RoleAssignments_ListForSubscription',
    pathParams: { subscriptionId },
  });
  if (!listed.ok) return 0;
  const items = listed.value.filter(isItem);
  for (const a of items)
    ctx.sink.resource({
      uid: azureUid(a.id),
      provider: 'azure',
      service: 'iam',
      type: AZURE_ROLE_ASSIGNMENT,
      region: 'global',
      name: a.name,
      tags: {},
      config: a,
    });
  return items.length;
}

async function collectCustomRoles(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'RoleDefinitions_List',
    pathParams: { subscriptionId },
  });
  if (!listed.ok) return 0;
  const custom = listed.value.filter(isItem).filter((d) => d.properties?.type === 'CustomRole');
  for (const d of custom)
    ctx.sink.resource({
      uid: azureUid(d.id),
      provider: 'azure',
      service: 'iam',
      type: AZURE_ROLE_DEFINITION,
      region: 'global',
      name: typeof d.properties?.roleName === 'string' ? d.properties.roleName : d.name,
      tags: {},
      config: d,
    });
  return custom.length;
}

export async function collectAuthorization(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const [assignments, roles] = await Promise.all([
    collectRoleAssignments(ctx, subscriptionId),
    collectCustomRoles(ctx, subscriptionId),
  ]);
  return assignments + roles;
}
