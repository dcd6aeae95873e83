// Microsoft.KeyVault: every key vault of the subscription (Vaults_ListBySubscription, paged) and, per vault, its
// keys and secrets (management-plane lists: attributes only, never key material or secret values) and its
// diagnostic settings. The vault JSON is kept as ARM returned it; the follow-ups are attached under keys,
// secretsStatus and diagnosticSettings (./storage-shapes.ts), each absent when its call failed.
//
// Not collected: key rotation policies. ARM's Keys_List omits rotationPolicy, and reading it needs a Keys_Get
// per key (or the data-plane getRotationPolicy, which needs a data action this read-only role does not hold);
// the CIS recommendation on automatic key rotation is therefore not judged here.
import { settleAll } from '../concurrency';
import { recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid, resourceGroupOf } from './shapes';
import { AZURE_KEY_VAULT, type KeyVaultConfig } from './storage-shapes';

export async function collectKeyVaults(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'Vaults_ListBySubscription',
    pathParams: { subscriptionId },
  });
  if (!listed.ok) return 0;
  const vaults = listed.value.filter(
    (v): v is KeyVaultConfig => typeof v.id === 'string' && typeof v.name === 'string',
  );
  await settleAll(
    vaults.map(async (vault) => {
      const config: KeyVaultConfig = { ...vault };
      const resourceGroupName = resourceGroupOf(vault.id);
      const region = typeof vault.location === 'string' ? vault.location : 'global';
      if (resourceGroupName) {
        const spec = (operation: string) => ({
          operation,
          pathParams: { subscriptionId, resourceGroupName, vaultName: vault.name },
          region,
          resource: vault.name,
        });
        const [keys, secrets, diagnostics] = await Promise.all([
          recordedAzureList(ctx, spec('Keys_List')),
          recordedAzureList(ctx, spec('Secrets_List')),
          recordedAzureList(ctx, spec('DiagnosticSettings_List')),
        ]);
        if (keys.ok) config.keys = keys.value;
        // Management-plane Secrets_List never returns a secret's value (the spec says properties.value is not
        // returned by the service); dropped defensively so evidence can never hold one.
        if (secrets.ok)
          config.secretsStatus = secrets.value.map((s) => {
            const props = s.properties;
            if (!props || typeof props !== 'object' || !('value' in props)) return s;
            const { value: _dropped, ...rest } = props as Record<string, unknown>;
            return { ...s, properties: rest };
          });
        if (diagnostics.ok) config.diagnosticSettings = diagnostics.value;
      }
      ctx.sink.resource({
        uid: azureUid(vault.id),
        provider: 'azure',
        service: 'keyvault',
        type: AZURE_KEY_VAULT,
        region,
        name: vault.name,
        tags: armTags(vault.tags),
        config,
      });
    }),
  );
  return vaults.length;
}
