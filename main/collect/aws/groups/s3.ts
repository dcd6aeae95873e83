// The s3 group's collectors, as units collectAws schedules (see main/collect/aws/module.ts). The buckets
// themselves are a core unit (main/collect/aws/s3.ts, started before the region list is known).
import type { AwsModule } from '../module';
import { collectAccountPublicAccessBlock } from '../s3-account';

export const S3_MODULES: readonly AwsModule[] = [
  {
    service: 's3-control',
    scope: 'global',
    label: 'S3 account-level Block Public Access',
    collect: collectAccountPublicAccessBlock,
  },
];
