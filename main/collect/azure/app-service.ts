// Microsoft.Web: every App Service app (WebApps_List, paged: web apps, function apps, slots excluded) as ARM
// returned it, plus its site configuration (WebApps_GetConfiguration, config/web) under `webConfig`. The list
// carries a sparse siteConfig in which minTlsVersion / ftpsState are often null, so the checks read webConfig
// only; it is absent when that call failed.
import { settleAll } from '../concurrency';
import { AZURE_WEB_APP, type WebAppConfig } from './data-shapes';
import { recordedAzureGet, recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid, resourceGroupOf } from './shapes';

export async function collectWebApps(ctx: AzureCallContext, subscriptionId: string): Promise<number> {
  const listed = await recordedAzureList(ctx, { operation: 'WebApps_List', pathParams: { subscriptionId } });
  if (!listed.ok) return 0;
  const apps = listed.value.filter(
    (a): a is WebAppConfig => typeof a.id === 'string' && typeof a.name === 'string',
  );
  await settleAll(
    apps.map(async (app) => {
      const config: WebAppConfig = { ...app };
      const region = typeof app.location === 'string' ? app.location : 'global';
      const resourceGroupName = resourceGroupOf(app.id);
      if (resourceGroupName) {
        const got = await recordedAzureGet(ctx, {
          operation: 'WebApps_GetConfiguration',
          pathParams: { subscriptionId, resourceGroupName, name: app.name },
          region,
          resource: app.name,
        });
        if (got.ok) config.webConfig = got.value;
      }
      ctx.sink.resource({
        uid: azureUid(app.id),
        provider: 'azure',
        service: 'app',
        type: AZURE_WEB_APP,
        region,
        name: app.name,
        tags: armTags(app.tags),
        config,
      });
    }),
  );
  return apps.length;
}
