// The org group's collectors, as units collectAws schedules (see main/collect/aws/module.ts).
import type { AwsModule } from '../module';
import { collectOrganization } from '../organizations';

export const ORG_MODULES: readonly AwsModule[] = [
  {
    service: 'organizations',
    scope: 'global',
    label: 'AWS Organizations membership and service control policies',
    collect: ({ ctx, region, account }) => collectOrganization(ctx, region, account),
  },
];
