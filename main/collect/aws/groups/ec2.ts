// The ec2 group's collectors, as units collectAws schedules (see main/collect/aws/module.ts).
import type { AwsModule } from '../module';

export const EC2_MODULES: readonly AwsModule[] = [];
