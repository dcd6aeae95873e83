// Microsoft.Insights (Azure Monitor) at subscription scope: the activity-log diagnostic settings
// (SubscriptionDiagnosticSettings_List: where the activity log is exported, which categories) and the activity
// log alert rules (ActivityLogAlerts_ListBySubscriptionId). Both are subscription-wide facts: the checks judge
// the subscription resource, and a failed list is a gap naming the subscription (resource = its uid) so that
// subscription's findings answer error rather than "no setting / no alert".
import { subscriptionScope } from './network-shapes';
import {
  AZURE_ACTIVITY_LOG_ALERT,
  AZURE_SUBSCRIPTION_DIAGNOSTIC_SETTING,
  type ActivityLogAlertConfig,
  type SubscriptionDiagnosticSettingConfig,
} from './network-shapes';
import { recordedAzureList, type AzureCallContext } from './recorded-call';
import { armTags, azureUid } from './shapes';

/** ARM answers subscription diagnostic setting ids without their leading slash; uids always have one. */
function armIdUid(id: string): string {
  return azureUid(id.startsWith('/') ? id : `/${id}`);
}

export async function collectSubscriptionDiagnosticSettings(
  ctx: AzureCallContext,
  subscriptionId: string,
): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'SubscriptionDiagnosticSettings_List',
    pathParams: { subscriptionId },
    resource: subscriptionScope(subscriptionId),
  });
  if (!listed.ok) return 0;
  const settings = listed.value.filter(
    (s): s is SubscriptionDiagnosticSettingConfig => typeof s.id === 'string' && typeof s.name === 'string',
  );
  for (const setting of settings)
    ctx.sink.resource({
      uid: armIdUid(setting.id),
      provider: 'azure',
      service: 'monitor',
      type: AZURE_SUBSCRIPTION_DIAGNOSTIC_SETTING,
      region: 'global',
      name: setting.name,
      tags: {},
      config: setting,
    });
  return settings.length;
}

export async function collectActivityLogAlerts(
  ctx: AzureCallContext,
  subscriptionId: string,
): Promise<number> {
  const listed = await recordedAzureList(ctx, {
    operation: 'ActivityLogAlerts_ListBySubscriptionId',
    pathParams: { subscriptionId },
    resource: subscriptionScope(subscriptionId),
  });
  if (!listed.ok) return 0;
  const alerts = listed.value.filter(
    (a): a is ActivityLogAlertConfig => typeof a.id === 'string' && typeof a.name === 'string',
  );
  for (const alert of alerts)
    ctx.sink.resource({
      uid: armIdUid(alert.id),
      provider: 'azure',
      service: 'monitor',
      type: AZURE_ACTIVITY_LOG_ALERT,
      // Activity log alerts are global ("Global" in ARM's answer).
      region: 'global',
      name: alert.name,
      tags: armTags(alert.tags),
      config: alert,
    });
  return alerts.length;
}
