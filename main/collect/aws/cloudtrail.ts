// CloudTrail (per region). A multi-region trail is returned by DescribeTrails in EVERY region (as a shadow
// trail), so trails are deduplicated by ARN and recorded once, in their home region, with the status asked
// of that home region. Each trail's event selectors (what it records) come from the same home region.
import type { Trail } from '@aws-sdk/client-cloudtrail';
import { settleAll, settled } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall } from './client-config';
import type { CloudTrailTrailLoggingConfig } from './logging-shapes';
import { AWS_TYPES, type CloudTrailTrailConfig } from './shapes';
import { awsSdk } from './sdk-loader';

type TrailConfig = Omit<CloudTrailTrailConfig, 'KmsKeyId' | 'Status'> & CloudTrailTrailLoggingConfig;

/** Shared by all regions of one snapshot; a trail ARN is claimed synchronously before any await. */
export type TrailRegistry = Set<string>;

export async function collectCloudTrailRegion(
  ctx: CallContext,
  region: string,
  seen: TrailRegistry,
): Promise<void> {
  const { DescribeTrailsCommand } = await awsSdk.cloudTrail();
  const params = { includeShadowTrails: true };
  const out = await recordedCall(
    ctx,
    { service: 'cloudtrail', region, operation: 'DescribeTrails', params },
    async (abortSignal) =>
      (await ctx.clients.cloudtrail(region)).send(new DescribeTrailsCommand(params), { abortSignal }),
  );
  if (!out.ok) return;
  // Claimed synchronously (filter runs before any await), so two regions never both record a trail.
  const mine = (out.value.trailList ?? []).filter((trail) => {
    if (!trail.TrailARN || !trail.Name || seen.has(trail.TrailARN)) return false;
    seen.add(trail.TrailARN);
    return true;
  });
  await settleAll(mine.map((trail) => collectTrail(ctx, region, trail)));
}

async function collectTrail(ctx: CallContext, region: string, trail: Trail): Promise<void> {
  if (!trail.TrailARN || !trail.Name) return;
  const { GetEventSelectorsCommand, GetTrailStatusCommand } = await awsSdk.cloudTrail();
  const home = trail.HomeRegion ?? region;
  const config = redactObject(trail) as unknown as TrailConfig;
  // DescribeTrails omits these when they are not set: null records "collected, none" (shapes.ts convention).
  config.KmsKeyId = trail.KmsKeyId ?? null;
  config.CloudWatchLogsLogGroupArn = trail.CloudWatchLogsLogGroupArn ?? null;
  const Name = trail.TrailARN;
  const client = await ctx.clients.cloudtrail(home);
  const [status, selectors] = await settled(
    recordedCall(
      ctx,
      { service: 'cloudtrail', region: home, operation: 'GetTrailStatus', params: { Name }, resource: Name },
      (abortSignal) => client.send(new GetTrailStatusCommand({ Name }), { abortSignal }),
    ),
    recordedCall(
      ctx,
      {
        service: 'cloudtrail',
        region: home,
        operation: 'GetEventSelectors',
        params: { TrailName: Name },
        resource: Name,
      },
      (abortSignal) => client.send(new GetEventSelectorsCommand({ TrailName: Name }), { abortSignal }),
    ),
  );
  if (status.ok) config.Status = redactObject(status.value) as TrailConfig['Status'];
  if (selectors.ok) {
    const out = redactObject(selectors.value) as Partial<NonNullable<TrailConfig['Selectors']>>;
    config.Selectors = {
      EventSelectors: out.EventSelectors ?? null,
      AdvancedEventSelectors: out.AdvancedEventSelectors ?? null,
    };
  }
  ctx.sink.resource({
    uid: trail.TrailARN,
    provider: 'aws',
    service: 'cloudtrail',
    type: AWS_TYPES.cloudTrailTrail,
    region: home,
    name: trail.Name,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
