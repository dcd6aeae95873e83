// The s3 group's part of a replayable account (Estate.s3Extras): the facts its replay responders render.
// Bucket-level facts live on each EstateBucket (main/demo/estate/types.ts); this holds the account-level ones.
export type S3Extras = {
  /**
   * Account-level Block Public Access (S3 Control GetPublicAccessBlock); null = never configured
   * (NoSuchPublicAccessBlockConfiguration). An estate without s3Extras answers null too.
   */
  accountPublicAccessBlock: {
    BlockPublicAcls: boolean;
    IgnorePublicAcls: boolean;
    BlockPublicPolicy: boolean;
    RestrictPublicBuckets: boolean;
  } | null;
};
