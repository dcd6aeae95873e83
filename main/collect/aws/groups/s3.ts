// The s3 group's collectors, as units collectAws schedules (see main/collect/aws/module.ts).
import type { AwsModule } from '../module';

export const S3_MODULES: readonly AwsModule[] = [];
