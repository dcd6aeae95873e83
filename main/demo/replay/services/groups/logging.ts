// The logging group's replay responders, keyed by SigV4 signing name (see ../index.ts).
import type { ReplayService } from '../types';

export const LOGGING_REPLAY: Record<string, ReplayService> = {};
