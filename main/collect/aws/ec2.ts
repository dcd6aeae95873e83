// EC2 (per region): enabled regions, security groups, EBS volumes and the region's EBS default encryption.
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall, tagMap } from './client-config';
import { AWS_TYPES, type Ec2EbsDefaultEncryptionConfig } from './shapes';
import { awsSdk } from './sdk-loader';

/** The account's enabled regions (sorted), or null when DescribeRegions failed (a gap is recorded). */
export async function describeEnabledRegions(ctx: CallContext, homeRegion: string): Promise<string[] | null> {
  const { DescribeRegionsCommand } = await awsSdk.ec2();
  // AllRegions=false: only regions enabled for the account; opted-out regions cannot hold resources.
  const params = { AllRegions: false };
  const out = await recordedCall(
    ctx,
    { service: 'ec2', region: homeRegion, operation: 'DescribeRegions', params },
    async (abortSignal) =>
      (await ctx.clients.ec2(homeRegion)).send(new DescribeRegionsCommand(params), { abortSignal }),
  );
  if (!out.ok) return null;
  const names = (out.value.Regions ?? []).map((r) => r.RegionName).filter((r): r is string => !!r);
  return [...new Set(names)].sort();
}

// Page sizes asked for explicitly: without MaxResults, DescribeSecurityGroups answers with every group of the
// region at once, one response as large as the estate. Pages keep each response (and the raw evidence row that
// records it) bounded. 1000 is DescribeSecurityGroups' maximum; DescribeVolumes answers at most 500 a page.
const SECURITY_GROUP_PAGE = 1000;
const VOLUME_PAGE = 500;

function nameTag(tags: Record<string, string>, fallback: string): string {
  return tags.Name ? `${tags.Name} (${fallback})` : fallback;
}

/** Security groups, volumes and the EBS default are independent: the three run at once. */
export async function collectEc2Region(ctx: CallContext, region: string, accountId: string): Promise<void> {
  await settleAll([
    collectSecurityGroups(ctx, region, accountId),
    collectVolumes(ctx, region, accountId),
    collectEbsDefault(ctx, region, accountId),
  ]);
}

async function collectSecurityGroups(ctx: CallContext, region: string, accountId: string): Promise<void> {
  const { DescribeSecurityGroupsCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  let token: string | undefined;
  do {
    const params = { MaxResults: SECURITY_GROUP_PAGE, ...(token ? { NextToken: token } : {}) };
    const page = await recordedCall(
      ctx,
      { service: 'ec2', region, operation: 'DescribeSecurityGroups', params },
      (abortSignal) => ec2.send(new DescribeSecurityGroupsCommand(params), { abortSignal }),
    );
    if (!page.ok) break;
    for (const sg of page.value.SecurityGroups ?? []) {
      if (!sg.GroupId) continue;
      const tags = tagMap(sg.Tags);
      ctx.sink.resource({
        uid: `arn:aws:ec2:${region}:${sg.OwnerId ?? accountId}:security-group/${sg.GroupId}`,
        provider: 'aws',
        service: 'ec2',
        type: AWS_TYPES.ec2SecurityGroup,
        region,
        name: sg.GroupName ? `${sg.GroupName} (${sg.GroupId})` : nameTag(tags, sg.GroupId),
        tags,
        config: redactObject(sg),
      });
    }
    token = page.value.NextToken;
  } while (token);
}

async function collectVolumes(ctx: CallContext, region: string, accountId: string): Promise<void> {
  const { DescribeVolumesCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  let token: string | undefined;
  do {
    const params = { MaxResults: VOLUME_PAGE, ...(token ? { NextToken: token } : {}) };
    const page = await recordedCall(
      ctx,
      { service: 'ec2', region, operation: 'DescribeVolumes', params },
      (abortSignal) => ec2.send(new DescribeVolumesCommand(params), { abortSignal }),
    );
    if (!page.ok) break;
    for (const v of page.value.Volumes ?? []) {
      if (!v.VolumeId) continue;
      const tags = tagMap(v.Tags);
      ctx.sink.resource({
        uid: `arn:aws:ec2:${region}:${accountId}:volume/${v.VolumeId}`,
        provider: 'aws',
        service: 'ec2',
        type: AWS_TYPES.ec2Volume,
        region,
        name: nameTag(tags, v.VolumeId),
        tags,
        config: redactObject(v),
      });
    }
    token = page.value.NextToken;
  } while (token);
}

async function collectEbsDefault(ctx: CallContext, region: string, accountId: string): Promise<void> {
  const { GetEbsEncryptionByDefaultCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  const ebs = await recordedCall(
    ctx,
    { service: 'ec2', region, operation: 'GetEbsEncryptionByDefault', resource: region },
    (abortSignal) => ec2.send(new GetEbsEncryptionByDefaultCommand({}), { abortSignal }),
  );
  // The setting always exists (default false), so on failure the resource still exists with the key absent.
  const config: Ec2EbsDefaultEncryptionConfig = { Region: region };
  if (ebs.ok) config.EbsEncryptionByDefault = ebs.value.EbsEncryptionByDefault ?? false;
  ctx.sink.resource({
    uid: `arn:aws:ec2:${region}:${accountId}:ebs-encryption-by-default`,
    provider: 'aws',
    service: 'ec2',
    type: AWS_TYPES.ec2EbsDefaultEncryption,
    region,
    name: `EBS encryption by default (${region})`,
    tags: {},
    config: config as Record<string, unknown>,
  });
}
