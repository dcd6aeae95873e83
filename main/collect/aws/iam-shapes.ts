// The iam group's resource types beyond the core ones in shapes.ts (users, root, password policy, customer
// policies), and the extra keys the group attaches to the core types. Same gap convention as shapes.ts: a
// follow-up call that FAILED leaves its key ABSENT (and a collection_errors row exists); "there is none" is
// an empty list or JSON null.
import type { PolicyJudgement } from './policy-judgement';

export const IAM_TYPES = {
  /** uid: the role ARN; region 'global'. */
  iamRole: 'AWS::IAM::Role',
  /**
   * uid: `<principal ARN>/inline-policy/<policy name>`; region 'global'. One per inline policy of a user or a
   * role (ListUserPolicies / ListRolePolicies), with its document (GetUserPolicy / GetRolePolicy).
   */
  iamInlinePolicy: 'AWS::IAM::InlinePolicy',
  /**
   * uid: `arn:aws:iam::<account>:aws-managed-policy/<policy name>`; region 'global'. Who an AWS-managed policy
   * is attached to (ListEntitiesForPolicy); collected for AWSSupportAccess.
   */
  iamAwsManagedPolicyUse: 'AWS::IAM::AWSManagedPolicyUse',
  /**
   * uid: `arn:aws:access-analyzer:<region>:<account>:analyzers`; one per collected region, so a region
   * whose ListAnalyzers failed is an error for that region rather than a silent pass.
   */
  accessAnalyzerRegion: 'AWS::AccessAnalyzer::RegionAnalyzers',
} as const;

export const SUPPORT_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSSupportAccess';

/** An attached managed policy (ListAttached{User,Role}Policies .AttachedPolicies). */
export type AttachedPolicy = { PolicyName: string; PolicyArn: string };

/** Extra keys on AWS::IAM::User (see IamUserConfig in shapes.ts). */
export type IamUserInlineConfig = {
  /** ListUserPolicies .PolicyNames: the user's inline policies (documents are AWS::IAM::InlinePolicy). */
  InlinePolicyNames?: string[];
};

/**
 * Extra keys on AWS::IAM::RootUser (see IamRootConfig in shapes.ts).
 * AccountSummary: GetAccountSummary .SummaryMap (AccountMFAEnabled, AccountAccessKeysPresent, ...), the
 * fallback for root MFA when the credential report is unreadable.
 */
export type IamRootExtraConfig = { AccountSummary?: Record<string, number> };

/** config of AWS::IAM::Role: the GetRole .Role (ListRoles entry if GetRole failed) + follow-ups. */
export type IamRoleConfig = {
  RoleName: string;
  RoleId?: string;
  Arn: string;
  Path?: string;
  CreateDate?: string;
  Description?: string;
  /** Decoded trust policy (IAM sends it URL-encoded). Absent when it could not be decoded (a gap). */
  AssumeRolePolicyDocument?: { Statement?: unknown };
  /** judgePolicy(AssumeRolePolicyDocument, account): public / cross-account / without ExternalId. */
  TrustJudgement?: PolicyJudgement;
  /** True for AWS service-linked roles (path /aws-service-role/): AWS owns their trust and permissions. */
  ServiceLinked: boolean;
  /** GetRole .Role.RoleLastUsed: {} = no recorded use; absent = GetRole failed. */
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
  /** ListAttachedRolePolicies .AttachedPolicies. */
  AttachedPolicies?: AttachedPolicy[];
  /** ListRolePolicies .PolicyNames (documents are AWS::IAM::InlinePolicy). */
  InlinePolicyNames?: string[];
};

/** config of AWS::IAM::InlinePolicy. */
export type IamInlinePolicyConfig = {
  PolicyName: string;
  PrincipalType: 'User' | 'Role';
  PrincipalName: string;
  PrincipalArn: string;
  /** Decoded document; absent when Get{User,Role}Policy failed or the document could not be decoded. */
  Document?: { Statement?: unknown };
};

/** config of AWS::IAM::AWSManagedPolicyUse: ListEntitiesForPolicy, all pages. Lists absent = call failed. */
export type IamAwsManagedPolicyUseConfig = {
  PolicyArn: string;
  PolicyName: string;
  PolicyGroups?: { GroupName?: string; GroupId?: string }[];
  PolicyUsers?: { UserName?: string; UserId?: string }[];
  PolicyRoles?: { RoleName?: string; RoleId?: string }[];
};

/** config of AWS::AccessAnalyzer::RegionAnalyzers. Analyzers absent = ListAnalyzers failed in the region. */
export type AccessAnalyzerRegionConfig = {
  Region: string;
  /** ListAnalyzers .analyzers (all pages; SDK field names: arn, name, type, status, createdAt...). */
  Analyzers?: { arn?: string; name?: string; type?: string; status?: string; createdAt?: string }[];
};
