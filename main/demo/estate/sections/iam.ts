// The iam group's part of a replayable account (Estate.iamExtras): the facts its replay responders render.
import type { EstateInlinePolicy } from '../types';

export type EstateRole = {
  name: string;
  id: string;
  /** '/aws-service-role/<service>/' makes it a service-linked role. Default '/'. */
  path?: string;
  description?: string;
  createdDaysAgo: number;
  /** The trust policy (AssumeRolePolicyDocument), sent URL-encoded like IAM does. */
  trust: { Version: string; Statement: unknown };
  /** Days since the role was last used; null = no recorded use (GetRole omits LastUsedDate). */
  lastUsedDaysAgo: number | null;
  lastUsedRegion?: string;
  attachedPolicyArns: string[];
  inlinePolicies?: EstateInlinePolicy[];
  tags?: Record<string, string>;
};

export type EstateAnalyzer = {
  region: string;
  name: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS' | 'ORGANIZATION_UNUSED_ACCESS';
  status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
  createdDaysAgo: number;
};

export type IamExtras = {
  roles: EstateRole[];
  /** IAM Access Analyzer analyzers; a region with none listed has none. */
  analyzers: EstateAnalyzer[];
};
