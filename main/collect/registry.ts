// The registry of EVERY AWS API call the collectors make. It is the single source for the least-privilege
// policy we hand to the analyst ("attach exactly this to the snapshot role"), for the report's "permissions
// used" appendix, and a guard: main/collect/aws/client-config.ts refuses to make a call that is not listed
// here, so the generated policy cannot silently fall behind the code.

export type AwsService = 'sts' | 's3' | 'iam' | 'ec2' | 'cloudtrail';

export type ApiCall = {
  /** SigV4 signing name of the service (also what the replay server sees in the credential scope). */
  service: AwsService;
  /** SDK / wire operation name, e.g. GetBucketPolicyStatus. */
  operation: string;
  /** IAM action that authorises it. Not always the operation name (GetPublicAccessBlock -> s3:GetBucketPublicAccessBlock). */
  action: string;
  /** Why Evidence Desk needs it: shown to the analyst and the auditor. */
  why: string;
};

export const AWS_API_CALLS: readonly ApiCall[] = [
  {
    service: 'sts',
    operation: 'GetCallerIdentity',
    action: 'sts:GetCallerIdentity',
    why: 'Identifies the account and principal the snapshot ran as (needs no permission, listed for completeness).',
  },
  {
    service: 'ec2',
    operation: 'DescribeRegions',
    action: 'ec2:DescribeRegions',
    why: 'Lists the regions enabled in the account, which defines the population of regional resources.',
  },
  {
    service: 's3',
    operation: 'ListBuckets',
    action: 's3:ListAllMyBuckets',
    why: 'Lists every S3 bucket: the population for the S3 checks.',
  },
  {
    service: 's3',
    operation: 'GetBucketLocation',
    action: 's3:GetBucketLocation',
    why: "Finds each bucket's region so follow-up calls go to the right endpoint and findings show the region.",
  },
  {
    service: 's3',
    operation: 'GetPublicAccessBlock',
    action: 's3:GetBucketPublicAccessBlock',
    why: 'Reads the bucket-level Block Public Access settings (public access check).',
  },
  {
    service: 's3',
    operation: 'GetBucketPolicyStatus',
    action: 's3:GetBucketPolicyStatus',
    why: "Reads whether the bucket policy makes the bucket public (AWS's own evaluation).",
  },
  {
    service: 's3',
    operation: 'GetBucketAcl',
    action: 's3:GetBucketAcl',
    why: 'Reads ACL grants to detect AllUsers / AuthenticatedUsers access.',
  },
  {
    service: 's3',
    operation: 'GetBucketEncryption',
    action: 's3:GetEncryptionConfiguration',
    why: 'Reads the default encryption configuration (encryption at rest check).',
  },
  {
    service: 's3',
    operation: 'GetBucketVersioning',
    action: 's3:GetBucketVersioning',
    why: 'Reads versioning and MFA delete status (recoverability check).',
  },
  {
    service: 's3',
    operation: 'GetBucketLogging',
    action: 's3:GetBucketLogging',
    why: 'Reads server access logging settings (logging check).',
  },
  {
    service: 'iam',
    operation: 'GenerateCredentialReport',
    action: 'iam:GenerateCredentialReport',
    why: 'Asks IAM to build the credential report (creates no identity or access; part of AWS SecurityAudit).',
  },
  {
    service: 'iam',
    operation: 'GetCredentialReport',
    action: 'iam:GetCredentialReport',
    why: 'Reads the credential report: root MFA, password and access key age/use for every user.',
  },
  {
    service: 'iam',
    operation: 'ListUsers',
    action: 'iam:ListUsers',
    why: 'Lists IAM users: the population for the user checks.',
  },
  {
    service: 'iam',
    operation: 'ListMFADevices',
    action: 'iam:ListMFADevices',
    why: "Lists each user's MFA devices (MFA for console users check).",
  },
  {
    service: 'iam',
    operation: 'ListAccessKeys',
    action: 'iam:ListAccessKeys',
    why: "Lists each user's access keys with status and creation date (key rotation check).",
  },
  {
    service: 'iam',
    operation: 'GetAccessKeyLastUsed',
    action: 'iam:GetAccessKeyLastUsed',
    why: 'Reads when each access key was last used (unused credentials check). Never returns the secret.',
  },
  {
    service: 'iam',
    operation: 'ListAttachedUserPolicies',
    action: 'iam:ListAttachedUserPolicies',
    why: 'Lists managed policies attached directly to users (least privilege / group-based access checks).',
  },
  {
    service: 'iam',
    operation: 'GetAccountPasswordPolicy',
    action: 'iam:GetAccountPasswordPolicy',
    why: 'Reads the account password policy (password strength check).',
  },
  {
    service: 'iam',
    operation: 'ListPolicies',
    action: 'iam:ListPolicies',
    why: 'Lists customer-managed policies (overly permissive policy check).',
  },
  {
    service: 'iam',
    operation: 'GetPolicyVersion',
    action: 'iam:GetPolicyVersion',
    why: "Reads each customer-managed policy's default version document to evaluate its statements.",
  },
  {
    service: 'ec2',
    operation: 'DescribeSecurityGroups',
    action: 'ec2:DescribeSecurityGroups',
    why: 'Reads security group ingress rules (administrative ports open to the internet check).',
  },
  {
    service: 'ec2',
    operation: 'DescribeVolumes',
    action: 'ec2:DescribeVolumes',
    why: 'Reads EBS volumes and their encryption flag (encryption at rest check).',
  },
  {
    service: 'ec2',
    operation: 'GetEbsEncryptionByDefault',
    action: 'ec2:GetEbsEncryptionByDefault',
    why: 'Reads whether new EBS volumes are encrypted by default in each region.',
  },
  {
    service: 'cloudtrail',
    operation: 'DescribeTrails',
    action: 'cloudtrail:DescribeTrails',
    why: 'Lists CloudTrail trails, including multi-region trails seen from every region (audit logging check).',
  },
  {
    service: 'cloudtrail',
    operation: 'GetTrailStatus',
    action: 'cloudtrail:GetTrailStatus',
    why: 'Reads whether each trail is actually logging and when it last delivered logs.',
  },
];

export function findApiCall(service: string, operation: string): ApiCall | undefined {
  return AWS_API_CALLS.find((c) => c.service === service && c.operation === operation);
}

/** The IAM action for a call, for messages such as "not allowed to call s3:GetBucketLogging". */
export function actionFor(service: string, operation: string): string {
  return findApiCall(service, operation)?.action ?? `${service}:${operation}`;
}

export type IamPolicyDocument = {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
};

/**
 * A read-only identity policy granting exactly the registry's actions. Resource '*' because these are
 * List/Describe/Get calls over the whole account (most of them do not support resource-level permissions,
 * and the population must be complete for the evidence to be valid).
 */
export function leastPrivilegePolicy(): IamPolicyDocument {
  const actions = [...new Set(AWS_API_CALLS.map((c) => c.action))].sort();
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EvidenceDeskReadOnlySnapshot', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}
