// The demo organisation's s3 facts, per account id (see main/demo/estate/sections/s3.ts for the shape).
import type { S3Extras } from '../sections/s3';

export const S3_ESTATE: Record<string, S3Extras> = {
  // Northwind Health (management): account-level Block Public Access was never turned on, so every bucket
  // relies on its own settings (s3_account_level_public_access_blocks: fail).
  '111122223333': { accountPublicAccessBlock: null },
  // Northwind Dev (member): all four account-level settings on (pass); they also neutralise any public
  // bucket policy or ACL in that account.
  '444455556666': {
    accountPublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  },
};
