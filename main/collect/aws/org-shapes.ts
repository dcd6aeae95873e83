// The resource types and config shapes the Organizations collector writes and the organizations checks read
// (the same contract and gap convention as shapes.ts: a follow-up call that failed leaves its key ABSENT;
// "collected, and there is none" is JSON null).
import type { Account, Organization } from '@aws-sdk/client-organizations';

export const ORG_TYPES = {
  /**
   * Whether the collected account belongs to an organisation. One per snapshot, from any account.
   * uid: aws-organizations-membership:<account id>; region 'global'.
   */
  membership: 'AWS::Organizations::AccountMembership',
  /**
   * An account of the organisation, seen from its management account (only the management account can
   * list them). uid: the account ARN (arn:aws:organizations::<mgmt>:account/<org id>/<account id>).
   */
  account: 'AWS::Organizations::Account',
} as const;

/** config of AWS::Organizations::AccountMembership */
export type OrgMembershipConfig = {
  AccountId: string;
  /**
   * DescribeOrganization's Organization; null = AWSOrganizationsNotInUseException: the account is in no
   * organisation (a fact, not a gap). Absent: the call failed.
   */
  Organization?: Omit<Organization, 'AvailablePolicyTypes'> | null;
};

/** Where a policy that applies to an account is attached. */
export type OrgScpAttachment = {
  PolicyId: string;
  PolicyName: string;
  /** FullAWSAccess is the AWS managed default: it allows everything and restricts nothing. */
  AwsManaged: boolean;
  TargetId: string;
  TargetType: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
};

/** config of AWS::Organizations::Account: ListAccounts' Account plus the follow-up results below. */
export type OrgAccountConfig = Account & {
  OrganizationId: string;
  /** From the account's parent up to the root (ListParents, repeated). Absent: a ListParents call failed. */
  ParentPath?: { Id: string; Type: string }[];
  /**
   * SERVICE_CONTROL_POLICY's status on the root (ListRoots PolicyTypes): 'ENABLED', 'PENDING_ENABLE',
   * 'PENDING_DISABLE', or null when the policy type is not enabled. Absent: ListRoots failed.
   */
  ScpPolicyTypeStatus?: string | null;
  /**
   * Every SCP attached to the account itself, an OU above it or the root. Absent: ListPolicies, a
   * ListTargetsForPolicy or a ListParents call failed, so the list could be incomplete.
   */
  ServiceControlPolicies?: OrgScpAttachment[];
};
