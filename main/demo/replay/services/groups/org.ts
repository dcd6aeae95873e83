// The org group's replay responders, keyed by SigV4 signing name (see ../index.ts).
import type { ReplayService } from '../types';

export const ORG_REPLAY: Record<string, ReplayService> = {};
