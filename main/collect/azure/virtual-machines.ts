// Microsoft.Compute: every virtual machine (VirtualMachines_ListAll, paged) as ARM returned it, plus the
// network interfaces it references (NetworkInterfaces_Get per NIC) under `networkInterfaces`. A VM's public
// exposure is on its NICs (ipConfigurations[].properties.publicIPAddress), not in the VM model, so the NICs are
// read per VM; if any of them cannot be read the key is absent and the check answers error for that VM.
import { settleAll } from '../concurrency';
import { AZURE_VIRTUAL_MACHINE, type VirtualMachineConfig } from './data-shapes';
import { recordedAzureGet, recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid, resourceGroupOf } from './shapes';

/** The NIC ids in properties.networkProfile.networkInterfaces. */
function nicIds(vm: VirtualMachineConfig): string[] {
  const profile = (vm.properties?.networkProfile ?? {}) as { networkInterfaces?: unknown };
  if (!Array.isArray(profile.networkInterfaces)) return [];
  return profile.networkInterfaces
    .map((n) => (n && typeof n === 'object' ? (n as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
}

/** subscriptionId, resourceGroupName and name of a NIC id, or null when it is not one. */
function nicParams(id: string): Record<string, string> | null {
  const m =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/networkInterfaces\/([^/]+)$/i.exec(
      id,
    );
  return m ? { subscriptionId: m[1], resourceGroupName: m[2], networkInterfaceName: m[3] } : null;
}

export async function collectVirtualMachines(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'VirtualMachines_ListAll',
    pathParams: { subscriptionId },
  });
  if (!listed.ok) return 0;
  const vms = listed.value.filter(
    (v): v is VirtualMachineConfig => typeof v.id === 'string' && typeof v.name === 'string',
  );
  await settleAll(
    vms.map(async (vm) => {
      const config: VirtualMachineConfig = { ...vm };
      const region = typeof vm.location === 'string' ? vm.location : 'global';
      if (resourceGroupOf(vm.id)) {
        const nics = await Promise.all(
          nicIds(vm).map((id) => {
            const pathParams = nicParams(id);
            if (!pathParams) return Promise.resolve(null);
            return recordedAzureGet(ctx, {
              operation: 'NetworkInterfaces_Get',
              pathParams,
              region,
              resource: `${vm.name}: ${pathParams.networkInterfaceName}`,
            });
          }),
        );
        if (nics.every((n) => n?.ok))
          config.networkInterfaces = nics.map(
            (n) => (n as { ok: true; value: Record<string, unknown> }).value,
          );
      }
      ctx.sink.resource({
        uid: azureUid(vm.id),
        provider: 'azure',
        service: 'vm',
        type: AZURE_VIRTUAL_MACHINE,
        region,
        name: vm.name,
        tags: armTags(vm.tags),
        config,
      });
    }),
  );
  return vms.length;
}
