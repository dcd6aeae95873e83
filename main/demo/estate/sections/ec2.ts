// The ec2 group's part of a replayable account (Estate.ec2Extras): VPCs and their flow logs, network ACLs,
// instances, EBS snapshots and AMIs, each in its region. Security groups and volumes are core Estate facts.
// Dates are "days before the request" like the rest of the estate.

export type EstateFlowLog = {
  id: string;
  /** 'ACTIVE' is the only status AWS reports for a flow log that exists. */
  status: 'ACTIVE';
  /** Whether records reach the destination; FAILED when e.g. the delivery role lost its permission. */
  delivery: 'SUCCESS' | 'FAILED';
  trafficType: 'ALL' | 'ACCEPT' | 'REJECT';
  destination: { type: 'cloud-watch-logs'; logGroup: string } | { type: 's3'; bucketArn: string };
  createdDaysAgo: number;
};

export type EstateVpc = {
  region: string;
  id: string;
  cidr: string;
  isDefault: boolean;
  /** Flow logs whose resource is this VPC ([] = none). */
  flowLogs: EstateFlowLog[];
  tags?: Record<string, string>;
};

export type EstateNaclEntry = {
  rule: number;
  /** '-1' (all), '6' (TCP), '17' (UDP), '1' (ICMP): AWS reports protocol numbers. */
  protocol: string;
  action: 'allow' | 'deny';
  egress: boolean;
  cidr?: string;
  ipv6?: string;
  ports?: { from: number; to: number };
};

export type EstateNetworkAcl = {
  region: string;
  id: string;
  vpcId: string;
  isDefault: boolean;
  subnets: string[];
  /** Entries as configured; AWS also returns the catch-all 32767 deny entries, which the responder adds. */
  entries: EstateNaclEntry[];
  /** The VPC has IPv6: AWS then also lists the ::/0 catch-all deny. */
  ipv6?: boolean;
  tags?: Record<string, string>;
};

export type EstateInstance = {
  region: string;
  id: string;
  /** Instances of one reservation are launched together and listed together. */
  reservation: string;
  type: string;
  state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  vpcId: string;
  subnetId: string;
  privateIp: string;
  publicIp?: string;
  /** 'required' = IMDSv2 only; 'optional' = IMDSv1 still answers. */
  httpTokens: 'required' | 'optional';
  /** Metadata endpoint; 'disabled' = no metadata service at all. */
  httpEndpoint: 'enabled' | 'disabled';
  imageId: string;
  launchedDaysAgo: number;
  securityGroupIds: string[];
  tags?: Record<string, string>;
};

export type EstateSnapshot = {
  region: string;
  id: string;
  volumeId: string;
  sizeGiB: number;
  encrypted: boolean;
  kmsKeyId?: string;
  startedDaysAgo: number;
  description?: string;
  /** createVolumePermission: 'all' = public; account ids = shared with them. */
  sharedWith: ('all' | string)[];
  tags?: Record<string, string>;
};

export type EstateImage = {
  region: string;
  id: string;
  name: string;
  public: boolean;
  createdDaysAgo: number;
  rootSnapshotId: string;
  tags?: Record<string, string>;
};

export type Ec2Extras = {
  vpcs: EstateVpc[];
  networkAcls: EstateNetworkAcl[];
  instances: EstateInstance[];
  snapshots: EstateSnapshot[];
  images: EstateImage[];
};
