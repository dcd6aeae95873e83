// The iam group's replay responders, keyed by SigV4 signing name (see ../index.ts).
import type { ReplayService } from '../types';

export const IAM_REPLAY: Record<string, ReplayService> = {};
