// The iam group's collectors, as units collectAws schedules (see main/collect/aws/module.ts).
import type { AwsModule } from '../module';

export const IAM_MODULES: readonly AwsModule[] = [];
