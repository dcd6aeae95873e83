// Entra ID tenant settings through Microsoft Graph: ONE resource for the tenant (its organization record, uid
// /tenants/<id>) with security defaults, Conditional Access policies, the authorization policy, the Global
// Administrator members and the users' MFA registration attached (./security-shapes.ts EntraTenantConfig).
// The identity often lacks a Graph permission (they need admin consent): that call's gap is recorded, its key
// stays absent and only the checks reading it answer error. Collected with each subscription; a snapshot of
// several subscriptions stores the tenant once (same uid).
import { settleAll } from '../concurrency';
import {
  recordedAzureGet,
  recordedAzureList,
  type AzureCallContext,
  type AzureCallOutcome,
} from './recorded-call';
import { AZURE_ENTRA_TENANT, entraTenantUid, type EntraTenantConfig } from './security-shapes';

/** Graph follow-ups: operation -> the config key its answer is stored under. */
const FOLLOW_UPS: readonly [string, keyof EntraTenantConfig, 'get' | 'list'][] = [
  ['IdentitySecurityDefaultsEnforcementPolicy_Get', 'securityDefaults', 'get'],
  ['ConditionalAccessPolicies_List', 'conditionalAccessPolicies', 'list'],
  ['AuthorizationPolicy_Get', 'authorizationPolicy', 'get'],
  ['GlobalAdministrators_ListMembers', 'globalAdministrators', 'list'],
  ['UserRegistrationDetails_List', 'userRegistrationDetails', 'list'],
];

export async function collectEntraTenant(subscriptionCtx: AzureCallContext): Promise<number> {
  // A cloud without Graph (e.g. Azure Stack Hub): nothing to collect; the checks say the tenant was not collected.
  if (!subscriptionCtx.client.cloud.graph) return 0;
  // Tenant-wide calls: their gaps name the tenant, not the subscription being collected.
  const ctx: AzureCallContext = { ...subscriptionCtx, subscriptionId: null };
  const org = await recordedAzureList(ctx, { operation: 'Organization_List' });
  if (!org.ok) return 0;
  const record = org.value.find((o) => typeof o.id === 'string');
  if (!record) return 0;
  const config: EntraTenantConfig = { ...(record as EntraTenantConfig) };
  await settleAll(
    FOLLOW_UPS.map(async ([operation, key, kind]) => {
      const got: AzureCallOutcome<unknown> =
        kind === 'get'
          ? await recordedAzureGet(ctx, { operation, resource: `tenant ${config.id}` })
          : await recordedAzureList(ctx, { operation, resource: `tenant ${config.id}` });
      if (got.ok) (config as Record<string, unknown>)[key] = got.value;
    }),
  );
  ctx.sink.resource({
    uid: entraTenantUid(config.id),
    provider: 'azure',
    service: 'entra',
    type: AZURE_ENTRA_TENANT,
    region: 'global',
    name: typeof config.displayName === 'string' ? config.displayName : config.id,
    tags: {},
    config,
  });
  return 1;
}
