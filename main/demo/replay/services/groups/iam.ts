// The iam group's replay responders, keyed by SigV4 signing name (see ../index.ts). IAM itself is a core
// service (../iam.ts, registered in ../index.ts).
import { accessAnalyzerReplay } from '../access-analyzer';
import type { ReplayService } from '../types';

export const IAM_REPLAY: Record<string, ReplayService> = {
  'access-analyzer': accessAnalyzerReplay,
};
