// IAM responses (query protocol) rendered from the estate, including the credential report CSV built from
// the same users and keys that ListUsers/ListAccessKeys return, and the roles of Estate.iamExtras.
import type { EstateRole } from '../../estate/sections/iam';
import type { Estate, EstateAccessKey, EstateInlinePolicy } from '../../estate/types';
import { isoDaysAgo, queryError, queryOk } from '../wire';
import { UnknownOperation, pageOf, type Responder } from './types';

const USERS_PAGE = 4; // small on purpose: exercises the collector's Marker pagination
const POLICIES_PAGE = 3;
const ROLES_PAGE = 4;
const INLINE_PAGE = 1; // every second inline policy is on a later page

const rolesOf = (estate: Estate): EstateRole[] => estate.iamExtras?.roles ?? [];
const roleArn = (estate: Estate, r: EstateRole) =>
  `arn:aws:iam::${estate.accountId}:role${r.path ?? '/'}${r.name}`;

/** A role as ListRoles and GetRole render it (GetRole adds RoleLastUsed and tags). */
function roleXml(estate: Estate, r: EstateRole, now: Date, full: boolean): Record<string, unknown> {
  return {
    Path: r.path ?? '/',
    RoleName: r.name,
    RoleId: r.id,
    Arn: roleArn(estate, r),
    CreateDate: isoDaysAgo(now, r.createdDaysAgo),
    // IAM returns documents URL-encoded (RFC 3986).
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(r.trust)),
    ...(r.description ? { Description: r.description } : {}),
    MaxSessionDuration: 3600,
    ...(full
      ? {
          RoleLastUsed:
            r.lastUsedDaysAgo === null
              ? {}
              : { LastUsedDate: isoDaysAgo(now, r.lastUsedDaysAgo), Region: r.lastUsedRegion ?? 'us-east-1' },
          ...(r.tags
            ? { Tags: { member: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) } }
            : {}),
        }
      : {}),
  };
}

function inlineNames(
  operation: string,
  policies: EstateInlinePolicy[] | undefined,
  marker: unknown,
): ReturnType<typeof queryOk> {
  const { page, next } = pageOf(policies ?? [], marker, INLINE_PAGE);
  return queryOk('iam', operation, {
    IsTruncated: next !== undefined,
    ...(next ? { Marker: next } : {}),
    PolicyNames: { member: page.map((p) => p.name) },
  });
}

function noSuchEntity(message: string) {
  return queryError('iam', 404, 'NoSuchEntity', message);
}

function userArn(estate: Estate, name: string, path = '/'): string {
  return `arn:aws:iam::${estate.accountId}:user${path}${name}`;
}

/** The credential report's timestamp format: 2024-01-31T10:20:30+00:00. */
function reportDate(now: Date, days: number | null | undefined): string {
  if (days === null || days === undefined) return 'N/A';
  return isoDaysAgo(now, days).replace(/Z$/, '+00:00');
}

function keyColumns(now: Date, key: EstateAccessKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    String(key.status === 'Active'),
    reportDate(now, key.createdDaysAgo),
    reportDate(now, key.lastUsedDaysAgo),
    key.lastUsedDaysAgo === null ? 'N/A' : (key.lastUsedRegion ?? 'us-east-1'),
    key.lastUsedDaysAgo === null ? 'N/A' : (key.lastUsedService ?? 'sts'),
  ];
}

const REPORT_HEADER = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
];

export function credentialReportCsv(estate: Estate, now: Date): string {
  const rows: string[][] = [REPORT_HEADER];
  const root = estate.root;
  if (root.inCredentialReport !== false)
    rows.push([
      '<root_account>',
      `arn:aws:iam::${estate.accountId}:root`,
      reportDate(now, root.createdDaysAgo),
      'not_supported',
      reportDate(now, root.passwordLastUsedDaysAgo),
      'not_supported',
      'not_supported',
      String(root.mfa),
      ...keyColumns(now, root.accessKeys[0]),
      ...keyColumns(now, root.accessKeys[1]),
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  for (const u of estate.users) {
    const expires = estate.passwordPolicy?.ExpirePasswords && estate.passwordPolicy.MaxPasswordAge;
    rows.push([
      u.name,
      userArn(estate, u.name, u.path),
      reportDate(now, u.createdDaysAgo),
      String(u.console),
      u.console
        ? u.passwordLastUsedDaysAgo === null
          ? 'no_information'
          : reportDate(now, u.passwordLastUsedDaysAgo)
        : 'N/A',
      u.console ? reportDate(now, u.passwordLastChangedDaysAgo ?? u.createdDaysAgo) : 'N/A',
      u.console && expires
        ? reportDate(now, (u.passwordLastChangedDaysAgo ?? u.createdDaysAgo) - expires)
        : 'N/A',
      String(u.mfa),
      ...keyColumns(now, u.accessKeys[0]),
      ...keyColumns(now, u.accessKeys[1]),
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  }
  return rows.map((r) => r.join(',')).join('\n');
}

export const iamResponder: Responder = (estate, req, state) => {
  const { now, params } = req;
  const findUser = () => estate.users.find((u) => u.name === params.UserName);
  const findRole = () => rolesOf(estate).find((r) => r.name === params.RoleName);
  switch (req.operation) {
    case 'GenerateCredentialReport': {
      state.credentialReportRequests++;
      const done = state.credentialReportRequests > 1;
      return queryOk('iam', 'GenerateCredentialReport', {
        State: done ? 'COMPLETE' : 'STARTED',
        ...(done ? {} : { Description: 'No report exists. Starting a new report generation task' }),
      });
    }
    case 'GetCredentialReport':
      if (state.credentialReportRequests === 0) {
        return queryError(
          'iam',
          410,
          'ReportNotPresent',
          'Credential report not present. Call GenerateCredentialReport first.',
        );
      }
      return queryOk('iam', 'GetCredentialReport', {
        Content: Buffer.from(credentialReportCsv(estate, now)).toString('base64'),
        ReportFormat: 'text/csv',
        GeneratedTime: isoDaysAgo(now, 0),
      });
    case 'ListUsers': {
      const { page, next } = pageOf(estate.users, params.Marker, USERS_PAGE);
      return queryOk('iam', 'ListUsers', {
        IsTruncated: next !== undefined,
        ...(next ? { Marker: next } : {}),
        Users: {
          member: page.map((u) => ({
            Path: u.path ?? '/',
            UserName: u.name,
            UserId: u.id,
            Arn: userArn(estate, u.name, u.path),
            CreateDate: isoDaysAgo(now, u.createdDaysAgo),
            ...(u.console && typeof u.passwordLastUsedDaysAgo === 'number'
              ? { PasswordLastUsed: isoDaysAgo(now, u.passwordLastUsedDaysAgo) }
              : {}),
          })),
        },
      });
    }
    case 'ListMFADevices': {
      const u = findUser();
      if (!u) return noSuchEntity(`The user with name ${String(params.UserName)} cannot be found.`);
      return queryOk('iam', 'ListMFADevices', {
        IsTruncated: false,
        MFADevices: {
          member: u.mfa
            ? [
                {
                  UserName: u.name,
                  SerialNumber: `arn:aws:iam::${estate.accountId}:mfa/${u.name}`,
                  EnableDate: isoDaysAgo(now, Math.max(0, u.createdDaysAgo - 1)),
                },
              ]
            : [],
        },
      });
    }
    case 'ListAccessKeys': {
      const u = findUser();
      if (!u) return noSuchEntity(`The user with name ${String(params.UserName)} cannot be found.`);
      return queryOk('iam', 'ListAccessKeys', {
        IsTruncated: false,
        AccessKeyMetadata: {
          member: u.accessKeys.map((k) => ({
            UserName: u.name,
            AccessKeyId: k.id,
            Status: k.status,
            CreateDate: isoDaysAgo(now, k.createdDaysAgo),
          })),
        },
      });
    }
    case 'GetAccessKeyLastUsed': {
      for (const u of estate.users) {
        const k = u.accessKeys.find((x) => x.id === params.AccessKeyId);
        if (!k) continue;
        return queryOk('iam', 'GetAccessKeyLastUsed', {
          UserName: u.name,
          AccessKeyLastUsed:
            k.lastUsedDaysAgo === null
              ? { ServiceName: 'N/A', Region: 'N/A' }
              : {
                  LastUsedDate: isoDaysAgo(now, k.lastUsedDaysAgo),
                  ServiceName: k.lastUsedService ?? 'sts',
                  Region: k.lastUsedRegion ?? 'us-east-1',
                },
        });
      }
      return queryError(
        'iam',
        403,
        'AccessDenied',
        `The access key ${String(params.AccessKeyId)} does not belong to this account.`,
      );
    }
    case 'ListAttachedUserPolicies': {
      const u = findUser();
      if (!u) return noSuchEntity(`The user with name ${String(params.UserName)} cannot be found.`);
      return queryOk('iam', 'ListAttachedUserPolicies', {
        IsTruncated: false,
        AttachedPolicies: {
          member: u.attachedPolicyArns.map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn })),
        },
      });
    }
    case 'GetAccountPasswordPolicy':
      if (!estate.passwordPolicy) {
        return noSuchEntity(`The Password Policy with domain name ${estate.accountId} cannot be found.`);
      }
      return queryOk('iam', 'GetAccountPasswordPolicy', { PasswordPolicy: estate.passwordPolicy });
    case 'ListPolicies': {
      // Scope=Local: customer-managed only (the estate holds no AWS-managed policy documents).
      const { page, next } = pageOf(estate.policies, params.Marker, POLICIES_PAGE);
      return queryOk('iam', 'ListPolicies', {
        IsTruncated: next !== undefined,
        ...(next ? { Marker: next } : {}),
        Policies: {
          member: page.map((p) => ({
            PolicyName: p.name,
            PolicyId: p.id,
            Arn: `arn:aws:iam::${estate.accountId}:policy/${p.name}`,
            Path: '/',
            DefaultVersionId: p.defaultVersionId,
            AttachmentCount: p.attachmentCount,
            PermissionsBoundaryUsageCount: 0,
            IsAttachable: true,
            CreateDate: isoDaysAgo(now, p.createdDaysAgo),
            UpdateDate: isoDaysAgo(now, Math.max(0, p.createdDaysAgo - 30)),
          })),
        },
      });
    }
    case 'GetPolicyVersion': {
      const p = estate.policies.find(
        (x) => `arn:aws:iam::${estate.accountId}:policy/${x.name}` === params.PolicyArn,
      );
      if (!p || p.defaultVersionId !== params.VersionId) {
        return noSuchEntity(
          `Policy ${String(params.PolicyArn)} version ${String(params.VersionId)} does not exist or is not attachable.`,
        );
      }
      return queryOk('iam', 'GetPolicyVersion', {
        PolicyVersion: {
          // IAM returns documents URL-encoded (RFC 3986).
          Document: encodeURIComponent(JSON.stringify(p.document)),
          VersionId: p.defaultVersionId,
          IsDefaultVersion: true,
          CreateDate: isoDaysAgo(now, Math.max(0, p.createdDaysAgo - 30)),
        },
      });
    }
    case 'GetAccountSummary': {
      // SummaryMap is a query-protocol map: <entry><key/><value/></entry>.
      const summary: Record<string, number> = {
        AccountMFAEnabled: estate.root.mfa ? 1 : 0,
        AccountAccessKeysPresent: estate.root.accessKeys.some((k) => k.status === 'Active') ? 1 : 0,
        AccountSigningCertificatesPresent: 0,
        Users: estate.users.length,
        UsersQuota: 5000,
        Roles: rolesOf(estate).length,
        RolesQuota: 1000,
        Policies: estate.policies.length,
        PoliciesQuota: 1500,
        Groups: 0,
        GroupsQuota: 300,
        MFADevices: estate.users.filter((u) => u.mfa).length,
        MFADevicesInUse: estate.users.filter((u) => u.mfa).length,
      };
      return queryOk('iam', 'GetAccountSummary', {
        SummaryMap: { entry: Object.entries(summary).map(([key, value]) => ({ key, value })) },
      });
    }
    case 'ListUserPolicies': {
      const u = findUser();
      if (!u) return noSuchEntity(`The user with name ${String(params.UserName)} cannot be found.`);
      return inlineNames('ListUserPolicies', u.inlinePolicies, params.Marker);
    }
    case 'GetUserPolicy': {
      const p = findUser()?.inlinePolicies?.find((x) => x.name === params.PolicyName);
      if (!p) {
        return noSuchEntity(`The user policy with name ${String(params.PolicyName)} cannot be found.`);
      }
      return queryOk('iam', 'GetUserPolicy', {
        UserName: params.UserName,
        PolicyName: p.name,
        PolicyDocument: encodeURIComponent(JSON.stringify(p.document)),
      });
    }
    case 'ListRoles': {
      const { page, next } = pageOf(rolesOf(estate), params.Marker, ROLES_PAGE);
      return queryOk('iam', 'ListRoles', {
        IsTruncated: next !== undefined,
        ...(next ? { Marker: next } : {}),
        Roles: { member: page.map((r) => roleXml(estate, r, now, false)) },
      });
    }
    case 'GetRole': {
      const r = findRole();
      if (!r) return noSuchEntity(`The role with name ${String(params.RoleName)} cannot be found.`);
      return queryOk('iam', 'GetRole', { Role: roleXml(estate, r, now, true) });
    }
    case 'ListAttachedRolePolicies': {
      const r = findRole();
      if (!r) return noSuchEntity(`The role with name ${String(params.RoleName)} cannot be found.`);
      return queryOk('iam', 'ListAttachedRolePolicies', {
        IsTruncated: false,
        AttachedPolicies: {
          member: r.attachedPolicyArns.map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn })),
        },
      });
    }
    case 'ListRolePolicies': {
      const r = findRole();
      if (!r) return noSuchEntity(`The role with name ${String(params.RoleName)} cannot be found.`);
      return inlineNames('ListRolePolicies', r.inlinePolicies, params.Marker);
    }
    case 'GetRolePolicy': {
      const p = findRole()?.inlinePolicies?.find((x) => x.name === params.PolicyName);
      if (!p) {
        return noSuchEntity(`The role policy with name ${String(params.PolicyName)} cannot be found.`);
      }
      return queryOk('iam', 'GetRolePolicy', {
        RoleName: params.RoleName,
        PolicyName: p.name,
        PolicyDocument: encodeURIComponent(JSON.stringify(p.document)),
      });
    }
    case 'ListEntitiesForPolicy': {
      const arn = String(params.PolicyArn);
      const isCustomer = estate.policies.some(
        (p) => `arn:aws:iam::${estate.accountId}:policy/${p.name}` === arn,
      );
      if (!arn.startsWith('arn:aws:iam::aws:policy/') && !isCustomer) {
        return noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
      }
      return queryOk('iam', 'ListEntitiesForPolicy', {
        IsTruncated: false,
        PolicyGroups: { member: [] },
        PolicyUsers: {
          member: estate.users
            .filter((u) => u.attachedPolicyArns.includes(arn))
            .map((u) => ({ UserName: u.name, UserId: u.id })),
        },
        PolicyRoles: {
          member: rolesOf(estate)
            .filter((r) => r.attachedPolicyArns.includes(arn))
            .map((r) => ({ RoleName: r.name, RoleId: r.id })),
        },
      });
    }
    default:
      throw new UnknownOperation();
  }
};
