// The app group's collectors, as units collectAws schedules (see main/collect/aws/module.ts). All regional:
// each region is its own unit, so a denied or throttled region is a gap for that region only.
import { collectAcmRegion } from '../acm';
import { collectElbv2Region } from '../elbv2';
import { collectLambdaRegion } from '../lambda';
import type { AwsModule } from '../module';
import { collectSecretsManagerRegion } from '../secrets-manager';
import { collectSnsRegion } from '../sns';
import { collectSqsRegion } from '../sqs';

export const APP_MODULES: readonly AwsModule[] = [
  {
    service: 'sns',
    scope: 'regional',
    label: 'SNS topics',
    collect: ({ ctx, region, account }) => collectSnsRegion(ctx, region, account),
  },
  {
    service: 'sqs',
    scope: 'regional',
    label: 'SQS queues',
    collect: ({ ctx, region, account }) => collectSqsRegion(ctx, region, account),
  },
  {
    service: 'lambda',
    scope: 'regional',
    label: 'Lambda functions',
    collect: ({ ctx, region, account }) => collectLambdaRegion(ctx, region, account),
  },
  {
    service: 'elasticloadbalancing',
    scope: 'regional',
    label: 'load balancers and listeners',
    collect: ({ ctx, region }) => collectElbv2Region(ctx, region),
  },
  {
    service: 'acm',
    scope: 'regional',
    label: 'ACM certificates',
    collect: ({ ctx, region }) => collectAcmRegion(ctx, region),
  },
  {
    service: 'secretsmanager',
    scope: 'regional',
    label: 'Secrets Manager secrets',
    collect: ({ ctx, region }) => collectSecretsManagerRegion(ctx, region),
  },
];
