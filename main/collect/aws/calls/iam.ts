// The iam group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const IAM_CALLS: readonly ApiCall[] = [
  {
    service: 'iam',
    operation: 'GetAccountSummary',
    action: 'iam:GetAccountSummary',
    why: 'Reads account-wide IAM counts, including whether the root user has MFA (the fallback when the credential report is unreadable).',
  },
  {
    service: 'iam',
    operation: 'ListUserPolicies',
    action: 'iam:ListUserPolicies',
    why: "Lists each user's inline policies (permissions should come from groups or roles, not the user).",
  },
  {
    service: 'iam',
    operation: 'GetUserPolicy',
    action: 'iam:GetUserPolicy',
    why: 'Reads each user inline policy\'s document to find administrative ("*" on "*") grants.',
  },
  {
    service: 'iam',
    operation: 'ListRoles',
    action: 'iam:ListRoles',
    why: 'Lists IAM roles with their trust policies: the population for the role checks.',
  },
  {
    service: 'iam',
    operation: 'GetRole',
    action: 'iam:GetRole',
    why: 'Reads when each role was last used (unused roles check); ListRoles does not return it.',
  },
  {
    service: 'iam',
    operation: 'ListAttachedRolePolicies',
    action: 'iam:ListAttachedRolePolicies',
    why: 'Lists managed policies attached to each role (administrator roles check).',
  },
  {
    service: 'iam',
    operation: 'ListRolePolicies',
    action: 'iam:ListRolePolicies',
    why: "Lists each role's inline policies.",
  },
  {
    service: 'iam',
    operation: 'GetRolePolicy',
    action: 'iam:GetRolePolicy',
    why: 'Reads each role inline policy\'s document to find administrative ("*" on "*") grants.',
  },
  {
    service: 'iam',
    operation: 'ListEntitiesForPolicy',
    action: 'iam:ListEntitiesForPolicy',
    why: 'Lists who holds the AWS-managed AWSSupportAccess policy (a support role exists to handle incidents).',
  },
  {
    service: 'access-analyzer',
    operation: 'ListAnalyzers',
    action: 'access-analyzer:ListAnalyzers',
    why: 'Lists IAM Access Analyzer analyzers in each region (external access is monitored in every region).',
  },
];
