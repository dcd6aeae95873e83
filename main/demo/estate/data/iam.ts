// The demo organisation's iam facts, per account id (see main/demo/estate/sections/iam.ts for the shape).
import type { IamExtras } from '../sections/iam';

export const IAM_ESTATE: Record<string, IamExtras> = {};
