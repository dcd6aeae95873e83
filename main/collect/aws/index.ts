// collectAws: one read-only pass over an AWS account into a CollectionSink. Order matters only at the
// start: identity first (the snapshot cannot be attributed without it), then the region list, then every
// service/region unit a few at a time. After that, a failed call is a gap and collection carries on.
import pLimit from 'p-limit';
import type { CallerIdentity, CollectionSink } from '../types';
import { AwsClients, REGION_PATTERN, type AwsTarget, type CallContext } from './client-config';
import { collectCloudTrailRegion, type TrailRegistry } from './cloudtrail';
import { collectEc2Region, describeEnabledRegions } from './ec2';
import { collectIam } from './iam';
import { collectS3 } from './s3';
import { AWS_TYPES, type AccountConfig } from './shapes';
import { collectIdentity } from './sts';

export type { AwsTarget } from './client-config';
export { IdentityError } from './sts';

/** Units (service x region) collected at once: small, so API rate limits are rarely hit. */
const UNIT_CONCURRENCY = 3;

type Unit = { service: string; region: string; label: string; run: () => Promise<unknown> };

export function validateTarget(target: AwsTarget): void {
  if (!REGION_PATTERN.test(target.homeRegion)) {
    throw new Error(
      `"${target.homeRegion}" is not an AWS region name (expected e.g. us-east-1); fix the home region.`,
    );
  }
  for (const r of target.regions ?? []) {
    if (!REGION_PATTERN.test(r))
      throw new Error(`"${r}" is not an AWS region name (expected e.g. eu-west-1).`);
  }
  if (target.endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(target.endpoint)) {
    throw new Error(`The endpoint override "${target.endpoint}" is not an http(s) URL.`);
  }
  if (
    target.maxAttempts !== undefined &&
    !(Number.isInteger(target.maxAttempts) && target.maxAttempts >= 1)
  ) {
    throw new Error('maxAttempts must be a whole number of at least 1.');
  }
  if (target.requestTimeoutMs !== undefined && !(target.requestTimeoutMs > 0)) {
    throw new Error('requestTimeoutMs must be a positive number of milliseconds.');
  }
}

export async function collectAws(
  target: AwsTarget,
  sink: CollectionSink,
): Promise<{ identity: CallerIdentity; regions: string[] }> {
  validateTarget(target);
  const clients = new AwsClients(target);
  const ctx: CallContext = { sink, clients };
  try {
    sink.progress({
      phase: 'collecting',
      service: 'sts',
      region: target.homeRegion,
      done: 0,
      total: 1,
      message: 'Confirming the AWS identity',
    });
    const identity = await collectIdentity(ctx, target.homeRegion);

    let regions = [...new Set(target.regions ?? [])].sort();
    if (regions.length === 0) {
      sink.progress({
        phase: 'collecting',
        service: 'ec2',
        region: target.homeRegion,
        done: 0,
        total: 1,
        message: 'Listing enabled regions',
      });
      // If the region list is not readable, the home region is still collected; the gap records why the
      // other regions are missing from the population.
      regions = (await describeEnabledRegions(ctx, target.homeRegion)) ?? [target.homeRegion];
    }

    const account: AccountConfig = { AccountId: identity.account, Regions: regions, CallerArn: identity.arn };
    sink.resource({
      uid: `aws-account:${identity.account}`,
      provider: 'aws',
      service: 'account',
      type: AWS_TYPES.account,
      region: 'global',
      name: identity.account,
      tags: {},
      config: account,
    });

    const trails: TrailRegistry = new Set();
    let finished = 0;
    const units: Unit[] = [
      {
        service: 'iam',
        region: 'global',
        label: 'IAM users, credentials and policies',
        run: () => collectIam(ctx, identity.account),
      },
      {
        service: 's3',
        region: 'global',
        label: 'S3 buckets',
        run: () =>
          collectS3(ctx, target.homeRegion, (done, total) =>
            sink.progress({
              phase: 'collecting',
              service: 's3',
              region: 'global',
              done: finished,
              total: units.length,
              message: `S3 buckets: ${done} of ${total}`,
            }),
          ),
      },
      ...regions.flatMap((region): Unit[] => [
        {
          service: 'ec2',
          region,
          label: `EC2 security groups and volumes in ${region}`,
          run: () => collectEc2Region(ctx, region, identity.account),
        },
        {
          service: 'cloudtrail',
          region,
          label: `CloudTrail trails in ${region}`,
          run: () => collectCloudTrailRegion(ctx, region, trails),
        },
      ]),
    ];

    const limit = pLimit(UNIT_CONCURRENCY);
    await Promise.all(
      units.map((u) =>
        limit(async () => {
          const report = (message: string) =>
            sink.progress({
              phase: 'collecting',
              service: u.service,
              region: u.region,
              done: finished,
              total: units.length,
              message,
            });
          report(`Collecting ${u.label}`);
          await u.run();
          finished++;
          report(`Collected ${u.label}`);
        }),
      ),
    );
    return { identity, regions };
  } finally {
    clients.destroy();
  }
}
