// The org group's part of a replayable account (Estate.organization): the facts the Organizations and STS
// AssumeRole responders render. The management account's estate holds the organisation's structure (what
// ListAccounts, ListRoots, ListPolicies, ListTargetsForPolicy and ListParents answer); a member account's
// estate holds only the organisation it belongs to and the roles other accounts may assume into it.

export type EstateOrgAccount = {
  id: string;
  name: string;
  email: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  /** The root ('r-...') or organisational unit ('ou-...') the account sits in. */
  parentId: string;
  joinedDaysAgo: number;
};

export type EstateOrgUnit = { id: string; name: string; parentId: string };

export type EstateScp = {
  id: string;
  name: string;
  description: string;
  /** FullAWSAccess is AWS managed: attached everywhere by default, it restricts nothing. */
  awsManaged: boolean;
  /** Root, OU or account ids it is attached to. */
  targets: string[];
};

export type EstateOrganization = {
  id: string;
  managementAccountId: string;
  managementEmail: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  rootId: string;
  /** Whether the SERVICE_CONTROL_POLICY policy type is enabled on the root (ListRoots PolicyTypes). */
  scpEnabled: boolean;
  /** The structure; only the management account's estate answers ListAccounts and the SCP calls. */
  accounts?: EstateOrgAccount[];
  units?: EstateOrgUnit[];
  policies?: EstateScp[];
};

export type OrganizationEstate = {
  /** null: the account is in no organisation (DescribeOrganization answers AWSOrganizationsNotInUseException). */
  organization: EstateOrganization | null;
  /**
   * Roles in this account that principals of other accounts may assume: role name -> the account ids its
   * trust policy names. AssumeRole of any other role, or from any other account, is AccessDenied (as in AWS,
   * which does not say whether the role exists).
   */
  trustedRoles?: Record<string, string[]>;
};
