// Every service the replay server answers, keyed by the SigV4 signing name in the request's credential scope
// (plus 's3-control', told apart from S3 by its /v20180820/ path). Core services here; each service group adds
// its own in groups/<group>.ts.
import { cloudTrailResponder } from './cloudtrail';
import { ec2Responder } from './ec2';
import { APP_REPLAY } from './groups/app';
import { DATA_REPLAY } from './groups/data';
import { EC2_REPLAY } from './groups/ec2';
import { IAM_REPLAY } from './groups/iam';
import { LOGGING_REPLAY } from './groups/logging';
import { ORG_REPLAY } from './groups/org';
import { S3_REPLAY } from './groups/s3';
import { iamResponder } from './iam';
import { s3Responder } from './s3';
import { stsResponder } from './sts';
import type { ReplayService } from './types';

export const REPLAY_SERVICES: Record<string, ReplayService> = {
  sts: { respond: stsResponder },
  iam: { respond: iamResponder },
  ec2: { respond: ec2Responder },
  s3: { respond: s3Responder },
  cloudtrail: { respond: cloudTrailResponder },
  ...S3_REPLAY,
  ...IAM_REPLAY,
  ...EC2_REPLAY,
  ...LOGGING_REPLAY,
  ...DATA_REPLAY,
  ...APP_REPLAY,
  ...ORG_REPLAY,
};
