// IAM responses (query protocol) rendered from the estate, including the credential report CSV built from
// the same users and keys that ListUsers/ListAccessKeys return.
import type { Estate, EstateAccessKey } from '../../estate/types';
import { isoDaysAgo, queryError, queryOk } from '../wire';
import { UnknownOperation, pageOf, type Responder } from './types';

const USERS_PAGE = 4; // small on purpose: exercises the collector's Marker pagination
const POLICIES_PAGE = 3;

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
    default:
      throw new UnknownOperation();
  }
};
