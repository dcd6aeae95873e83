// AWS Backup (per region): the region's backup plans, recorded as ONE inventory resource per region (so a
// region whose ListBackupPlans was denied is an error for that region, never a silent "no plans"), and every
// backup vault with its Vault Lock state (ListBackupVaults carries Locked, so no DescribeBackupVault is needed).
import type { BackupPlansListMember, BackupVaultListMember } from '@aws-sdk/client-backup';
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import { recordedCall, type CallContext } from './client-config';
import { DATA_TYPES, type BackupRegionPlansConfig } from './data-shapes';
import { awsSdk } from './sdk-loader';

/** Every page of a NextToken-paginated List call; undefined when any page failed. */
async function allPages<T>(
  ctx: CallContext,
  region: string,
  operation: string,
  send: (
    params: { MaxResults: number; NextToken?: string },
    abortSignal: AbortSignal,
  ) => Promise<{
    items?: T[];
    next?: string;
  }>,
): Promise<T[] | undefined> {
  const items: T[] = [];
  let NextToken: string | undefined;
  do {
    const params = { MaxResults: 100, ...(NextToken ? { NextToken } : {}) };
    const out = await recordedCall(ctx, { service: 'backup', region, operation, params }, (abortSignal) =>
      send(params, abortSignal),
    );
    if (!out.ok) return undefined;
    items.push(...(out.value.items ?? []));
    NextToken = out.value.next;
  } while (NextToken);
  return items;
}

export async function collectBackupRegion(ctx: CallContext, region: string, account: string): Promise<void> {
  const { BackupClient, ListBackupPlansCommand, ListBackupVaultsCommand } = await awsSdk.backup();
  const client = ctx.clients.client('backup', region, (c) => new BackupClient(c));
  await settleAll([
    allPages<BackupPlansListMember>(ctx, region, 'ListBackupPlans', async (p, abortSignal) => {
      const v = await client.send(new ListBackupPlansCommand(p), { abortSignal });
      return { items: v.BackupPlansList, next: v.NextToken };
    }).then((plans) => {
      // A partial list could hide the only plan, so a failed page leaves BackupPlans absent (error).
      const config: BackupRegionPlansConfig = { Region: region };
      if (plans) config.BackupPlans = redactObject({ p: plans }).p as BackupRegionPlansConfig['BackupPlans'];
      ctx.sink.resource({
        uid: `arn:aws:backup:${region}:${account}:backup-plans`,
        provider: 'aws',
        service: 'backup',
        type: DATA_TYPES.backupRegionPlans,
        region,
        name: `Backup plans in ${region}`,
        tags: {},
        config: config as unknown as Record<string, unknown>,
      });
    }),
    allPages<BackupVaultListMember>(ctx, region, 'ListBackupVaults', async (p, abortSignal) => {
      const v = await client.send(new ListBackupVaultsCommand(p), { abortSignal });
      return { items: v.BackupVaultList, next: v.NextToken };
    }).then((vaults) => {
      for (const v of vaults ?? []) {
        if (!v.BackupVaultArn || !v.BackupVaultName) continue;
        ctx.sink.resource({
          uid: v.BackupVaultArn,
          provider: 'aws',
          service: 'backup',
          type: DATA_TYPES.backupVault,
          region,
          name: v.BackupVaultName,
          tags: {},
          config: redactObject(v),
        });
      }
    }),
  ]);
}
