// The demo organisation's ec2 facts, per account id (see main/demo/estate/sections/ec2.ts for the shape).
// Comments say which check each fact passes or fails, so the demo's findings can be predicted. In the
// management account 111122223333 every ec2/vpc check both passes and fails; the member account is small and
// mostly well configured. All ids are fictional; public IPs are from the documentation range 198.51.100.0/24.
import type {
  Ec2Extras,
  EstateImage,
  EstateInstance,
  EstateNaclEntry,
  EstateSnapshot,
} from '../sections/ec2';

const MGMT = '111122223333';
const MEMBER = '444455556666';
const KMS_US = `arn:aws:kms:us-east-1:${MGMT}:key/1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d`;
const KMS_USW2 = `arn:aws:kms:us-west-2:${MGMT}:key/0f9e8d7c-6b5a-4a3b-9c1d-2e3f4a5b6c7d`;
const KMS_MEMBER = `arn:aws:kms:us-east-1:${MEMBER}:key/4d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09`;

// The management account's VPCs (the same ids its security groups name).
const VPC_USE1 = 'vpc-0a11b22c33d44e551';
const VPC_USW2 = 'vpc-0b22c33d44e55f662';
const VPC_EUW1 = 'vpc-0c33d44e55f66a773';
const VPC_EUW1_DEFAULT = 'vpc-0d44e55f66a77b884';

const ingress = (
  rule: number,
  action: 'allow' | 'deny',
  protocol: string,
  source: { cidr?: string; ipv6?: string },
  ports?: [number, number],
): EstateNaclEntry => ({
  rule,
  action,
  protocol,
  egress: false,
  ...source,
  ...(ports ? { ports: { from: ports[0], to: ports[1] } } : {}),
});
const ALLOW_ALL_OUT: EstateNaclEntry = {
  rule: 100,
  action: 'allow',
  protocol: '-1',
  egress: true,
  cidr: '0.0.0.0/0',
};
const ANY4 = { cidr: '0.0.0.0/0' };
const ANY6 = { ipv6: '::/0' };

const instance = (
  region: string,
  id: string,
  reservation: string,
  opts: Partial<EstateInstance> & Pick<EstateInstance, 'vpcId' | 'subnetId' | 'privateIp'>,
): EstateInstance => ({
  region,
  id,
  reservation,
  type: 't3.medium',
  state: 'running',
  httpTokens: 'required',
  httpEndpoint: 'enabled',
  imageId: 'ami-0a1b2c3d4e5f60001',
  launchedDaysAgo: 120,
  securityGroupIds: [],
  ...opts,
});

const mgmtInstances: EstateInstance[] = [
  // us-east-1: two API servers launched together (one reservation), private, IMDSv2 only: PASS both.
  instance('us-east-1', 'i-0a1b2c3d4e5f60001', 'r-0a1b2c3d4e5f70001', { vpcId: VPC_USE1, subnetId: 'subnet-0a1b2c3d4e5f80011', privateIp: '10.10.1.11', securityGroupIds: ['sg-0e1a2b3c4d5e60004'], tags: { Name: 'api-1', Environment: 'prod' } }),
  instance('us-east-1', 'i-0a1b2c3d4e5f60002', 'r-0a1b2c3d4e5f70001', { vpcId: VPC_USE1, subnetId: 'subnet-0a1b2c3d4e5f80012', privateIp: '10.10.2.12', securityGroupIds: ['sg-0e1a2b3c4d5e60004'], tags: { Name: 'api-2', Environment: 'prod' } }),
  // FAIL imdsv2 (IMDSv1 still answers) and FAIL public IP: the bastion.
  instance('us-east-1', 'i-0a1b2c3d4e5f60003', 'r-0a1b2c3d4e5f70002', { vpcId: VPC_USE1, subnetId: 'subnet-0a1b2c3d4e5f80001', privateIp: '10.10.0.5', publicIp: '198.51.100.23', httpTokens: 'optional', type: 't3.micro', launchedDaysAgo: 1500, imageId: 'ami-0a1b2c3d4e5f6aaaa', securityGroupIds: ['sg-0e1a2b3c4d5e60003'], tags: { Name: 'bastion', Environment: 'prod' } }),
  instance('us-east-1', 'i-0a1b2c3d4e5f60004', 'r-0a1b2c3d4e5f70003', { vpcId: VPC_USE1, subnetId: 'subnet-0a1b2c3d4e5f80012', privateIp: '10.10.2.40', type: 'r6i.xlarge', tags: { Name: 'db-primary', Environment: 'prod' } }),
  // FAIL public IP (IMDSv2 required: PASS imdsv2): the Windows jump box.
  instance('us-east-1', 'i-0a1b2c3d4e5f60005', 'r-0a1b2c3d4e5f70004', { vpcId: VPC_USE1, subnetId: 'subnet-0a1b2c3d4e5f80001', privateIp: '10.10.0.9', publicIp: '198.51.100.45', type: 't3.large', securityGroupIds: ['sg-0e1a2b3c4d5e60005'], tags: { Name: 'jump-win', Environment: 'shared' } }),
  // us-west-2: the EMR pair still allows IMDSv1 (FAIL imdsv2); private.
  instance('us-west-2', 'i-0b1c2d3e4f5a60001', 'r-0b1c2d3e4f5a70001', { vpcId: VPC_USW2, subnetId: 'subnet-0b1c2d3e4f5a80001', privateIp: '10.20.1.10', httpTokens: 'optional', type: 'm5.2xlarge', securityGroupIds: ['sg-0f2b3c4d5e6f70002'], tags: { Name: 'emr-master', Team: 'analytics' } }),
  instance('us-west-2', 'i-0b1c2d3e4f5a60002', 'r-0b1c2d3e4f5a70001', { vpcId: VPC_USW2, subnetId: 'subnet-0b1c2d3e4f5a80001', privateIp: '10.20.1.11', httpTokens: 'optional', type: 'm5.2xlarge', tags: { Name: 'emr-core', Team: 'analytics' } }),
  instance('us-west-2', 'i-0b1c2d3e4f5a60003', 'r-0b1c2d3e4f5a70002', { vpcId: VPC_USW2, subnetId: 'subnet-0b1c2d3e4f5a80002', privateIp: '10.20.2.30', tags: { Name: 'analytics-worker', Team: 'analytics' } }),
  // Stopped, IMDSv2 required: PASS (a stopped instance is judged too; it can be started again).
  instance('us-west-2', 'i-0b1c2d3e4f5a60004', 'r-0b1c2d3e4f5a70003', { vpcId: VPC_USW2, subnetId: 'subnet-0b1c2d3e4f5a80002', privateIp: '10.20.2.44', state: 'stopped', type: 'g5.xlarge', tags: { Name: 'ml-train-1', Team: 'ml' } }),
  // eu-west-1
  instance('eu-west-1', 'i-0c1d2e3f4a5b60001', 'r-0c1d2e3f4a5b70001', { vpcId: VPC_EUW1, subnetId: 'subnet-0c1d2e3f4a5b80001', privateIp: '10.30.1.11', tags: { Name: 'eu-api-1', Environment: 'prod' } }),
  // PASS imdsv2 although tokens are optional: the metadata endpoint is disabled altogether.
  instance('eu-west-1', 'i-0c1d2e3f4a5b60002', 'r-0c1d2e3f4a5b70002', { vpcId: VPC_EUW1, subnetId: 'subnet-0c1d2e3f4a5b80002', privateIp: '10.30.2.12', httpTokens: 'optional', httpEndpoint: 'disabled', tags: { Name: 'eu-api-2', Environment: 'prod' } }),
  // FAIL both: the legacy FTP gateway, public and IMDSv1.
  instance('eu-west-1', 'i-0c1d2e3f4a5b60003', 'r-0c1d2e3f4a5b70003', { vpcId: VPC_EUW1, subnetId: 'subnet-0c1d2e3f4a5b80003', privateIp: '10.30.0.7', publicIp: '198.51.100.77', httpTokens: 'optional', launchedDaysAgo: 2000, imageId: 'ami-0c1d2e3f4a5b60001', securityGroupIds: ['sg-0a3c4d5e6f7a80002'], tags: { Name: 'legacy-ftp', Environment: 'legacy' } }),
  // Terminated an hour ago (AWS still lists it): n/a for both instance checks.
  instance('eu-west-1', 'i-0c1d2e3f4a5b60004', 'r-0c1d2e3f4a5b70004', { vpcId: VPC_EUW1, subnetId: 'subnet-0c1d2e3f4a5b80001', privateIp: '10.30.1.99', state: 'terminated', httpTokens: 'optional', tags: { Name: 'batch-once' } }),
];

const snapshot = (
  region: string,
  id: string,
  volumeId: string,
  opts: Partial<EstateSnapshot> = {},
): EstateSnapshot => ({
  region,
  id,
  volumeId,
  sizeGiB: 100,
  encrypted: true,
  startedDaysAgo: 30,
  sharedWith: [],
  ...opts,
});

const mgmtSnapshots: EstateSnapshot[] = [
  // PASS both: encrypted, private.
  snapshot('us-east-1', 'snap-0a1b2c3d4e5f60001', 'vol-0a000000000000001', { kmsKeyId: KMS_US, description: 'api-1 root nightly', tags: { Name: 'api-1-nightly' } }),
  // FAIL encryption (taken from the bastion's unencrypted root volume); private: PASS public.
  snapshot('us-east-1', 'snap-0a1b2c3d4e5f60002', 'vol-0a000000000000003', { encrypted: false, sizeGiB: 30, startedDaysAgo: 400, description: 'bastion before patching' }),
  // Shared with the member account for disaster recovery, not public: PASS both.
  snapshot('us-east-1', 'snap-0a1b2c3d4e5f60003', 'vol-0a000000000000004', { kmsKeyId: KMS_US, sizeGiB: 500, sharedWith: [MEMBER], description: 'db-primary weekly (DR copy)', tags: { Name: 'db-weekly' } }),
  snapshot('us-west-2', 'snap-0b1c2d3e4f5a60001', 'vol-0b000000000000003', { kmsKeyId: KMS_USW2, tags: { Name: 'analytics-worker' } }),
  // FAIL both: an unencrypted copy of the legacy FTP root volume made public for a vendor years ago.
  snapshot('eu-west-1', 'snap-0c1d2e3f4a5b60001', 'vol-0c000000000000003', { encrypted: false, startedDaysAgo: 1800, sharedWith: ['all'], description: 'legacy-ftp image for vendor' }),
];

const image = (region: string, id: string, name: string, rootSnapshotId: string, opts: Partial<EstateImage> = {}): EstateImage => ({
  region,
  id,
  name,
  public: false,
  createdDaysAgo: 60,
  rootSnapshotId,
  ...opts,
});

const mgmtImages: EstateImage[] = [
  // PASS: private golden image.
  image('us-east-1', 'ami-0a1b2c3d4e5f60001', 'nwh-api-golden-2025-05', 'snap-0a1b2c3d4e5f60001'),
  image('us-west-2', 'ami-0b1c2d3e4f5a60001', 'nwh-emr-base', 'snap-0b1c2d3e4f5a60001'),
  // FAIL: launch permission "all": anyone can launch the legacy FTP image.
  image('eu-west-1', 'ami-0c1d2e3f4a5b60001', 'nwh-legacy-ftp-base', 'snap-0c1d2e3f4a5b60001', { public: true, createdDaysAgo: 1800 }),
];

const management: Ec2Extras = {
  vpcs: [
    // PASS flow logs: all traffic to CloudWatch Logs.
    { region: 'us-east-1', id: VPC_USE1, cidr: '10.10.0.0/16', isDefault: false, flowLogs: [{ id: 'fl-0a1b2c3d4e5f60001', status: 'ACTIVE', delivery: 'SUCCESS', trafficType: 'ALL', destination: { type: 'cloud-watch-logs', logGroup: '/nwh/vpc/flow-logs' }, createdDaysAgo: 900 }], tags: { Name: 'nwh-prod' } },
    // FAIL flow logs: the analytics VPC has none.
    { region: 'us-west-2', id: VPC_USW2, cidr: '10.20.0.0/16', isDefault: false, flowLogs: [], tags: { Name: 'nwh-analytics' } },
    // PASS: rejected traffic to S3.
    { region: 'eu-west-1', id: VPC_EUW1, cidr: '10.30.0.0/16', isDefault: false, flowLogs: [{ id: 'fl-0c1d2e3f4a5b60001', status: 'ACTIVE', delivery: 'SUCCESS', trafficType: 'REJECT', destination: { type: 's3', bucketArn: 'arn:aws:s3:::nwh-backups-eu/vpc-flow-logs/' }, createdDaysAgo: 700 }], tags: { Name: 'nwh-eu' } },
    // FAIL: the default VPC's flow log exists but its delivery fails (the log group role was deleted).
    { region: 'eu-west-1', id: VPC_EUW1_DEFAULT, cidr: '172.31.0.0/16', isDefault: true, flowLogs: [{ id: 'fl-0c1d2e3f4a5b60002', status: 'ACTIVE', delivery: 'FAILED', trafficType: 'ALL', destination: { type: 'cloud-watch-logs', logGroup: '/nwh/vpc/default-eu' }, createdDaysAgo: 1200 }] },
  ],
  networkAcls: [
    // PASS both: SSH and RDP from anywhere are denied (rules 90/91) before the broad allow (100).
    { region: 'us-east-1', id: 'acl-0a1b2c3d4e5f60001', vpcId: VPC_USE1, isDefault: false, subnets: ['subnet-0a1b2c3d4e5f80001'], entries: [ingress(90, 'deny', '6', ANY4, [22, 22]), ingress(91, 'deny', '6', ANY4, [3389, 3389]), ingress(100, 'allow', '-1', ANY4), ALLOW_ALL_OUT], tags: { Name: 'nwh-public-edge' } },
    // PASS both: only the VPC range and ephemeral return ports are allowed in.
    { region: 'us-east-1', id: 'acl-0a1b2c3d4e5f60002', vpcId: VPC_USE1, isDefault: true, subnets: ['subnet-0a1b2c3d4e5f80011', 'subnet-0a1b2c3d4e5f80012'], entries: [ingress(100, 'allow', '-1', { cidr: '10.10.0.0/16' }), ingress(110, 'allow', '6', ANY4, [1024, 65535]), ALLOW_ALL_OUT] },
    // FAIL 22: "allow 22 from anywhere" (rule 100) comes before the deny added later (rule 200).
    // PASS 3389: nothing allows it; the catch-all deny answers.
    { region: 'us-west-2', id: 'acl-0b1c2d3e4f5a60001', vpcId: VPC_USW2, isDefault: true, subnets: ['subnet-0b1c2d3e4f5a80001', 'subnet-0b1c2d3e4f5a80002'], entries: [ingress(100, 'allow', '6', ANY4, [22, 22]), ingress(110, 'allow', '6', ANY4, [443, 443]), ingress(200, 'deny', '6', ANY4, [22, 22]), ALLOW_ALL_OUT], tags: { Name: 'analytics-default' } },
    // IPv4 is denied for every TCP port (rule 100), but RDP from any IPv6 address is allowed first (rule 50):
    // PASS 22 (IPv6 traffic on 22 meets the 110 deny), FAIL 3389.
    { region: 'eu-west-1', id: 'acl-0c1d2e3f4a5b60001', vpcId: VPC_EUW1, isDefault: false, ipv6: true, subnets: ['subnet-0c1d2e3f4a5b80003'], entries: [ingress(50, 'allow', '6', ANY6, [3389, 3389]), ingress(100, 'deny', '6', ANY4, [0, 65535]), ingress(110, 'deny', '-1', ANY6), ingress(120, 'allow', '-1', { cidr: '10.30.0.0/16' }), ALLOW_ALL_OUT], tags: { Name: 'legacy-dmz' } },
    // FAIL both: the default VPC's default ACL as AWS creates it (allow all traffic from anywhere, IPv4 and IPv6).
    { region: 'eu-west-1', id: 'acl-0c1d2e3f4a5b60002', vpcId: VPC_EUW1_DEFAULT, isDefault: true, ipv6: true, subnets: ['subnet-0c1d2e3f4a5b80009'], entries: [ingress(100, 'allow', '-1', ANY4), ingress(101, 'allow', '-1', ANY6), ALLOW_ALL_OUT] },
    // The eu VPC's own default ACL, associated with its private subnets: deny-all except the VPC range. PASS.
    { region: 'eu-west-1', id: 'acl-0c1d2e3f4a5b60003', vpcId: VPC_EUW1, isDefault: true, subnets: ['subnet-0c1d2e3f4a5b80001', 'subnet-0c1d2e3f4a5b80002'], entries: [ingress(100, 'allow', '-1', { cidr: '10.30.0.0/16' }), ALLOW_ALL_OUT] },
  ],
  instances: mgmtInstances,
  snapshots: mgmtSnapshots,
  images: mgmtImages,
};

// The member account's VPC, security groups and volumes are in main/demo/estate/northwind-dev.ts.
const MEMBER_VPC = 'vpc-0d44e55f66a77b881';
const member: Ec2Extras = {
  vpcs: [
    { region: 'us-east-1', id: MEMBER_VPC, cidr: '10.50.0.0/16', isDefault: false, flowLogs: [{ id: 'fl-0e5f6a7b8c9d60001', status: 'ACTIVE', delivery: 'SUCCESS', trafficType: 'ALL', destination: { type: 'cloud-watch-logs', logGroup: '/nwh-dev/vpc/flow-logs' }, createdDaysAgo: 300 }], tags: { Name: 'nwh-dev' } },
  ],
  networkAcls: [
    { region: 'us-east-1', id: 'acl-0e5f6a7b8c9d60001', vpcId: MEMBER_VPC, isDefault: true, subnets: ['subnet-0e5f6a7b8c9d80001'], entries: [ingress(80, 'deny', '6', ANY4, [22, 22]), ingress(81, 'deny', '6', ANY4, [3389, 3389]), ingress(100, 'allow', '-1', ANY4), ALLOW_ALL_OUT] },
  ],
  instances: [
    instance('us-east-1', 'i-0d1e2f3a4b5c60001', 'r-0e5f6a7b8c9d70001', { vpcId: MEMBER_VPC, subnetId: 'subnet-0e5f6a7b8c9d80001', privateIp: '10.50.1.10', imageId: 'ami-0e5f6a7b8c9d60001', securityGroupIds: ['sg-0d1e2f3a4b5c60002'], tags: { Name: 'dev-api' } }),
    // FAIL imdsv2: a developer's test box that still allows IMDSv1.
    instance('us-east-1', 'i-0e5f6a7b8c9d60002', 'r-0e5f6a7b8c9d70002', { vpcId: MEMBER_VPC, subnetId: 'subnet-0e5f6a7b8c9d80001', privateIp: '10.50.1.20', httpTokens: 'optional', imageId: 'ami-0e5f6a7b8c9d60001', tags: { Name: 'dev-scratch' } }),
  ],
  snapshots: [snapshot('us-east-1', 'snap-0e5f6a7b8c9d60001', 'vol-0d00000000000001', { kmsKeyId: KMS_MEMBER, sizeGiB: 50 })],
  images: [image('us-east-1', 'ami-0e5f6a7b8c9d60001', 'nwh-dev-base', 'snap-0e5f6a7b8c9d60001')],
};

export const EC2_ESTATE: Record<string, Ec2Extras> = {
  [MGMT]: management,
  [MEMBER]: member,
};
