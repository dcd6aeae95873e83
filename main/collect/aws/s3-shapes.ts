// The s3 group's resource types and the bucket config keys it adds to AWS::S3::Bucket (the core keys are in
// shapes.ts S3BucketConfig). Same gap convention as shapes.ts: a key ABSENT means the call failed (a
// collection_errors row exists), a key present with JSON null means "collected, none configured".
import type { PolicyJudgement } from './policy-judgement';
import type { S3BucketConfig } from './shapes';

export const S3_TYPES = {
  /**
   * Account-level S3 Block Public Access (S3 Control GetPublicAccessBlock). One per collected account.
   * uid: arn:aws:s3:::account-public-access-block/<account id>; region 'global'.
   */
  accountPublicAccessBlock: 'AWS::S3::AccountPublicAccessBlock',
} as const;

/** uid of the account-level Block Public Access resource of an account. */
export const accountPublicAccessBlockUid = (account: string): string =>
  `arn:aws:s3:::account-public-access-block/${account}`;

export type PublicAccessBlockFlags = {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
};

/** config of AWS::S3::AccountPublicAccessBlock. */
export type S3AccountPublicAccessBlockConfig = {
  AccountId: string;
  /** GetPublicAccessBlock .PublicAccessBlockConfiguration; null = never configured (all four off). */
  PublicAccessBlock?: PublicAccessBlockFlags | null;
};

/** config of AWS::S3::Bucket: the core keys plus the s3 group's follow-ups. */
export type S3BucketGroupConfig = S3BucketConfig & {
  /** GetBucketPolicy .Policy parsed as JSON; null = no bucket policy (NoSuchBucketPolicy). */
  Policy?: unknown;
  /**
   * Our own reading of Policy (main/collect/aws/policy-judgement.ts), present whenever Policy is a document
   * (ParseError set when the text was not a readable policy). Absent when Policy is absent or null.
   */
  PolicyJudgement?: PolicyJudgement;
  /** GetBucketTagging .TagSet; [] = no tags (NoSuchTagSet). The resource's `tags` map holds the same. */
  TagSet?: { Key?: string; Value?: string }[];
  /** GetObjectLockConfiguration .ObjectLockConfiguration; null = object lock never enabled. */
  ObjectLock?: {
    ObjectLockEnabled?: string;
    Rule?: { DefaultRetention?: { Mode?: string; Days?: number; Years?: number } };
  } | null;
  /** GetBucketLifecycleConfiguration .Rules; null = no lifecycle configuration. */
  Lifecycle?:
    | {
        ID?: string;
        Status?: string;
        Expiration?: { Days?: number; Date?: string; ExpiredObjectDeleteMarker?: boolean };
        Transitions?: { Days?: number; StorageClass?: string }[];
        NoncurrentVersionExpiration?: { NoncurrentDays?: number };
      }[]
    | null;
  /** GetBucketOwnershipControls .OwnershipControls; null = none (ACLs enabled, ObjectWriter). */
  OwnershipControls?: { Rules?: { ObjectOwnership?: string }[] } | null;
};

/** The tag that marks a bucket as needing S3 Object Lock (s3_bucket_object_lock). */
export const RETENTION_TAG = { key: 'evidence-desk:retention', value: 'required' } as const;
