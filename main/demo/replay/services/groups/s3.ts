// The s3 group's replay responders, keyed by SigV4 signing name (see ../index.ts). S3 itself is a core
// service (../s3.ts); S3 Control is ours.
import { s3ControlReplay } from '../s3-control';
import type { ReplayService } from '../types';

export const S3_REPLAY: Record<string, ReplayService> = {
  's3-control': s3ControlReplay,
};
