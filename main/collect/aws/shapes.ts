// The resource types the AWS collectors write and the checks read. This file is the contract between
// main/collect/aws/* and main/checks/aws/*: config is the SDK's own output object (PascalCase, as AWS
// returns it) with the sub-results of follow-up calls attached under the names below.
//
// Gap convention (important for checks): when a follow-up call FAILED (AccessDenied, throttled out...), its
// key is ABSENT from config and a collection_errors row exists. When the call succeeded but the thing is not
// configured (e.g. NoSuchPublicAccessBlockConfiguration, no password policy), the key is present with JSON
// null. So in SQL: json_type(config, '$.Key') IS NULL  => not collected (check status 'error');
//                   json_type(config, '$.Key') = 'null' => collected, not configured.
//
// Dates are ISO-8601 strings. Regions: the real region, or 'global' for IAM.

export const AWS_TYPES = {
  /** uid: aws-account:<account id>. One per snapshot. */
  account: 'AWS::Account',
  /** uid: arn:aws:s3:::<bucket>; region: the bucket's region. */
  s3Bucket: 'AWS::S3::Bucket',
  /** uid: the user ARN; region 'global'. */
  iamUser: 'AWS::IAM::User',
  /** uid: arn:aws:iam::<account>:root; region 'global'. From the credential report's <root_account> row. */
  iamRoot: 'AWS::IAM::RootUser',
  /** uid: arn:aws:iam::<account>:account-password-policy; region 'global'. */
  iamPasswordPolicy: 'AWS::IAM::PasswordPolicy',
  /** uid: the policy ARN; customer-managed policies only; region 'global'. */
  iamPolicy: 'AWS::IAM::ManagedPolicy',
  /** uid: arn:aws:ec2:<region>:<account>:security-group/<id>. */
  ec2SecurityGroup: 'AWS::EC2::SecurityGroup',
  /** uid: arn:aws:ec2:<region>:<account>:volume/<id>. */
  ec2Volume: 'AWS::EC2::Volume',
  /** uid: arn:aws:ec2:<region>:<account>:ebs-encryption-by-default. One per collected region. */
  ec2EbsDefaultEncryption: 'AWS::EC2::EbsEncryptionByDefault',
  /** uid: the trail ARN; region: the trail's home region. Collected once even if seen from many regions. */
  cloudTrailTrail: 'AWS::CloudTrail::Trail',
  /**
   * Not an AWS resource: the workspace's approved regions at snapshot time, sealed with the snapshot so the
   * region checks can be re-judged from the package. uid: evidence-desk:approved-regions:aws:<account>.
   */
  approvedRegions: 'EvidenceDesk::Scope::ApprovedRegions',
} as const;

/** config of AWS::Account */
export type AccountConfig = {
  AccountId: string;
  /** Regions the snapshot covered (enabled regions, or the analyst's selection). */
  Regions: string[];
  /** Every region enabled in the account (DescribeRegions); absent when that call failed. */
  EnabledRegions?: string[];
  CallerArn: string;
};

/** config of AWS::S3::Bucket: ListBuckets entry + follow-up calls. */
export type S3BucketConfig = {
  Name: string;
  CreationDate?: string;
  Region: string;
  /** GetPublicAccessBlock .PublicAccessBlockConfiguration; null = none configured. */
  PublicAccessBlock?: {
    BlockPublicAcls?: boolean;
    IgnorePublicAcls?: boolean;
    BlockPublicPolicy?: boolean;
    RestrictPublicBuckets?: boolean;
  } | null;
  /** GetBucketPolicyStatus .PolicyStatus; null = bucket has no policy. */
  PolicyStatus?: { IsPublic?: boolean } | null;
  /** GetBucketAcl: { Owner, Grants: [{ Grantee: { Type, URI?, ID?, DisplayName? }, Permission }] }. */
  Acl?: {
    Owner?: unknown;
    Grants?: { Grantee?: { Type?: string; URI?: string; ID?: string }; Permission?: string }[];
  };
  /** GetBucketEncryption .ServerSideEncryptionConfiguration; null = none. */
  Encryption?: {
    Rules?: {
      ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string };
      BucketKeyEnabled?: boolean;
    }[];
  } | null;
  /** GetBucketVersioning: { Status?: 'Enabled'|'Suspended', MFADelete? } ({} = never enabled). */
  Versioning?: { Status?: string; MFADelete?: string };
  /** GetBucketLogging .LoggingEnabled; null = logging off. */
  Logging?: { TargetBucket?: string; TargetPrefix?: string } | null;
};

/** One row of the IAM credential report (GenerateCredentialReport/GetCredentialReport CSV), keys as in the CSV. */
export type CredentialReportRow = Record<string, string>;

/** config of AWS::IAM::User: ListUsers entry + follow-ups. */
export type IamUserConfig = {
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate?: string;
  PasswordLastUsed?: string;
  /** ListMFADevices .MFADevices */
  MFADevices?: { SerialNumber: string; EnableDate?: string }[];
  /** ListAccessKeys .AccessKeyMetadata + GetAccessKeyLastUsed .AccessKeyLastUsed.LastUsedDate */
  AccessKeys?: { AccessKeyId: string; Status: string; CreateDate?: string; LastUsedDate?: string | null }[];
  /** ListAttachedUserPolicies .AttachedPolicies */
  AttachedPolicies?: { PolicyName: string; PolicyArn: string }[];
  /** This user's credential report row (password_enabled, mfa_active, access_key_1_last_rotated, ...). */
  CredentialReport?: CredentialReportRow | null;
};

/** config of AWS::IAM::RootUser: the credential report's <root_account> row. */
export type IamRootConfig = { CredentialReport?: CredentialReportRow };

/** config of AWS::IAM::PasswordPolicy: { PasswordPolicy: GetAccountPasswordPolicy .PasswordPolicy | null }. */
export type IamPasswordPolicyConfig = {
  PasswordPolicy?: {
    MinimumPasswordLength?: number;
    RequireSymbols?: boolean;
    RequireNumbers?: boolean;
    RequireUppercaseCharacters?: boolean;
    RequireLowercaseCharacters?: boolean;
    MaxPasswordAge?: number;
    PasswordReusePrevention?: number;
    ExpirePasswords?: boolean;
  } | null;
};

/** config of AWS::IAM::ManagedPolicy: ListPolicies(Scope=Local) entry + the default version's document (decoded JSON). */
export type IamPolicyConfig = {
  PolicyName: string;
  Arn: string;
  DefaultVersionId?: string;
  AttachmentCount?: number;
  /** Decoded policy document: { Version, Statement: [...] | {...} }. */
  Document?: { Statement?: unknown };
};

/** config of AWS::EC2::SecurityGroup: the DescribeSecurityGroups entry as is (IpPermissions etc.). */
export type Ec2SecurityGroupConfig = {
  GroupId: string;
  GroupName?: string;
  VpcId?: string;
  IpPermissions?: {
    IpProtocol?: string;
    FromPort?: number;
    ToPort?: number;
    IpRanges?: { CidrIp?: string }[];
    Ipv6Ranges?: { CidrIpv6?: string }[];
  }[];
};

/** config of AWS::EC2::Volume: the DescribeVolumes entry as is (Encrypted, KmsKeyId, Size, State, Attachments). */
export type Ec2VolumeConfig = {
  VolumeId: string;
  Encrypted?: boolean;
  KmsKeyId?: string;
  Size?: number;
  State?: string;
};

/** config of AWS::EC2::EbsEncryptionByDefault: GetEbsEncryptionByDefault output. */
export type Ec2EbsDefaultEncryptionConfig = { EbsEncryptionByDefault?: boolean; Region: string };

/** config of AWS::CloudTrail::Trail: DescribeTrails entry + Status (GetTrailStatus). */
export type CloudTrailTrailConfig = {
  Name: string;
  TrailARN: string;
  HomeRegion?: string;
  IsMultiRegionTrail?: boolean;
  LogFileValidationEnabled?: boolean;
  S3BucketName?: string;
  KmsKeyId?: string;
  IsOrganizationTrail?: boolean;
  Status?: { IsLogging?: boolean; LatestDeliveryTime?: string };
};
