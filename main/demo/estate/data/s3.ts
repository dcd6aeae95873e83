// The demo organisation's s3 facts, per account id (see main/demo/estate/sections/s3.ts for the shape).
import type { S3Extras } from '../sections/s3';

export const S3_ESTATE: Record<string, S3Extras> = {};
