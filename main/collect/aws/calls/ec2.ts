// The ec2 group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const EC2_CALLS: readonly ApiCall[] = [
  {
    service: 'ec2',
    operation: 'DescribeVpcs',
    action: 'ec2:DescribeVpcs',
    why: 'Lists the VPCs of each region: the population for the VPC flow log check.',
  },
  {
    service: 'ec2',
    operation: 'DescribeFlowLogs',
    action: 'ec2:DescribeFlowLogs',
    why: 'Reads the flow logs of each region and their status, to show which VPCs record their network traffic.',
  },
  {
    service: 'ec2',
    operation: 'DescribeNetworkAcls',
    action: 'ec2:DescribeNetworkAcls',
    why: 'Reads network ACL entries in rule order (SSH and RDP reachable from the internet at the subnet edge).',
  },
  {
    service: 'ec2',
    operation: 'DescribeInstances',
    action: 'ec2:DescribeInstances',
    why: 'Reads EC2 instances: their instance metadata service settings (IMDSv2) and public IPv4 addresses.',
  },
  {
    service: 'ec2',
    operation: 'DescribeSnapshots',
    action: 'ec2:DescribeSnapshots',
    why: "Lists the account's own EBS snapshots and their encryption flag (snapshot encryption check).",
  },
  {
    service: 'ec2',
    operation: 'DescribeSnapshotAttribute',
    action: 'ec2:DescribeSnapshotAttribute',
    why: "Reads each snapshot's createVolumePermission, which says whether it is public or shared with other accounts.",
  },
  {
    service: 'ec2',
    operation: 'DescribeImages',
    action: 'ec2:DescribeImages',
    why: "Lists the account's own AMIs and whether each is public (public AMI check).",
  },
];
