// The s3 group's API calls (see main/collect/registry.ts for what an entry means and why it matters). The
// core S3 calls (ListBuckets, GetBucketLocation, GetPublicAccessBlock, GetBucketPolicyStatus, GetBucketAcl,
// GetBucketEncryption, GetBucketVersioning, GetBucketLogging) are in the registry's core list.
import type { ApiCall } from '../../registry';

export const S3_CALLS: readonly ApiCall[] = [
  {
    service: 's3',
    operation: 'GetBucketPolicy',
    action: 's3:GetBucketPolicy',
    why: 'Reads the bucket policy document, so Evidence Desk judges public and cross-account access itself and checks for a TLS-only deny.',
  },
  {
    service: 's3',
    operation: 'GetBucketTagging',
    action: 's3:GetBucketTagging',
    why: 'Reads bucket tags: shown with each finding and used to find buckets tagged as needing Object Lock.',
  },
  {
    service: 's3',
    operation: 'GetObjectLockConfiguration',
    action: 's3:GetBucketObjectLockConfiguration',
    why: 'Reads whether S3 Object Lock (write-once retention) is enabled and its default retention (object lock check).',
  },
  {
    service: 's3',
    operation: 'GetBucketLifecycleConfiguration',
    action: 's3:GetLifecycleConfiguration',
    why: 'Reads lifecycle rules (retention and expiry of log buckets check).',
  },
  {
    service: 's3',
    operation: 'GetBucketOwnershipControls',
    action: 's3:GetBucketOwnershipControls',
    why: 'Reads Object Ownership, which says whether ACLs are disabled (BucketOwnerEnforced) on the bucket.',
  },
  {
    service: 's3-control',
    operation: 'GetPublicAccessBlock',
    action: 's3:GetAccountPublicAccessBlock',
    why: 'Reads the account-level Block Public Access settings, which override every bucket in the account.',
  },
];
