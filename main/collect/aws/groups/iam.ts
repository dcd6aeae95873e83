// The iam group's collectors, as units collectAws schedules (see main/collect/aws/module.ts). Users, the
// credential report, the password policy and customer policies are the core IAM unit (iam.ts, run by index.ts).
import { collectAccessAnalyzerRegion } from '../access-analyzer';
import { collectIamRoles } from '../iam-roles';
import type { AwsModule } from '../module';

export const IAM_MODULES: readonly AwsModule[] = [
  {
    service: 'iam',
    scope: 'global',
    label: 'IAM roles and AWS Support access',
    collect: ({ ctx, account }) => collectIamRoles(ctx, account),
  },
  {
    service: 'access-analyzer',
    scope: 'regional',
    label: 'IAM Access Analyzer analyzers',
    collect: ({ ctx, region, account }) => collectAccessAnalyzerRegion(ctx, region, account),
  },
];
