// The data group's collectors, as units collectAws schedules (see main/collect/aws/module.ts). Every data store
// is regional, so each is one unit per collected region: a denied call in one region is a gap (and an error
// finding) for that region only.
import { collectBackupRegion } from '../backup';
import { collectDynamoDbRegion } from '../dynamodb';
import { collectEfsRegion } from '../efs';
import { collectElastiCacheRegion } from '../elasticache';
import { collectKmsRegion } from '../kms';
import type { AwsModule } from '../module';
import { collectRdsRegion } from '../rds';

export const DATA_MODULES: readonly AwsModule[] = [
  {
    service: 'kms',
    scope: 'regional',
    label: 'KMS keys',
    collect: ({ ctx, region, account }) => collectKmsRegion(ctx, region, account),
  },
  {
    service: 'rds',
    scope: 'regional',
    label: 'RDS instances, clusters and snapshots',
    collect: ({ ctx, region }) => collectRdsRegion(ctx, region),
  },
  {
    service: 'dynamodb',
    scope: 'regional',
    label: 'DynamoDB tables',
    collect: ({ ctx, region, account }) => collectDynamoDbRegion(ctx, region, account),
  },
  {
    service: 'elasticfilesystem',
    scope: 'regional',
    label: 'EFS file systems',
    collect: ({ ctx, region, account }) => collectEfsRegion(ctx, region, account),
  },
  {
    service: 'elasticache',
    scope: 'regional',
    label: 'ElastiCache replication groups',
    collect: ({ ctx, region, account }) => collectElastiCacheRegion(ctx, region, account),
  },
  {
    service: 'backup',
    scope: 'regional',
    label: 'AWS Backup plans and vaults',
    collect: ({ ctx, region, account }) => collectBackupRegion(ctx, region, account),
  },
];
