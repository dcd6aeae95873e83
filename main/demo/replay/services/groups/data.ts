// The data group's replay responders, keyed by SigV4 signing name (see ../index.ts).
import { backupService } from '../backup';
import { dynamoDbResponder } from '../dynamodb';
import { efsService } from '../efs';
import { elastiCacheResponder } from '../elasticache';
import { kmsResponder } from '../kms';
import { rdsResponder } from '../rds';
import type { ReplayService } from '../types';

export const DATA_REPLAY: Record<string, ReplayService> = {
  kms: { respond: kmsResponder },
  rds: { respond: rdsResponder },
  dynamodb: { respond: dynamoDbResponder },
  elasticfilesystem: efsService,
  elasticache: { respond: elastiCacheResponder },
  backup: backupService,
};
