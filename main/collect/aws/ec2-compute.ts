// EC2 compute and images per region: instances, the account's own EBS snapshots (with who may create
// volumes from each) and the account's own AMIs.
import type { Instance, Snapshot } from '@aws-sdk/client-ec2';
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall, tagMap } from './client-config';
import { describeAll, displayName } from './ec2-pages';
import { EC2_TYPES, type Ec2InstanceConfig, type Ec2SnapshotConfig } from './ec2-shapes';
import { awsSdk } from './sdk-loader';

// 1000 is the maximum page of DescribeInstances, DescribeSnapshots and DescribeImages.
const PAGE = 1000;

export async function collectInstances(ctx: CallContext, region: string, accountId: string): Promise<void> {
  const { DescribeInstancesCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  const instances = await describeAll(
    ctx,
    region,
    'DescribeInstances',
    { MaxResults: PAGE },
    (params, abortSignal) => ec2.send(new DescribeInstancesCommand(params), { abortSignal }),
    // Instances come grouped by reservation; the reservation carries the owner.
    (out) =>
      (out.Reservations ?? []).flatMap((r) =>
        (r.Instances ?? []).map((i): Instance & { OwnerId?: string } => ({ ...i, OwnerId: r.OwnerId })),
      ),
  );
  for (const i of instances.items) {
    if (!i.InstanceId) continue;
    const tags = tagMap(i.Tags);
    // AWS omits PublicIpAddress when there is none: record that answer as null ("collected, none").
    const config = redactObject({ ...i, PublicIpAddress: i.PublicIpAddress ?? null }) as Ec2InstanceConfig;
    ctx.sink.resource({
      uid: `arn:aws:ec2:${region}:${i.OwnerId ?? accountId}:instance/${i.InstanceId}`,
      provider: 'aws',
      service: 'ec2',
      type: EC2_TYPES.instance,
      region,
      name: displayName(tags, i.InstanceId),
      tags,
      config: config as unknown as Record<string, unknown>,
    });
  }
}

export async function collectSnapshots(ctx: CallContext, region: string): Promise<void> {
  const { DescribeSnapshotsCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  // OwnerIds=self: without it the call lists every public snapshot in the region too (millions).
  const snapshots = await describeAll(
    ctx,
    region,
    'DescribeSnapshots',
    { OwnerIds: ['self'], MaxResults: PAGE },
    (params, abortSignal) => ec2.send(new DescribeSnapshotsCommand(params), { abortSignal }),
    (out) => out.Snapshots,
  );
  await settleAll(snapshots.items.map((s) => collectSnapshot(ctx, region, s)));
}

async function collectSnapshot(ctx: CallContext, region: string, snapshot: Snapshot): Promise<void> {
  const SnapshotId = snapshot.SnapshotId;
  if (!SnapshotId) return;
  const { DescribeSnapshotAttributeCommand } = await awsSdk.ec2();
  const params = { SnapshotId, Attribute: 'createVolumePermission' as const };
  const attr = await recordedCall(
    ctx,
    { service: 'ec2', region, operation: 'DescribeSnapshotAttribute', params },
    async (abortSignal) =>
      (await ctx.clients.ec2(region)).send(new DescribeSnapshotAttributeCommand(params), { abortSignal }),
  );
  const tags = tagMap(snapshot.Tags);
  const config = redactObject({
    ...snapshot,
    // Absent when the call failed: whether the snapshot is public is then unknown.
    ...(attr.ok ? { CreateVolumePermissions: attr.value.CreateVolumePermissions ?? [] } : {}),
  }) as Ec2SnapshotConfig;
  ctx.sink.resource({
    uid: `arn:aws:ec2:${region}::snapshot/${SnapshotId}`,
    provider: 'aws',
    service: 'ec2',
    type: EC2_TYPES.snapshot,
    region,
    name: displayName(tags, SnapshotId),
    tags,
    config: config as unknown as Record<string, unknown>,
  });
}

export async function collectImages(ctx: CallContext, region: string): Promise<void> {
  const { DescribeImagesCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  // Owners=self: the account's own AMIs, the only ones it can make public.
  const images = await describeAll(
    ctx,
    region,
    'DescribeImages',
    { Owners: ['self'], MaxResults: PAGE },
    (params, abortSignal) => ec2.send(new DescribeImagesCommand(params), { abortSignal }),
    (out) => out.Images,
  );
  for (const image of images.items) {
    if (!image.ImageId) continue;
    const tags = tagMap(image.Tags);
    ctx.sink.resource({
      uid: `arn:aws:ec2:${region}::image/${image.ImageId}`,
      provider: 'aws',
      service: 'ec2',
      type: EC2_TYPES.image,
      region,
      name: image.Name ? `${image.Name} (${image.ImageId})` : displayName(tags, image.ImageId),
      tags,
      config: redactObject(image),
    });
  }
}
