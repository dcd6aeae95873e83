// collectAws: one read-only pass over an AWS account into a CollectionSink. Order matters only at the
// start: identity first (the snapshot cannot be attributed without it), then the region list, then every
// service/region unit at once: how many calls are actually on the wire is bounded per service and region by
// the run's CallScheduler (main/collect/concurrency.ts). After that, a failed call is a gap and collection
// carries on.
import { CallScheduler, settleAll, type CollectionStats } from '../concurrency';
import type { CallerIdentity, CollectionSink } from '../types';
import { AwsClients, REGION_PATTERN, type AwsTarget, type CallContext } from './client-config';
import { collectCloudTrailRegion, type TrailRegistry } from './cloudtrail';
import { configuredEndpointsForTarget } from './configured-endpoints';
import { collectEc2Region, describeEnabledRegions } from './ec2';
import { collectIam } from './iam';
import { collectS3 } from './s3';
import { APP_MODULES } from './groups/app';
import { DATA_MODULES } from './groups/data';
import { EC2_MODULES } from './groups/ec2';
import { IAM_MODULES } from './groups/iam';
import { LOGGING_MODULES } from './groups/logging';
import { ORG_MODULES } from './groups/org';
import { S3_MODULES } from './groups/s3';
import type { AwsModule } from './module';
import { AWS_TYPES, type AccountConfig } from './shapes';
import { collectIdentity } from './sts';

export type { AwsTarget } from './client-config';
export { IdentityError } from './sts';

/** Every service group's collectors beyond the core ones below (main/collect/aws/groups/*). */
export const AWS_MODULES: readonly AwsModule[] = [
  ...S3_MODULES,
  ...IAM_MODULES,
  ...EC2_MODULES,
  ...LOGGING_MODULES,
  ...DATA_MODULES,
  ...APP_MODULES,
  ...ORG_MODULES,
];

/** The approved-regions setting as sealed evidence: one scope resource per account snapshot. */
function approvedRegionsResource(
  account: string,
  approved: CollectOptions['approvedRegions'],
): Parameters<CollectionSink['resource']>[0] {
  const set = approved && approved.regions.length > 0;
  return {
    uid: `evidence-desk:approved-regions:aws:${account}`,
    provider: 'aws',
    service: 'scope',
    type: AWS_TYPES.approvedRegions,
    region: 'global',
    name: `Approved regions for ${account}`,
    tags: {},
    config: {
      // null = the analyst has not set approved regions: the region checks answer error, never pass.
      ApprovedRegions: set ? [...new Set(approved.regions)].sort() : null,
      Source: set ? approved.source : 'not set (Settings > Approved regions)',
    },
  };
}

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

export type CollectOptions = {
  /** In-flight calls per (service, region), per service name; defaults: DEFAULT_LIMITS. */
  limits?: Record<string, number>;
  /** In-flight calls for the whole run; default DEFAULT_TOTAL_LIMIT. */
  totalLimit?: number;
  /**
   * The approved regions in force when the snapshot runs (a workspace setting, copied into the snapshot so the
   * region checks are judged from sealed evidence). Absent or empty = not set.
   */
  approvedRegions?: { regions: string[]; source: string };
};

/**
 * The regions enabled in the account (null when DescribeRegions failed: a recorded gap) and the regions to
 * collect: the target's list, or every enabled region (the home region if the list is unreadable). Enabled
 * regions are asked for even when the analyst picked regions, so the approved-regions check sees every region
 * that could hold resources, not only the collected ones.
 */
async function resolveRegions(
  ctx: CallContext,
  target: AwsTarget,
): Promise<{ enabled: string[] | null; collect: string[] }> {
  ctx.sink.progress({
    phase: 'collecting',
    service: 'ec2',
    region: target.homeRegion,
    done: 0,
    total: 1,
    message: 'Listing enabled regions',
  });
  const enabled = await describeEnabledRegions(ctx, target.homeRegion);
  const given = [...new Set(target.regions ?? [])].sort();
  // If the region list is not readable, the home region is still collected; the gap records why the other
  // regions are missing from the population.
  return { enabled, collect: given.length > 0 ? given : (enabled ?? [target.homeRegion]) };
}

export async function collectAws(
  target: AwsTarget,
  sink: CollectionSink,
  options: CollectOptions = {},
): Promise<{ identity: CallerIdentity; regions: string[]; stats: CollectionStats }> {
  validateTarget(target);
  // The profile's endpoint_url / services section / s3 addressing_style, read once per run.
  const clients = new AwsClients(target, await configuredEndpointsForTarget(target));
  const scheduler = new CallScheduler(sink.signal, options);
  const ctx: CallContext = { sink, clients, scheduler };
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

    const trails: TrailRegistry = new Set();
    let finished = 0;
    // Global units first (they need no region list), so IAM's long chain of calls starts while the region
    // list is still being asked for; the total grows once the regions are known.
    let total = 2;
    const runUnit = async (u: Unit) => {
      const report = (message: string) =>
        sink.progress({
          phase: 'collecting',
          service: u.service,
          region: u.region,
          done: finished,
          total,
          message,
        });
      report(`Collecting ${u.label}`);
      await u.run();
      finished++;
      report(`Collected ${u.label}`);
    };
    const globalWork = [
      runUnit({
        service: 'iam',
        region: 'global',
        label: 'IAM users, credentials and policies',
        run: () => collectIam(ctx, identity.account),
      }),
      runUnit({
        service: 's3',
        region: 'global',
        label: 'S3 buckets',
        run: () =>
          collectS3(
            ctx,
            target.homeRegion,
            (done, of) =>
              sink.progress({
                phase: 'collecting',
                service: 's3',
                region: 'global',
                done: finished,
                total,
                message: `S3 buckets: ${done} of ${of}`,
              }),
            identity.account,
          ),
      }),
    ];

    const regionalWork = resolveRegions(ctx, target).then(async ({ enabled, collect: regions }) => {
      const account: AccountConfig = {
        AccountId: identity.account,
        Regions: regions,
        // Absent (not null) when DescribeRegions failed: the gap convention of shapes.ts.
        ...(enabled ? { EnabledRegions: enabled } : {}),
        CallerArn: identity.arn,
      };
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
      sink.resource(approvedRegionsResource(identity.account, options.approvedRegions));
      const units = regions.flatMap((region): Unit[] => [
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
      ]);
      for (const m of AWS_MODULES) {
        const unitRegions = m.scope === 'global' ? [target.homeRegion] : regions;
        for (const region of unitRegions) {
          units.push({
            service: m.service,
            region: m.scope === 'global' ? 'global' : region,
            label: m.scope === 'global' ? m.label : `${m.label} in ${region}`,
            run: () => m.collect({ ctx, region, account: identity.account, regions }),
          });
        }
      }
      total += units.length;
      await settleAll(units.map(runUnit));
      return regions;
    });
    // Every branch is waited for (settleAll), so clients are never destroyed under a call still sending.
    await settleAll([...globalWork, regionalWork]);
    const regions = await regionalWork;
    return { identity, regions, stats: scheduler.stats() };
  } finally {
    scheduler.close();
    clients.destroy();
  }
}
