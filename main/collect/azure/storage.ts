// Microsoft.Storage: every storage account of the subscription (StorageAccounts_List, paged) and, per account,
// its blob service settings (blobServices/default). The account JSON is kept as ARM returned it; the blob
// service is attached under blobServiceProperties (./shapes.ts), absent when that call failed.
import { settleAll } from '../concurrency';
import { recordedAzureGet, recordedAzureList, type AzureCallContext } from './recorded-call';
import {
  armTags,
  AZURE_STORAGE_ACCOUNT,
  azureUid,
  resourceGroupOf,
  type StorageAccountConfig,
} from './shapes';

export async function collectStorageAccounts(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'StorageAccounts_List',
    pathParams: { subscriptionId },
  });
  if (!listed.ok) return 0;
  const accounts = listed.value.filter(
    (a): a is StorageAccountConfig => typeof a.id === 'string' && typeof a.name === 'string',
  );
  await settleAll(
    accounts.map(async (account) => {
      const config: StorageAccountConfig = { ...account };
      const resourceGroupName = resourceGroupOf(account.id);
      const region = typeof account.location === 'string' ? account.location : 'global';
      if (resourceGroupName) {
        const blob = await recordedAzureGet(ctx, {
          operation: 'BlobServices_GetServiceProperties',
          pathParams: { subscriptionId, resourceGroupName, accountName: account.name },
          region,
          resource: account.name,
        });
        if (blob.ok) config.blobServiceProperties = blob.value;
      }
      ctx.sink.resource({
        uid: azureUid(account.id),
        provider: 'azure',
        service: 'storage',
        type: AZURE_STORAGE_ACCOUNT,
        region,
        name: account.name,
        tags: armTags(account.tags),
        config,
      });
    }),
  );
  return accounts.length;
}
