// EC2 networking responses (ec2 query protocol): DescribeVpcs, DescribeFlowLogs, DescribeNetworkAcls, rendered
// from Estate.ec2Extras. Element names as the SDK's EC2 schema reads them (vpcSet, flowLogSet, entrySet...).
import type { Estate } from '../../estate/types';
import type { EstateNaclEntry } from '../../estate/sections/ec2';
import { ec2Ok, isoDaysAgo, type ReplayResponse } from '../wire';
import { items, tagSet } from './ec2-xml';
import { pageOf, type ReplayRequest } from './types';

// Small on purpose: the demo's regions span several pages, which exercises NextToken pagination.
const VPC_PAGE = 1;
const FLOW_LOG_PAGE = 1;
const NACL_PAGE = 2;

export function describeVpcs(estate: Estate, req: ReplayRequest): ReplayResponse {
  const vpcs = (estate.ec2Extras?.vpcs ?? []).filter((v) => v.region === req.region);
  const { page, next } = pageOf(vpcs, req.params.NextToken, VPC_PAGE);
  return ec2Ok('DescribeVpcs', {
    vpcSet: items(
      page.map((v) => ({
        ownerId: estate.accountId,
        instanceTenancy: 'default',
        cidrBlockAssociationSet: items([
          {
            associationId: `vpc-cidr-assoc-${v.id.slice(4)}`,
            cidrBlock: v.cidr,
            cidrBlockState: { state: 'associated' },
          },
        ]),
        isDefault: v.isDefault,
        tagSet: tagSet(v.tags),
        vpcId: v.id,
        state: 'available',
        cidrBlock: v.cidr,
        dhcpOptionsId: `dopt-${v.id.slice(4)}`,
      })),
    ),
    ...(next ? { nextToken: next } : {}),
  });
}

export function describeFlowLogs(estate: Estate, req: ReplayRequest): ReplayResponse {
  const logs = (estate.ec2Extras?.vpcs ?? [])
    .filter((v) => v.region === req.region)
    .flatMap((v) => v.flowLogs.map((f) => ({ vpc: v.id, f })));
  const { page, next } = pageOf(logs, req.params.NextToken, FLOW_LOG_PAGE);
  return ec2Ok('DescribeFlowLogs', {
    flowLogSet: items(
      page.map(({ vpc, f }) => ({
        creationTime: isoDaysAgo(req.now, f.createdDaysAgo),
        deliverLogsStatus: f.delivery,
        ...(f.delivery === 'FAILED' ? { deliverLogsErrorMessage: 'Access error' } : {}),
        flowLogId: f.id,
        flowLogStatus: f.status,
        resourceId: vpc,
        trafficType: f.trafficType,
        logDestinationType: f.destination.type,
        ...(f.destination.type === 'cloud-watch-logs'
          ? {
              logGroupName: f.destination.logGroup,
              logDestination: `arn:aws:logs:${req.region}:${estate.accountId}:log-group:${f.destination.logGroup}`,
              deliverLogsPermissionArn: `arn:aws:iam::${estate.accountId}:role/vpc-flow-logs`,
            }
          : { logDestination: f.destination.bucketArn }),
        logFormat:
          '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}',
        maxAggregationInterval: 600,
        tagSet: tagSet({}),
      })),
    ),
    ...(next ? { nextToken: next } : {}),
  });
}

function entry(e: EstateNaclEntry) {
  return {
    ruleNumber: e.rule,
    protocol: e.protocol,
    ruleAction: e.action,
    egress: e.egress,
    ...(e.cidr ? { cidrBlock: e.cidr } : {}),
    ...(e.ipv6 ? { ipv6CidrBlock: e.ipv6 } : {}),
    ...(e.ports ? { portRange: { from: e.ports.from, to: e.ports.to } } : {}),
  };
}

/** The catch-all entries every network ACL has (rule "*": 32767, and 32768 for IPv6), which AWS lists too. */
function catchAll(ipv6: boolean): EstateNaclEntry[] {
  const out: EstateNaclEntry[] = [];
  for (const egress of [false, true]) {
    out.push({ rule: 32767, protocol: '-1', action: 'deny', egress, cidr: '0.0.0.0/0' });
    if (ipv6) out.push({ rule: 32768, protocol: '-1', action: 'deny', egress, ipv6: '::/0' });
  }
  return out;
}

export function describeNetworkAcls(estate: Estate, req: ReplayRequest): ReplayResponse {
  const acls = (estate.ec2Extras?.networkAcls ?? []).filter((a) => a.region === req.region);
  const { page, next } = pageOf(acls, req.params.NextToken, NACL_PAGE);
  return ec2Ok('DescribeNetworkAcls', {
    networkAclSet: items(
      page.map((a) => ({
        associationSet: items(
          a.subnets.map((subnetId, i) => ({
            networkAclAssociationId: `aclassoc-${a.id.slice(4, 16)}${String(i).padStart(5, '0')}`,
            networkAclId: a.id,
            subnetId,
          })),
        ),
        entrySet: items([...a.entries, ...catchAll(a.ipv6 ?? false)].map(entry)),
        default: a.isDefault,
        networkAclId: a.id,
        tagSet: tagSet(a.tags),
        vpcId: a.vpcId,
        ownerId: estate.accountId,
      })),
    ),
    ...(next ? { nextToken: next } : {}),
  });
}
