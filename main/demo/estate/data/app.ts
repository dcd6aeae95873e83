// The demo organisation's app facts, per account id (see main/demo/estate/sections/app.ts for the shape).
import type { AppServicesEstate } from '../sections/app';

export const APP_ESTATE: Record<string, AppServicesEstate> = {};
