// The logging group's collectors, as units collectAws schedules (see main/collect/aws/module.ts).
import type { AwsModule } from '../module';

export const LOGGING_MODULES: readonly AwsModule[] = [];
