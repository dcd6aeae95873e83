// EC2 networking per region: VPCs with the flow logs that watch them, and network ACLs.
// Flow logs are listed once per region (DescribeFlowLogs cannot filter by resource type) and attached to
// the VPC they name; when that listing is incomplete, no VPC gets a FlowLogs key (the gap convention).
import type { FlowLog } from '@aws-sdk/client-ec2';
import { settled } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { tagMap } from './client-config';
import { describeAll, displayName } from './ec2-pages';
import { EC2_TYPES, type Ec2VpcConfig } from './ec2-shapes';
import { awsSdk } from './sdk-loader';

// Page sizes asked for explicitly so each response (and the raw row recording it) stays bounded: 1000 is the
// maximum of DescribeVpcs and DescribeFlowLogs, 100 that of DescribeNetworkAcls (DescribeNetworkAclsMaxResults).
const PAGE = 1000;
const NACL_PAGE = 100;

export async function collectVpcs(ctx: CallContext, region: string, accountId: string): Promise<void> {
  const { DescribeFlowLogsCommand, DescribeVpcsCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  const [vpcs, flowLogs] = await settled(
    describeAll(
      ctx,
      region,
      'DescribeVpcs',
      { MaxResults: PAGE },
      (params, abortSignal) => ec2.send(new DescribeVpcsCommand(params), { abortSignal }),
      (out) => out.Vpcs,
    ),
    describeAll(
      ctx,
      region,
      'DescribeFlowLogs',
      { MaxResults: PAGE },
      (params, abortSignal) => ec2.send(new DescribeFlowLogsCommand(params), { abortSignal }),
      (out) => out.FlowLogs,
    ),
  );
  const byResource = new Map<string, FlowLog[]>();
  for (const f of flowLogs.items) {
    if (!f.ResourceId) continue;
    byResource.set(f.ResourceId, [...(byResource.get(f.ResourceId) ?? []), f]);
  }
  for (const vpc of vpcs.items) {
    if (!vpc.VpcId) continue;
    const tags = tagMap(vpc.Tags);
    const config = redactObject({
      ...vpc,
      ...(flowLogs.complete ? { FlowLogs: byResource.get(vpc.VpcId) ?? [] } : {}),
    }) as Ec2VpcConfig;
    ctx.sink.resource({
      uid: `arn:aws:ec2:${region}:${vpc.OwnerId ?? accountId}:vpc/${vpc.VpcId}`,
      provider: 'aws',
      service: 'ec2',
      type: EC2_TYPES.vpc,
      region,
      name: displayName(tags, vpc.VpcId),
      tags,
      config: config as unknown as Record<string, unknown>,
    });
  }
}

export async function collectNetworkAcls(ctx: CallContext, region: string, accountId: string): Promise<void> {
  const { DescribeNetworkAclsCommand } = await awsSdk.ec2();
  const ec2 = await ctx.clients.ec2(region);
  const acls = await describeAll(
    ctx,
    region,
    'DescribeNetworkAcls',
    { MaxResults: NACL_PAGE },
    (params, abortSignal) => ec2.send(new DescribeNetworkAclsCommand(params), { abortSignal }),
    (out) => out.NetworkAcls,
  );
  for (const acl of acls.items) {
    if (!acl.NetworkAclId) continue;
    const tags = tagMap(acl.Tags);
    ctx.sink.resource({
      uid: `arn:aws:ec2:${region}:${acl.OwnerId ?? accountId}:network-acl/${acl.NetworkAclId}`,
      provider: 'aws',
      service: 'ec2',
      type: EC2_TYPES.networkAcl,
      region,
      name: displayName(tags, acl.NetworkAclId),
      tags,
      config: redactObject(acl),
    });
  }
}
