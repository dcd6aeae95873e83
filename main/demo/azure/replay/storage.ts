// The storage group's replay answers, keyed by registry operation name (see ../server.ts AzureReplayHandler):
// key vaults and, per vault, its keys, secrets and diagnostic settings, paged as ARM pages them. A vault the
// subscription does not have answers 404 ResourceNotFound, as Resource Manager does.
import type { AzureReplayHandler, Reply } from '../server';

/** The items a per-vault list answers, or a 404 when no such vault is in the resource group. */
function perVault(
  pick: (
    s: NonNullable<Parameters<AzureReplayHandler>[0]['sub']>['storage'],
  ) => Record<string, unknown[]> | undefined,
): AzureReplayHandler {
  return ({ segments, sub, list, error }): Reply => {
    // /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/...
    const [rg, name] = [segments[4] ?? '', segments[8] ?? ''];
    const vault = name.toLowerCase();
    const exists = (sub?.storage?.keyVaults ?? []).some(
      (v) =>
        String(v.id).toLowerCase().includes(`/resourcegroups/${rg.toLowerCase()}/`) &&
        String(v.name).toLowerCase() === vault,
    );
    if (!exists)
      return error(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.KeyVault/vaults/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      );
    return list(pick(sub?.storage)?.[vault] ?? []);
  };
}

export const STORAGE_REPLAY: Record<string, AzureReplayHandler> = {
  Vaults_ListBySubscription: ({ sub, list }) => list(sub?.storage?.keyVaults ?? []),
  Keys_List: perVault((s) => s?.keys),
  Secrets_List: perVault((s) => s?.secrets),
  DiagnosticSettings_List: perVault((s) => s?.diagnosticSettings),
};
