// The demo organisation's data facts, per account id (see main/demo/estate/sections/data.ts for the shape).
import type { DataStoresEstate } from '../sections/data';

export const DATA_ESTATE: Record<string, DataStoresEstate> = {};
