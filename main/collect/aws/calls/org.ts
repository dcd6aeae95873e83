// The org group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
// sts:AssumeRole into member accounts is deliberately NOT here: like the credential provider chain's calls it
// is made on the analyst's behalf to obtain credentials, never by a collector, and it is not read-only; the
// management-side permission for it is emitted beside the policy (main/collect/aws/org-policy.ts).
import type { ApiCall } from '../../registry';

export const ORG_CALLS: readonly ApiCall[] = [
  {
    service: 'organizations',
    operation: 'DescribeOrganization',
    action: 'organizations:DescribeOrganization',
    why: 'Reads whether the account belongs to an AWS Organization, which one, and which account manages it.',
  },
  {
    service: 'organizations',
    operation: 'ListAccounts',
    action: 'organizations:ListAccounts',
    why: "Lists the organisation's accounts and their status: the population of a whole-organisation run and of the SCP check.",
  },
  {
    service: 'organizations',
    operation: 'ListRoots',
    action: 'organizations:ListRoots',
    why: 'Reads the organisation root and whether service control policies are enabled on it.',
  },
  {
    service: 'organizations',
    operation: 'ListPolicies',
    action: 'organizations:ListPolicies',
    why: "Lists the organisation's service control policies (SCP check).",
  },
  {
    service: 'organizations',
    operation: 'ListTargetsForPolicy',
    action: 'organizations:ListTargetsForPolicy',
    why: 'Lists the root, OUs and accounts each service control policy is attached to (SCP check).',
  },
  {
    service: 'organizations',
    operation: 'ListParents',
    action: 'organizations:ListParents',
    why: 'Reads the OU path from each account up to the root, to know which attached SCPs apply to it.',
  },
];
