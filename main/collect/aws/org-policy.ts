// What a whole-organisation run needs besides the read-only snapshot policy (registry.ts): the connection's
// identity must be allowed to assume the member role in every account, and each member role must have the
// same read-only policy plus a trust policy naming the management (or delegated administrator) account.
// Kept out of leastPrivilegePolicy() so that document stays exactly the read-only registry actions.
import { MemberRoleName } from '../../../shared/domain';
import { leastPrivilegePolicy } from '../registry';

export const MANAGEMENT_ACCOUNT_PLACEHOLDER = '<management-account-id>';

type Statement = {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { AWS: string };
};
export type PolicyDocument = { Version: '2012-10-17'; Statement: Statement[] };

/** The management-side identity: the read-only policy plus sts:AssumeRole on the member role only. */
export function organizationRunPolicy(roleName: string): PolicyDocument {
  const role = MemberRoleName.parse(roleName);
  return {
    Version: '2012-10-17',
    Statement: [
      ...leastPrivilegePolicy().Statement,
      {
        Sid: 'EvidenceDeskAssumeMemberRole',
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        // Any account's role of exactly this name: the run reaches every account of the organisation.
        Resource: `arn:aws:iam::*:role/${role}`,
      },
    ],
  };
}

/** The member role's trust policy: only the management (or delegated administrator) account may assume it. */
export function memberRoleTrustPolicy(managementAccountId = MANAGEMENT_ACCOUNT_PLACEHOLDER): PolicyDocument {
  if (managementAccountId !== MANAGEMENT_ACCOUNT_PLACEHOLDER && !/^\d{12}$/.test(managementAccountId)) {
    throw new Error(`"${managementAccountId}" is not an AWS account id (12 digits).`);
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EvidenceDeskManagementAccount',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** Notes for the analyst setting up a whole-organisation run. */
export function organizationRunNotes(roleName: string): string[] {
  return [
    `Whole-organisation runs: the connection's identity (in the management account or a delegated ` +
      `administrator) needs the policy above plus sts:AssumeRole on arn:aws:iam::*:role/${roleName}.`,
    `Every member account needs a role named ${roleName} with the same read-only policy attached and a trust ` +
      'policy allowing sts:AssumeRole from the management account (print it with `evidence-desk policy ' +
      '--member-trust-policy --management-account <id>`). AWS creates OrganizationAccountAccessRole (full ' +
      'administrator) in accounts it creates; a dedicated read-only audit role is the least-privilege choice.',
    'An account whose role cannot be assumed is recorded as a gap of the run; the other accounts are still collected.',
  ];
}
