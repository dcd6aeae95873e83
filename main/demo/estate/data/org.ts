// The demo organisation's org facts, per account id (see main/demo/estate/sections/org.ts for the shape).
import type { OrganizationEstate } from '../sections/org';

export const ORG_ESTATE: Record<string, OrganizationEstate> = {};
