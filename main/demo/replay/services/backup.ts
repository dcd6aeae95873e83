// AWS Backup responses (restJson1: GET /backup/plans/, GET /backup-vaults/; timestamps are epoch seconds).
// ListBackupVaults carries each vault's Vault Lock state (Locked, Min/MaxRetentionDays, LockDate).
import { restJsonOk } from '../wire';
import { UnknownOperation, pageOf, type ReplayService } from './types';

const PAGE = 1; // small on purpose: exercises NextToken pagination

export const backupService: ReplayService = {
  route: (method, path) => {
    if (method !== 'GET') return undefined;
    if (/^\/backup\/plans\/?$/.test(path)) return { operation: 'ListBackupPlans' };
    if (/^\/backup-vaults\/?$/.test(path)) return { operation: 'ListBackupVaults' };
    return undefined;
  },
  respond: (estate, req) => {
    const { region, params, now } = req;
    const secs = (daysAgo: number) => Math.floor(now.getTime() / 1000) - daysAgo * 86_400;
    const data = estate.dataStores;
    switch (req.operation) {
      case 'ListBackupPlans': {
        const plans = (data?.backupPlans ?? []).filter((p) => p.region === region);
        const { page, next } = pageOf(plans, params.nextToken, PAGE);
        return restJsonOk({
          BackupPlansList: page.map((p) => ({
            BackupPlanArn: `arn:aws:backup:${region}:${estate.accountId}:backup-plan:${p.id}`,
            BackupPlanId: p.id,
            BackupPlanName: p.name,
            CreationDate: secs(p.createdDaysAgo),
            VersionId: Buffer.from(p.id).toString('base64').slice(0, 32),
            LastExecutionDate: secs(1),
          })),
          ...(next ? { NextToken: next } : {}),
        });
      }
      case 'ListBackupVaults': {
        const vaults = (data?.backupVaults ?? []).filter((v) => v.region === region);
        const { page, next } = pageOf(vaults, params.nextToken, PAGE);
        return restJsonOk({
          BackupVaultList: page.map((v) => ({
            BackupVaultName: v.name,
            BackupVaultArn: `arn:aws:backup:${region}:${estate.accountId}:backup-vault:${v.name}`,
            VaultType: 'BACKUP_VAULT',
            VaultState: 'AVAILABLE',
            CreationDate: secs(v.createdDaysAgo),
            EncryptionKeyArn: `arn:aws:kms:${region}:${estate.accountId}:key/00000000-0000-4000-8000-00000000b4c0`,
            CreatorRequestId: `${v.name}-create`,
            NumberOfRecoveryPoints: v.recoveryPoints,
            Locked: v.locked,
            ...(v.locked
              ? {
                  MinRetentionDays: v.minRetentionDays,
                  MaxRetentionDays: v.maxRetentionDays,
                  LockDate: secs(v.createdDaysAgo - 3),
                }
              : {}),
          })),
          ...(next ? { NextToken: next } : {}),
        });
      }
      default:
        throw new UnknownOperation();
    }
  },
};
