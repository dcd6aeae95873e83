// The ec2 group's resource types and configs (VPC, network ACL, instance, EBS snapshot, AMI): the contract
// between main/collect/aws/ec2-network.ts / ec2-compute.ts and the checks in main/checks/aws/{ec2,vpc}/.
// config is the SDK's own output object (PascalCase) with follow-up results attached under the keys below.
// The gap convention of shapes.ts applies: a key ABSENT = the call deciding it failed (a gap exists); JSON
// null = collected, and there is none.

export const EC2_TYPES = {
  /** uid: arn:aws:ec2:<region>:<owner account>:vpc/<id>. */
  vpc: 'AWS::EC2::VPC',
  /** uid: arn:aws:ec2:<region>:<owner account>:network-acl/<id>. */
  networkAcl: 'AWS::EC2::NetworkAcl',
  /** uid: arn:aws:ec2:<region>:<account>:instance/<id>. */
  instance: 'AWS::EC2::Instance',
  /** uid: arn:aws:ec2:<region>::snapshot/<id> (AWS's snapshot ARN has no account). Own snapshots only. */
  snapshot: 'AWS::EC2::Snapshot',
  /** uid: arn:aws:ec2:<region>::image/<id> (AWS's image ARN has no account). Own AMIs only. */
  image: 'AWS::EC2::Image',
} as const;

/** One DescribeFlowLogs entry, as attached to the VPC it watches. */
export type Ec2FlowLog = {
  FlowLogId?: string;
  /** 'ACTIVE' when the flow log is capturing. */
  FlowLogStatus?: string;
  /** 'SUCCESS' | 'FAILED' | 'SKIPPED': whether records reach the destination. */
  DeliverLogsStatus?: string;
  DeliverLogsErrorMessage?: string;
  ResourceId?: string;
  TrafficType?: string;
  LogDestinationType?: string;
  LogDestination?: string;
  LogGroupName?: string;
};

/** config of AWS::EC2::VPC: the DescribeVpcs entry + FlowLogs. */
export type Ec2VpcConfig = {
  VpcId: string;
  OwnerId?: string;
  CidrBlock?: string;
  IsDefault?: boolean;
  State?: string;
  /**
   * The region's DescribeFlowLogs entries whose ResourceId is this VPC ([] = none). ABSENT when
   * DescribeFlowLogs failed (or a page of it did) in the VPC's region: absence of a flow log is then unproven.
   */
  FlowLogs?: Ec2FlowLog[];
};

/** One entry of a network ACL (DescribeNetworkAcls .Entries[]). */
export type Ec2NetworkAclEntry = {
  RuleNumber?: number;
  /** '-1' (all), '6' (TCP), '17' (UDP), '1' (ICMP), ... as AWS returns it (a protocol number string). */
  Protocol?: string;
  RuleAction?: 'allow' | 'deny' | string;
  Egress?: boolean;
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
  PortRange?: { From?: number; To?: number };
};

/** config of AWS::EC2::NetworkAcl: the DescribeNetworkAcls entry as is. */
export type Ec2NetworkAclConfig = {
  NetworkAclId: string;
  VpcId?: string;
  IsDefault?: boolean;
  OwnerId?: string;
  Entries?: Ec2NetworkAclEntry[];
  Associations?: { NetworkAclAssociationId?: string; SubnetId?: string }[];
};

/** config of AWS::EC2::Instance: the DescribeInstances instance entry, plus the reservation's owner. */
export type Ec2InstanceConfig = {
  InstanceId: string;
  State?: { Name?: string; Code?: number };
  /**
   * The public IPv4 address; null = the instance has none (AWS omits the field then, and the collector
   * records that answer as null so "none" is told apart from "not collected").
   */
  PublicIpAddress?: string | null;
  PublicDnsName?: string;
  PrivateIpAddress?: string;
  VpcId?: string;
  SubnetId?: string;
  MetadataOptions?: {
    /** 'required' = IMDSv2 only; 'optional' = IMDSv1 still answers. */
    HttpTokens?: string;
    /** 'disabled' = no metadata service at all. */
    HttpEndpoint?: string;
    HttpPutResponseHopLimit?: number;
    State?: string;
  };
  /** Reservation .OwnerId. */
  OwnerId?: string;
};

/** config of AWS::EC2::Snapshot: the DescribeSnapshots entry + CreateVolumePermissions. */
export type Ec2SnapshotConfig = {
  SnapshotId: string;
  VolumeId?: string;
  Encrypted?: boolean;
  KmsKeyId?: string;
  OwnerId?: string;
  State?: string;
  VolumeSize?: number;
  StartTime?: string;
  /**
   * DescribeSnapshotAttribute(createVolumePermission) .CreateVolumePermissions: [{ Group: 'all' }] = public,
   * [{ UserId }] = shared with that account, [] = private. ABSENT when that call failed.
   */
  CreateVolumePermissions?: { Group?: string; UserId?: string }[];
};

/** config of AWS::EC2::Image: the DescribeImages(Owners=self) entry as is (Public is AWS's own verdict). */
export type Ec2ImageConfig = {
  ImageId: string;
  Name?: string;
  Public?: boolean;
  State?: string;
  OwnerId?: string;
  CreationDate?: string;
};
