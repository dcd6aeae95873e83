// EC2 responses (ec2 query protocol: lowerCamel names, lists as <item>, no Result wrapper).
import type { Estate, Ingress } from '../../estate/types';
import { ec2Ok, isoDaysAgo } from '../wire';
import {
  describeImages,
  describeInstances,
  describeSnapshotAttribute,
  describeSnapshots,
} from './ec2-compute';
import { describeFlowLogs, describeNetworkAcls, describeVpcs } from './ec2-network';
import { items, tagSet } from './ec2-xml';
import { UnknownOperation, pageOf, type Responder } from './types';

const SG_PAGE = 3; // small on purpose: exercises NextToken pagination
const VOLUME_PAGE = 4;

/** What AWS puts in a new security group: all traffic out to anywhere. */
const ALL_OUT: Ingress = { protocol: '-1', cidrs: ['0.0.0.0/0'] };

function permission(estate: Estate, rule: Ingress) {
  return {
    ipProtocol: rule.protocol,
    ...(rule.protocol !== '-1' && rule.from !== undefined
      ? { fromPort: rule.from, toPort: rule.to ?? rule.from }
      : {}),
    groups: items((rule.groups ?? []).map((groupId) => ({ userId: estate.accountId, groupId }))),
    ipRanges: items(
      (rule.cidrs ?? []).map((cidrIp) => ({
        cidrIp,
        ...(rule.description ? { description: rule.description } : {}),
      })),
    ),
    ipv6Ranges: items(
      (rule.ipv6 ?? []).map((cidrIpv6) => ({
        cidrIpv6,
        ...(rule.description ? { description: rule.description } : {}),
      })),
    ),
    prefixListIds: items([]),
  };
}

export const ec2Responder: Responder = (estate, req) => {
  const { region, now, params } = req;
  switch (req.operation) {
    case 'DescribeRegions':
      return ec2Ok('DescribeRegions', {
        regionInfo: items(
          estate.regions.map((r) => ({
            regionName: r,
            regionEndpoint: `ec2.${r}.amazonaws.com`,
            optInStatus: 'opt-in-not-required',
          })),
        ),
      });
    case 'DescribeSecurityGroups': {
      const groups = estate.securityGroups.filter((g) => g.region === region);
      const { page, next } = pageOf(groups, params.NextToken, SG_PAGE);
      return ec2Ok('DescribeSecurityGroups', {
        securityGroupInfo: items(
          page.map((g) => ({
            ownerId: estate.accountId,
            groupId: g.id,
            groupName: g.name,
            groupDescription: g.description,
            vpcId: g.vpcId,
            ipPermissions: items(g.ingress.map((r) => permission(estate, r))),
            ipPermissionsEgress: items((g.egress ?? [ALL_OUT]).map((r) => permission(estate, r))),
            tagSet: tagSet(g.tags),
            securityGroupArn: `arn:aws:ec2:${region}:${estate.accountId}:security-group/${g.id}`,
          })),
        ),
        ...(next ? { nextToken: next } : {}),
      });
    }
    case 'DescribeVolumes': {
      const vols = estate.volumes.filter((v) => v.region === region);
      const { page, next } = pageOf(vols, params.NextToken, VOLUME_PAGE);
      return ec2Ok('DescribeVolumes', {
        volumeSet: items(
          page.map((v) => ({
            volumeId: v.id,
            size: v.sizeGiB,
            snapshotId: '',
            availabilityZone: v.az,
            status: v.instanceId ? 'in-use' : 'available',
            createTime: isoDaysAgo(now, v.createdDaysAgo),
            attachmentSet: items(
              v.instanceId
                ? [
                    {
                      volumeId: v.id,
                      instanceId: v.instanceId,
                      device: '/dev/xvda',
                      status: 'attached',
                      attachTime: isoDaysAgo(now, v.createdDaysAgo),
                      deleteOnTermination: true,
                    },
                  ]
                : [],
            ),
            volumeType: v.type,
            ...(v.type === 'gp3' ? { iops: 3000, throughput: 125 } : v.type === 'io2' ? { iops: 16000 } : {}),
            encrypted: v.encrypted,
            ...(v.kmsKeyId ? { kmsKeyId: v.kmsKeyId } : {}),
            tagSet: tagSet(v.tags),
            multiAttachEnabled: false,
          })),
        ),
        ...(next ? { nextToken: next } : {}),
      });
    }
    case 'GetEbsEncryptionByDefault':
      return ec2Ok('GetEbsEncryptionByDefault', {
        ebsEncryptionByDefault: estate.ebsEncryptionByDefault[region] ?? false,
        sseType: 'sse-ebs',
      });
    case 'DescribeVpcs':
      return describeVpcs(estate, req);
    case 'DescribeFlowLogs':
      return describeFlowLogs(estate, req);
    case 'DescribeNetworkAcls':
      return describeNetworkAcls(estate, req);
    case 'DescribeInstances':
      return describeInstances(estate, req);
    case 'DescribeSnapshots':
      return describeSnapshots(estate, req);
    case 'DescribeSnapshotAttribute':
      return describeSnapshotAttribute(estate, req);
    case 'DescribeImages':
      return describeImages(estate, req);
    default:
      throw new UnknownOperation();
  }
};
