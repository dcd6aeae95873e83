// The demo organisation's logging facts, per account id (see main/demo/estate/sections/logging.ts for the shape).
import type { LoggingEstate } from '../sections/logging';

export const LOGGING_ESTATE: Record<string, LoggingEstate> = {};
