// The registry of EVERY AWS API call the collectors make. It is the single source for the least-privilege
// policy we hand to the analyst ("attach exactly this to the snapshot role"), for the report's "permissions
// used" appendix, and a guard: every SDK client built in main/collect/aws/client-config.ts refuses to send a
// command that is not listed here, so the generated policy cannot silently fall behind the code.

import { APP_CALLS } from './aws/calls/app';
import { DATA_CALLS } from './aws/calls/data';
import { EC2_CALLS } from './aws/calls/ec2';
import { IAM_CALLS } from './aws/calls/iam';
import { LOGGING_CALLS } from './aws/calls/logging';
import { ORG_CALLS } from './aws/calls/org';
import { S3_CALLS } from './aws/calls/s3';

/**
 * SigV4 signing names of every service a collector may call. 's3-control' is our name for S3 Control, which
 * signs as 's3' but is a different SDK client and API (the replay server tells them apart by path).
 */
export type AwsService =
  | 'sts'
  | 's3'
  | 's3-control'
  | 'iam'
  | 'access-analyzer'
  | 'ec2'
  | 'cloudtrail'
  | 'config'
  | 'guardduty'
  | 'securityhub'
  | 'logs'
  | 'monitoring'
  | 'kms'
  | 'rds'
  | 'dynamodb'
  | 'elasticfilesystem'
  | 'elasticache'
  | 'backup'
  | 'sns'
  | 'sqs'
  | 'lambda'
  | 'elasticloadbalancing'
  | 'acm'
  | 'secretsmanager'
  | 'organizations'
  | 'account';

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

const CORE_CALLS: readonly ApiCall[] = [
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

/** Core calls above; each service group's calls live in main/collect/aws/calls/<group>.ts. */
export const AWS_API_CALLS: readonly ApiCall[] = [
  ...CORE_CALLS,
  ...S3_CALLS,
  ...IAM_CALLS,
  ...EC2_CALLS,
  ...LOGGING_CALLS,
  ...DATA_CALLS,
  ...APP_CALLS,
  ...ORG_CALLS,
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

/**
 * Calls the AWS SDK's credential provider chain makes on the analyst's behalf before any collector runs, to turn
 * a profile into credentials. They go through the SDK's own internal clients, not the guarded collector clients,
 * and belong to no collector, so they are not in the snapshot policy; they are listed so the analyst knows what
 * the role's trust policy or the Identity Center set-up must allow.
 */
export type CredentialProviderCall = {
  /** The wire call, e.g. sts:AssumeRole or sso-oauth:CreateToken. */
  call: string;
  /** The profile settings that make the SDK call it. */
  when: string;
  /** What must allow it: identity and trust policies for STS, Identity Center set-up for SSO. */
  allow: string;
};

export const CREDENTIAL_PROVIDER_CALLS: readonly CredentialProviderCall[] = [
  {
    call: 'sts:AssumeRole',
    when: 'a profile with role_arn plus source_profile or credential_source',
    allow:
      "The source identity's own policy must allow sts:AssumeRole on the snapshot role's ARN, and the snapshot " +
      "role's trust policy must allow sts:AssumeRole for that principal (with sts:ExternalId or " +
      'aws:MultiFactorAuthPresent conditions if the profile sets external_id or mfa_serial).',
  },
  {
    call: 'sts:AssumeRoleWithWebIdentity',
    when: 'a profile with web_identity_token_file and role_arn, or AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN',
    allow:
      "Unsigned: no IAM permission is checked on the caller. The snapshot role's trust policy must allow " +
      'sts:AssumeRoleWithWebIdentity for the OIDC identity provider (Principal Federated) with aud/sub conditions.',
  },
  {
    call: 'sso:GetRoleCredentials',
    when: 'an IAM Identity Center (SSO) profile: sso_account_id and sso_role_name',
    allow:
      'Authorised by the Identity Center access token, not by an IAM policy: the user (or a group) must be ' +
      'assigned the permission set in that account, and the permission set must contain the policy above.',
  },
  {
    call: 'sso-oauth:CreateToken',
    when: 'an SSO profile with sso_session, when the cached access token has expired (token refresh)',
    allow:
      'Authorised by the cached refresh token, not by an IAM policy. When refresh fails the analyst runs ' +
      '`aws sso login --profile <name>`; nothing needs to be granted.',
  },
  {
    call: 'signin:CreateOAuth2Token',
    when: 'a console sign-in profile (login_session, from `aws login`), when its cached credentials expire',
    allow:
      "The signed-in identity's policy must allow signin:CreateOAuth2Token (and signin:AuthorizeOAuth2Access " +
      'for `aws login` itself), as the AWS managed policy SignInLocalDevelopmentAccess does.',
  },
];

/**
 * Notes that go with leastPrivilegePolicy(). They cannot go inside the document itself: IAM rejects a policy
 * with any element it does not know, and the document must stay pasteable as it is.
 */
export function leastPrivilegePolicyNotes(): string[] {
  return [
    'Attach the policy to the role or user the snapshot runs as (for Identity Center: as an inline policy of ' +
      'the permission set). Every collector call is in it; Evidence Desk refuses to send any other call.',
    'Before collecting, the AWS SDK credential provider chain (not a collector) may make these calls to obtain ' +
      'credentials for the profile. They are not part of the policy above:',
    ...CREDENTIAL_PROVIDER_CALLS.map((c) => `${c.call} (for ${c.when}): ${c.allow}`),
    // A whole-organisation run assumes a role in each member account (main/collect/aws/org-policy.ts).
    'Whole-organisation runs also need, on the snapshot identity, sts:AssumeRole on the member role ' +
      '(arn:aws:iam::*:role/<role name>, default OrganizationAccountAccessRole); each member account needs that ' +
      'role with this same policy attached and a trust policy allowing sts:AssumeRole from the management ' +
      'account (`evidence-desk policy --organization` prints both).',
  ];
}
