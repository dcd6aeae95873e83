// Pass, fail and data-missing fixtures for the ec2 group's checks (merged into CHECK_FIXTURES). The four
// original ec2 checks keep theirs in ../check-fixtures.ts.
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { awsResource } from '../snapshot-fixture';

const ACCOUNT = '111122223333';

function one(type: string, uid: string, config: Record<string, unknown>, name: string): CheckCase {
  return { resources: [awsResource(type, uid, config, { name })], uid };
}

// Security groups
const SG_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-1`;
const sg = (config: Record<string, unknown>) =>
  one(
    'AWS::EC2::SecurityGroup',
    SG_UID,
    { GroupId: 'sg-1', GroupName: 'app', VpcId: 'vpc-1', ...config },
    'sg-1',
  );
const rule = (protocol: string, from: number | undefined, to: number | undefined, cidr: string) => ({
  IpProtocol: protocol,
  ...(from === undefined ? {} : { FromPort: from, ToPort: to }),
  IpRanges: [{ CidrIp: cidr }],
  Ipv6Ranges: [],
});
const https = { IpPermissions: [rule('tcp', 443, 443, '0.0.0.0/0')] };
// Collected, but not as a list of rules: nothing proves the ports are closed.
const unreadableRules = { IpPermissions: null };

// Network ACLs
const ACL_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:network-acl/acl-1`;
const acl = (entries?: unknown[]) =>
  one(
    'AWS::EC2::NetworkAcl',
    ACL_UID,
    { NetworkAclId: 'acl-1', VpcId: 'vpc-1', ...(entries ? { Entries: entries } : {}) },
    'acl-1',
  );
const entry = (RuleNumber: number, RuleAction: string, Protocol: string, from?: number, to?: number) => ({
  RuleNumber,
  RuleAction,
  Protocol,
  Egress: false,
  CidrBlock: '0.0.0.0/0',
  ...(from === undefined ? {} : { PortRange: { From: from, To: to } }),
});
const catchAll = entry(32767, 'deny', '-1');
const naclPort = (port: number): CheckFixtures => ({
  pass: acl([entry(90, 'deny', '6', port, port), entry(100, 'allow', '-1'), catchAll]),
  fail: acl([entry(100, 'allow', '6', port, port), entry(200, 'deny', '6', port, port), catchAll]),
  error: acl(),
});

// VPCs
const VPC_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/vpc-1`;
const vpc = (flowLogs?: unknown[]) =>
  one('AWS::EC2::VPC', VPC_UID, { VpcId: 'vpc-1', ...(flowLogs ? { FlowLogs: flowLogs } : {}) }, 'vpc-1');

// Instances
const INSTANCE_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`;
const instance = (config: Record<string, unknown>) =>
  one(
    'AWS::EC2::Instance',
    INSTANCE_UID,
    { InstanceId: 'i-1', State: { Name: 'running' }, ...config },
    'i-1',
  );

// Snapshots and images
const SNAPSHOT_UID = 'arn:aws:ec2:us-east-1::snapshot/snap-1';
const snapshot = (config: Record<string, unknown>) =>
  one('AWS::EC2::Snapshot', SNAPSHOT_UID, { SnapshotId: 'snap-1', ...config }, 'snap-1');
const IMAGE_UID = 'arn:aws:ec2:us-east-1::image/ami-1';
const image = (config: Record<string, unknown>) =>
  one('AWS::EC2::Image', IMAGE_UID, { ImageId: 'ami-1', ...config }, 'ami-1');

export const EC2_FIXTURES: Record<string, CheckFixtures> = {
  ec2_securitygroup_default_restrict_traffic: {
    pass: sg({ GroupName: 'default', IpPermissions: [], IpPermissionsEgress: [] }),
    fail: sg({
      GroupName: 'default',
      IpPermissions: [],
      IpPermissionsEgress: [rule('-1', undefined, undefined, '0.0.0.0/0')],
    }),
    // Inbound is empty, but the outbound rules were not collected: "no rules" is unproven.
    error: sg({ GroupName: 'default', IpPermissions: [] }),
  },
  ec2_securitygroup_allow_ingress_from_internet_to_all_ports: {
    pass: sg(https),
    fail: sg({ IpPermissions: [rule('-1', undefined, undefined, '0.0.0.0/0')] }),
    error: sg(unreadableRules),
  },
  ec2_securitygroup_allow_ingress_from_internet_to_db_ports: {
    pass: sg(https),
    fail: sg({ IpPermissions: [rule('tcp', 5432, 5432, '0.0.0.0/0')] }),
    error: sg(unreadableRules),
  },
  ec2_networkacl_allow_ingress_tcp_port_22: naclPort(22),
  ec2_networkacl_allow_ingress_tcp_port_3389: naclPort(3389),
  vpc_flow_logs_enabled: {
    pass: vpc([
      { FlowLogId: 'fl-1', FlowLogStatus: 'ACTIVE', DeliverLogsStatus: 'SUCCESS', TrafficType: 'ALL' },
    ]),
    fail: vpc([]),
    error: vpc(),
  },
  ec2_instance_imdsv2_enabled: {
    pass: instance({ MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' } }),
    fail: instance({ MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } }),
    error: instance({}),
  },
  ec2_instance_public_ip: {
    pass: instance({ PublicIpAddress: null }),
    fail: instance({ PublicIpAddress: '198.51.100.10' }),
    error: instance({}),
  },
  ec2_ebs_public_snapshot: {
    pass: snapshot({ CreateVolumePermissions: [] }),
    fail: snapshot({ CreateVolumePermissions: [{ Group: 'all' }] }),
    error: snapshot({}),
  },
  ec2_ebs_snapshots_encrypted: {
    pass: snapshot({ Encrypted: true }),
    fail: snapshot({ Encrypted: false }),
    error: snapshot({}),
  },
  ec2_ami_public: {
    pass: image({ Public: false }),
    fail: image({ Public: true }),
    error: image({}),
  },
};
