import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedResource } from '../../main/collect/types';
import {
  checksOf,
  awsResource,
  FIXTURE_STARTED_AT,
  makeSnapshot,
  type SnapshotFixture,
} from '../helpers/snapshot-fixture';

const iamChecks = checksOf('iam');

// @as_of is the snapshot start (2025-06-30); dates below are chosen relative to it.
const DAYS_AGO = (n: number) => new Date(Date.parse(FIXTURE_STARTED_AT) - n * 86_400_000).toISOString();
const ACCOUNT = '111122223333';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function run(resources: CollectedResource[]) {
  fx = makeSnapshot({ resources, checks: iamChecks });
  return (checkId: string, uid: string) => {
    const f = fx!.findings(checkId).find((x) => x.resourceUid === uid);
    if (!f) throw new Error(`no ${checkId} finding for ${uid}`);
    return f;
  };
}

const rootUid = `arn:aws:iam::${ACCOUNT}:root`;
const root = (report?: Record<string, string>) =>
  awsResource('AWS::IAM::RootUser', rootUid, report ? { CredentialReport: report } : {}, {
    region: 'global',
    name: '<root_account>',
  });
const userUid = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const user = (name: string, config: Record<string, unknown>) =>
  awsResource(
    'AWS::IAM::User',
    userUid(name),
    { UserName: name, UserId: `AID${name}`, Arn: userUid(name), ...config },
    { region: 'global', name },
  );

describe('iam_root_mfa_enabled', () => {
  const id = 'iam_root_mfa_enabled';
  const rootWith = (config: Record<string, unknown>) =>
    awsResource('AWS::IAM::RootUser', rootUid, config, { region: 'global', name: 'root' });
  it('passes with MFA active, saying the credential report was the source', () => {
    const f = run([root({ mfa_active: 'true' })])(id, rootUid);
    expect(f).toMatchObject({
      status: 'pass',
      reason: 'The root user has an MFA device active (credential report mfa_active = true)',
    });
    expect(f.evidence).toMatchObject({ source: 'credential report' });
  });
  it('fails without MFA', () => {
    const f = run([root({ mfa_active: 'false' })])(id, rootUid);
    expect(f.status).toBe('fail');
    expect(f.reason).toBe('The root user has no MFA device active (credential report mfa_active = false)');
    expect(f.evidence).toMatchObject({ mfa_active: 'false' });
  });
  it('prefers the credential report over the account summary when both were collected', () => {
    const f = run([
      rootWith({ CredentialReport: { mfa_active: 'false' }, AccountSummary: { AccountMFAEnabled: 1 } }),
    ])(id, rootUid);
    expect(f.status).toBe('fail');
    expect(f.evidence).toMatchObject({ source: 'credential report', AccountMFAEnabled: 1 });
  });
  it('falls back to the account summary when the report row was not collected', () => {
    const on = run([rootWith({ AccountSummary: { AccountMFAEnabled: 1, Users: 3 } })])(id, rootUid);
    expect(on).toMatchObject({
      status: 'pass',
      reason:
        'The root user has an MFA device active (account summary AccountMFAEnabled = 1; the credential report row was not collected)',
      evidence: { source: 'account summary', AccountMFAEnabled: 1 },
    });
    fx?.close();
    const off = run([rootWith({ AccountSummary: { AccountMFAEnabled: 0 } })])(id, rootUid);
    expect(off.status).toBe('fail');
    expect(off.reason).toContain('AccountMFAEnabled = 0');
    // A row without a readable mfa_active also falls back rather than failing on a missing value.
    fx?.close();
    const partial = run([
      rootWith({ CredentialReport: { user: '<root_account>' }, AccountSummary: { AccountMFAEnabled: 1 } }),
    ])(id, rootUid);
    expect(partial).toMatchObject({ status: 'pass', evidence: { source: 'account summary' } });
  });
  it('is an error when neither the report row nor the account summary was collected', () => {
    expect(run([root()])(id, rootUid)).toMatchObject({
      status: 'error',
      reason:
        "Root MFA is unknown: the root user's credential report row was not collected and the account summary was not collected (GetAccountSummary failed)",
    });
    fx?.close();
    expect(run([rootWith({ AccountSummary: { Users: 3 } })])(id, rootUid)).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('the account summary has no readable AccountMFAEnabled value'),
    });
  });
});

describe('iam_no_root_access_key', () => {
  const id = 'iam_no_root_access_key';
  it('passes without keys, fails with an active key, errors without the report', () => {
    expect(
      run([root({ access_key_1_active: 'false', access_key_2_active: 'false' })])(id, rootUid).status,
    ).toBe('pass');
    fx?.close();
    const f = run([
      root({
        access_key_1_active: 'false',
        access_key_2_active: 'true',
        access_key_2_last_rotated: '2020-01-01T00:00:00+00:00',
      }),
    ])(id, rootUid);
    expect(f.status).toBe('fail');
    expect(f.reason).toBe(
      'The root user has 1 active access key (key 2, last rotated 2020-01-01T00:00:00+00:00)',
    );
    fx?.close();
    expect(run([root()])(id, rootUid).status).toBe('error');
  });
});

describe('iam_user_mfa_enabled_console_access', () => {
  const id = 'iam_user_mfa_enabled_console_access';
  it('judges console users by MFA and leaves API-only users out', () => {
    const get = run([
      user('alice', {
        CredentialReport: { password_enabled: 'true', mfa_active: 'true' },
        MFADevices: [{ SerialNumber: 'arn:mfa/alice' }],
      }),
      user('bob', { CredentialReport: { password_enabled: 'true', mfa_active: 'false' }, MFADevices: [] }),
      user('ci', { CredentialReport: { password_enabled: 'false', mfa_active: 'false' }, MFADevices: [] }),
      user('newbie', { CredentialReport: null, MFADevices: [] }),
      user('ghost', { MFADevices: [] }),
    ]);
    expect(get(id, userUid('alice'))).toMatchObject({
      status: 'pass',
      reason: 'IAM user alice has console access and 1 MFA device(s)',
    });
    expect(get(id, userUid('bob'))).toMatchObject({
      status: 'fail',
      reason: 'IAM user bob has console access (password enabled) and no MFA device',
    });
    expect(get(id, userUid('ci'))).toMatchObject({
      status: 'n/a',
      reason: 'IAM user ci has no console password',
    });
    expect(get(id, userUid('newbie'))).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('no row in the credential report'),
    });
    expect(get(id, userUid('ghost'))).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('credential report was not collected'),
    });
  });
});

describe('iam_user_accesskey_unused', () => {
  const id = 'iam_user_accesskey_unused';
  it('fails keys unused for more than 90 days (never-used keys count from creation) and passes recent use', () => {
    const get = run([
      user('active', {
        AccessKeys: [
          {
            AccessKeyId: 'AKIAACTIVE',
            Status: 'Active',
            CreateDate: DAYS_AGO(400),
            LastUsedDate: DAYS_AGO(3),
          },
        ],
      }),
      user('stale', {
        AccessKeys: [
          {
            AccessKeyId: 'AKIASTALE',
            Status: 'Active',
            CreateDate: DAYS_AGO(400),
            LastUsedDate: DAYS_AGO(120),
          },
        ],
      }),
      user('never', {
        AccessKeys: [
          { AccessKeyId: 'AKIANEVER', Status: 'Active', CreateDate: DAYS_AGO(95), LastUsedDate: null },
        ],
      }),
      user('fresh', {
        AccessKeys: [
          { AccessKeyId: 'AKIAFRESH', Status: 'Active', CreateDate: DAYS_AGO(10), LastUsedDate: null },
        ],
      }),
      user('inactive', {
        AccessKeys: [
          { AccessKeyId: 'AKIAOFF', Status: 'Inactive', CreateDate: DAYS_AGO(900), LastUsedDate: null },
        ],
      }),
      user('unknown', {
        AccessKeys: [{ AccessKeyId: 'AKIAUNK', Status: 'Active', CreateDate: DAYS_AGO(200) }],
      }),
      user('nokeys', {}),
    ]);
    expect(get(id, userUid('active'))).toMatchObject({
      status: 'pass',
      reason: 'All 1 active access key(s) of IAM user active were used in the last 90 days',
    });
    const stale = get(id, userUid('stale'));
    expect(stale.status).toBe('fail');
    expect(stale.reason).toBe(
      'IAM user stale has 1 active access key(s) unused for more than 90 days: AKIASTALE was last used 120 days ago',
    );
    expect(stale.evidence).toMatchObject({
      asOf: FIXTURE_STARTED_AT,
      activeKeys: [{ AccessKeyId: 'AKIASTALE', DaysSinceUse: 120 }],
    });
    expect(get(id, userUid('never'))).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('AKIANEVER was never used and was created 95 days ago'),
    });
    expect(get(id, userUid('fresh')).status).toBe('pass');
    expect(get(id, userUid('inactive'))).toMatchObject({
      status: 'n/a',
      reason: 'IAM user inactive has no active access keys',
    });
    expect(get(id, userUid('unknown'))).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetAccessKeyLastUsed failed'),
    });
    expect(get(id, userUid('nokeys'))).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('ListAccessKeys failed'),
    });
  });

  it('measures age against the snapshot time, not the wall clock', () => {
    // The same key, 30 days after creation: a snapshot taken then must pass, whenever the test runs.
    fx = makeSnapshot({
      startedAt: '2019-02-01T00:00:00.000Z',
      checks: iamChecks,
      resources: [
        user('old', {
          AccessKeys: [
            {
              AccessKeyId: 'AKIAOLD',
              Status: 'Active',
              CreateDate: '2019-01-02T00:00:00.000Z',
              LastUsedDate: null,
            },
          ],
        }),
      ],
    });
    expect(fx.findings(id)[0].status).toBe('pass');
    expect(fx.findings('iam_rotate_access_key_90_days')[0].status).toBe('pass');
  });
});

describe('iam_rotate_access_key_90_days', () => {
  const id = 'iam_rotate_access_key_90_days';
  it('fails active keys older than 90 days, passes newer ones, errors when keys were not listed', () => {
    const get = run([
      user('old', {
        AccessKeys: [
          { AccessKeyId: 'AKIAOLD1', Status: 'Active', CreateDate: DAYS_AGO(91), LastUsedDate: DAYS_AGO(1) },
          { AccessKeyId: 'AKIANEW1', Status: 'Active', CreateDate: DAYS_AGO(5), LastUsedDate: DAYS_AGO(1) },
        ],
      }),
      user('new', {
        AccessKeys: [
          { AccessKeyId: 'AKIANEW2', Status: 'Active', CreateDate: DAYS_AGO(89), LastUsedDate: DAYS_AGO(1) },
        ],
      }),
      user('off', {
        AccessKeys: [{ AccessKeyId: 'AKIAOFF2', Status: 'Inactive', CreateDate: DAYS_AGO(500) }],
      }),
      user('unlisted', {}),
    ]);
    expect(get(id, userUid('old'))).toMatchObject({
      status: 'fail',
      reason: 'IAM user old has 1 active access key(s) older than 90 days: AKIAOLD1 is 91 days old',
    });
    expect(get(id, userUid('new'))).toMatchObject({
      status: 'pass',
      reason: 'All 1 active access key(s) of IAM user new are 90 days old or newer',
    });
    expect(get(id, userUid('off')).status).toBe('n/a');
    expect(get(id, userUid('unlisted')).status).toBe('error');
  });
});

describe('iam_password_policy_strong', () => {
  const id = 'iam_password_policy_strong';
  const uid = `arn:aws:iam::${ACCOUNT}:account-password-policy`;
  const policy = (config: Record<string, unknown>) =>
    awsResource('AWS::IAM::PasswordPolicy', uid, config, { region: 'global' });
  const strong = {
    MinimumPasswordLength: 16,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    PasswordReusePrevention: 24,
  };
  it('passes a strong policy', () => {
    expect(run([policy({ PasswordPolicy: strong })])(id, uid)).toMatchObject({
      status: 'pass',
      reason:
        'The account password policy requires 16+ characters with upper- and lower-case letters, numbers and symbols, and blocks reuse of the last 24 passwords',
    });
  });
  it('fails a weak policy listing every shortfall', () => {
    const f = run([
      policy({
        PasswordPolicy: {
          ...strong,
          MinimumPasswordLength: 8,
          RequireSymbols: false,
          PasswordReusePrevention: 5,
        },
      }),
    ])(id, uid);
    expect(f.status).toBe('fail');
    expect(f.reason).toBe(
      'The account password policy is weaker than the baseline: minimum length is 8 (needs 14 or more); symbols not required; reuse prevention remembers 5 passwords (needs 24)',
    );
  });
  it('fails when no policy is set and errors when it was not collected', () => {
    expect(run([policy({ PasswordPolicy: null })])(id, uid)).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('No account password policy is set'),
    });
    fx?.close();
    expect(run([policy({})])(id, uid)).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('not collected'),
    });
  });
});

describe('iam_customer_policy_no_administrative_privileges', () => {
  const id = 'iam_customer_policy_no_administrative_privileges';
  const polUid = (n: string) => `arn:aws:iam::${ACCOUNT}:policy/${n}`;
  const pol = (name: string, document: unknown, attachments = 1) =>
    awsResource(
      'AWS::IAM::ManagedPolicy',
      polUid(name),
      document === undefined
        ? { PolicyName: name, Arn: polUid(name), AttachmentCount: attachments }
        : {
            PolicyName: name,
            Arn: polUid(name),
            AttachmentCount: attachments,
            DefaultVersionId: 'v1',
            Document: document,
          },
      { region: 'global', name },
    );
  it('fails "*" on "*" whether Statement/Action are objects, strings or arrays', () => {
    const get = run([
      pol(
        'admin-object',
        { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
        3,
      ),
      pol(
        'admin-array',
        {
          Statement: [
            { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' },
            { Sid: 'Everything', Effect: 'Allow', Action: ['ec2:Describe*', '*'], Resource: ['*'] },
          ],
        },
        0,
      ),
      pol('scoped', {
        Statement: [
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' },
        ],
      }),
      pol('deny-all', { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }),
      pol('uncollected', undefined),
    ]);
    const obj = get(id, polUid('admin-object'));
    expect(obj.status).toBe('fail');
    expect(obj.reason).toBe(
      'Policy admin-object allows Action "*" on Resource "*" in statement 1; it is attached to 3 identities',
    );
    const arr = get(id, polUid('admin-array'));
    expect(arr.status).toBe('fail');
    expect(arr.reason).toContain('statement 2 (Sid Everything); it is attached to 0 identities');
    expect(arr.evidence).toMatchObject({ AdminStatements: [{ Sid: 'Everything' }] });
    expect(get(id, polUid('scoped'))).toMatchObject({
      status: 'pass',
      reason: 'Policy scoped has no statement allowing Action "*" on Resource "*"',
    });
    expect(get(id, polUid('deny-all')).status).toBe('pass');
    expect(get(id, polUid('uncollected'))).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('was not collected'),
    });
  });
});

const report = (n: number) => DAYS_AGO(n).replace(/\.\d{3}Z$/, '+00:00');

describe('iam_avoid_root_usage', () => {
  const id = 'iam_avoid_root_usage';
  const row = (password: string, key1 = 'N/A', key2 = 'N/A') =>
    root({
      password_last_used: password,
      access_key_1_last_used_date: key1,
      access_key_2_last_used_date: key2,
    });
  it('fails on any root password or key use in the last 90 days and names each one', () => {
    const f = run([row(report(41), report(200), report(12))])(id, rootUid);
    expect(f.status).toBe('fail');
    expect(f.reason).toBe(
      `The root user was used in the last 90 days: password last used 41 days ago (${report(41)}); access key 2 last used 12 days ago (${report(12)})`,
    );
  });
  it('passes when the last use is older than 90 days or there was none', () => {
    expect(run([row(report(91))])(id, rootUid).status).toBe('pass');
    fx?.close();
    const never = run([row('N/A')])(id, rootUid);
    expect(never.reason).toBe(
      'The root user was not used in the last 90 days (password last used: N/A; access key 1: N/A; access key 2: N/A)',
    );
    fx?.close();
    // no_information: used only before IAM started tracking (2014), so not in the last 90 days.
    expect(run([row('no_information')])(id, rootUid).status).toBe('pass');
  });
  it('is an error when a last-use column is missing or in an unexpected form, unless another proves use', () => {
    expect(run([row('yesterday-ish')])(id, rootUid)).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('unknown'),
    });
    fx?.close();
    // The unreadable column does not hide a recent use of another credential.
    expect(run([row('yesterday-ish', report(1))])(id, rootUid).status).toBe('fail');
    fx?.close();
    expect(run([root()])(id, rootUid)).toMatchObject({
      status: 'error',
      reason: "The root user's credential report row was not collected, so its last use is unknown",
    });
  });
});

describe('iam_user_two_active_access_key', () => {
  const id = 'iam_user_two_active_access_key';
  const k = (AccessKeyId: string, Status?: string) => ({
    AccessKeyId,
    ...(Status ? { Status } : {}),
    CreateDate: DAYS_AGO(5),
    LastUsedDate: DAYS_AGO(1),
  });
  it('fails two active keys, passes one active plus one inactive, and no keys at all', () => {
    const get = run([
      user('two', { AccessKeys: [k('AKIA1', 'Active'), k('AKIA2', 'Active')] }),
      user('rotated', { AccessKeys: [k('AKIA3', 'Active'), k('AKIA4', 'Inactive')] }),
      user('none', { AccessKeys: [] }),
    ]);
    const two = get(id, userUid('two'));
    expect(two.status).toBe('fail');
    expect(two.reason).toMatch(/^IAM user two has 2 active access keys: AKIA1 \(created .*\), AKIA2/);
    expect(get(id, userUid('rotated'))).toMatchObject({
      status: 'pass',
      reason: 'IAM user rotated has 1 active access key(s)',
    });
    expect(get(id, userUid('none')).status).toBe('pass');
  });
  it('is an error when keys were not listed or a key has no status (it could be the second active one)', () => {
    const get = run([
      user('unlisted', {}),
      user('statusless', { AccessKeys: [k('AKIA5', 'Active'), k('AKIA6')] }),
    ]);
    expect(get(id, userUid('unlisted')).reason).toBe(
      'Access keys of IAM user unlisted were not collected (ListAccessKeys failed)',
    );
    expect(get(id, userUid('statusless')).status).toBe('error');
  });
});

describe('iam_policy_attached_only_to_group_or_roles', () => {
  const id = 'iam_policy_attached_only_to_group_or_roles';
  it('fails users with attached or inline policies, naming them; passes users with neither', () => {
    const get = run([
      user('attached', {
        AttachedPolicies: [
          { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ],
        InlinePolicyNames: ['extra'],
      }),
      user('clean', { AttachedPolicies: [], InlinePolicyNames: [] }),
    ]);
    expect(get(id, userUid('attached')).reason).toBe(
      'IAM user attached has permissions of its own: 1 attached managed policy(ies) (ReadOnlyAccess); 1 inline policy(ies) (extra)',
    );
    expect(get(id, userUid('clean')).status).toBe('pass');
  });
  it('fails on what was collected even when the other list is missing; otherwise errors', () => {
    const get = run([
      user('known-bad', { AttachedPolicies: [{ PolicyName: 'X', PolicyArn: 'arn:x' }] }),
      user('inline-unknown', { AttachedPolicies: [] }),
      user('attached-unknown', { InlinePolicyNames: [] }),
    ]);
    expect(get(id, userUid('known-bad')).status).toBe('fail');
    expect(get(id, userUid('inline-unknown')).reason).toBe(
      'The inline policies of IAM user inline-unknown were not collected (ListUserPolicies failed)',
    );
    expect(get(id, userUid('attached-unknown')).reason).toContain('ListAttachedUserPolicies failed');
  });
});

const roleUid = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;
const role = (name: string, config: Record<string, unknown>, path = '/') =>
  awsResource(
    'AWS::IAM::Role',
    roleUid(name, path),
    {
      RoleName: name,
      Arn: roleUid(name, path),
      Path: path,
      CreateDate: DAYS_AGO(400),
      ServiceLinked: path.startsWith('/aws-service-role/'),
      AttachedPolicies: [],
      InlinePolicyNames: [],
      ...config,
    },
    { region: 'global', name },
  );
const inlinePolicy = (
  principal: string,
  policy: string,
  document?: unknown,
  type: 'Role' | 'User' = 'Role',
) => {
  const principalArn = type === 'Role' ? roleUid(principal) : userUid(principal);
  return awsResource(
    'AWS::IAM::InlinePolicy',
    `${principalArn}/inline-policy/${policy}`,
    {
      PolicyName: policy,
      PrincipalType: type,
      PrincipalName: principal,
      PrincipalArn: principalArn,
      ...(document === undefined ? {} : { Document: document }),
    },
    { region: 'global', name: `${policy} (${type.toLowerCase()} ${principal})` },
  );
};
const everything = { Statement: [{ Effect: 'Allow', Action: ['s3:*', '*'], Resource: ['*'] }] };
const scoped = { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } };

describe('iam_inline_policy_no_administrative_privileges', () => {
  const id = 'iam_inline_policy_no_administrative_privileges';
  it('judges every inline policy of users and roles', () => {
    const get = run([
      role('batch', { InlinePolicyNames: ['all', 'some'] }),
      inlinePolicy('batch', 'all', everything),
      inlinePolicy('batch', 'some', scoped),
      inlinePolicy('etl', 'deny', { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }, 'User'),
      user('etl', { InlinePolicyNames: ['deny'] }),
    ]);
    expect(get(id, `${roleUid('batch')}/inline-policy/all`)).toMatchObject({
      status: 'fail',
      reason: 'Inline policy all of IAM role batch allows Action "*" on Resource "*" in statement 1',
    });
    expect(get(id, `${roleUid('batch')}/inline-policy/some`).status).toBe('pass');
    expect(get(id, `${userUid('etl')}/inline-policy/deny`).status).toBe('pass');
    // Principals whose lists were collected get no row of their own.
    expect(fx!.findings(id).map((f) => f.resourceUid)).not.toContain(roleUid('batch'));
  });
  it('is an error for a policy whose document is missing and for a principal whose list is missing', () => {
    const get = run([
      role('vendor', { InlinePolicyNames: ['p'] }),
      inlinePolicy('vendor', 'p'),
      role('unlisted', { InlinePolicyNames: undefined }),
    ]);
    expect(get(id, `${roleUid('vendor')}/inline-policy/p`)).toMatchObject({
      status: 'error',
      reason: 'The document of inline policy p of IAM role vendor was not collected (GetRolePolicy failed)',
    });
    expect(get(id, roleUid('unlisted'))).toMatchObject({
      status: 'error',
      reason: 'The inline policies of IAM role unlisted were not collected (ListRolePolicies failed)',
    });
  });
});

describe('iam_role_administratoraccess_policy', () => {
  const id = 'iam_role_administratoraccess_policy';
  const customer = (name: string, document?: unknown) =>
    awsResource(
      'AWS::IAM::ManagedPolicy',
      `arn:aws:iam::${ACCOUNT}:policy/${name}`,
      { PolicyName: name, ...(document === undefined ? {} : { Document: document }) },
      { region: 'global', name },
    );
  const attach = (arn: string) => ({
    AttachedPolicies: [{ PolicyName: arn.split('/').pop(), PolicyArn: arn }],
  });
  it('fails AdministratorAccess, an attached customer "*" policy and an inline "*" policy', () => {
    const get = run([
      role('admin', attach('arn:aws:iam::aws:policy/AdministratorAccess')),
      role('glass', attach(`arn:aws:iam::${ACCOUNT}:policy/BreakGlass`)),
      customer('BreakGlass', everything),
      role('batch', { InlinePolicyNames: ['all'] }),
      inlinePolicy('batch', 'all', everything),
      role('reader', attach('arn:aws:iam::aws:policy/ReadOnlyAccess')),
      role('scoped', { ...attach(`arn:aws:iam::${ACCOUNT}:policy/Scoped`), InlinePolicyNames: ['s'] }),
      customer('Scoped', scoped),
      inlinePolicy('scoped', 's', scoped),
    ]);
    expect(get(id, roleUid('admin')).reason).toBe(
      'IAM role admin holds administrator privileges: AWS-managed AdministratorAccess attached',
    );
    expect(get(id, roleUid('glass')).reason).toContain('customer-managed BreakGlass allows "*" on "*"');
    expect(get(id, roleUid('batch')).reason).toContain('inline all allows "*" on "*"');
    expect(get(id, roleUid('reader')).status).toBe('pass');
    expect(get(id, roleUid('scoped')).status).toBe('pass');
  });
  it('is an error when a policy list or an attached or inline document was not collected', () => {
    const get = run([
      role('no-attached', { AttachedPolicies: undefined }),
      role('no-inline', { InlinePolicyNames: undefined }),
      role('missing-customer', attach(`arn:aws:iam::${ACCOUNT}:policy/Gone`)),
      role('undocumented', attach(`arn:aws:iam::${ACCOUNT}:policy/NoDoc`)),
      customer('NoDoc'),
      role('inline-missing', { InlinePolicyNames: ['x'] }),
      inlinePolicy('inline-missing', 'x'),
    ]);
    expect(get(id, roleUid('no-attached')).reason).toContain('ListAttachedRolePolicies failed');
    expect(get(id, roleUid('no-inline')).reason).toContain('ListRolePolicies failed');
    expect(get(id, roleUid('missing-customer'))).toMatchObject({
      status: 'error',
      reason:
        'Whether IAM role missing-customer is an administrator is unknown: the document of customer-managed Gone was not collected',
    });
    expect(get(id, roleUid('undocumented')).status).toBe('error');
    expect(get(id, roleUid('inline-missing')).reason).toContain('the document of inline x was not collected');
  });
});

describe('role trust checks (policy-judgement)', () => {
  const pub = 'iam_role_trust_policy_not_public';
  const ext = 'iam_role_cross_account_trust_external_id';
  const judged = (fields: Record<string, unknown>) => ({
    TrustJudgement: {
      Public: false,
      PublicStatements: [],
      RestrictedStatements: [],
      CrossAccounts: [],
      CrossAccountsWithoutExternalId: [],
      ...fields,
    },
  });
  it('fails a public trust, passes one restricted by a condition, and leaves service-linked roles out', () => {
    const get = run([
      role(
        'open',
        judged({
          Public: true,
          PublicStatements: [
            { sid: 'Anyone', reason: 'Allow to Principal "*" without a restricting condition' },
          ],
        }),
      ),
      role(
        'org',
        judged({
          RestrictedStatements: [{ sid: '#1', reason: 'Principal "*" restricted by aws:PrincipalOrgID' }],
        }),
      ),
      role('AWSServiceRoleForSupport', judged({}), '/aws-service-role/support.amazonaws.com/'),
    ]);
    expect(get(pub, roleUid('open')).reason).toBe(
      'IAM role open can be assumed by anyone: Anyone: Allow to Principal "*" without a restricting condition',
    );
    expect(get(pub, roleUid('org')).reason).toContain(
      'only under a restricting condition (#1: Principal "*" restricted by aws:PrincipalOrgID)',
    );
    const slr = roleUid('AWSServiceRoleForSupport', '/aws-service-role/support.amazonaws.com/');
    expect(get(pub, slr).status).toBe('n/a');
    expect(get(ext, slr).status).toBe('n/a');
  });
  it('fails cross-account trust without ExternalId and names the accounts', () => {
    const get = run([
      role(
        'vendor',
        judged({
          CrossAccounts: ['999988887777', '777766665555'],
          CrossAccountsWithoutExternalId: ['999988887777'],
        }),
      ),
      role('partner', judged({ CrossAccounts: ['777766665555'] })),
      role('local', judged({})),
    ]);
    expect(get(ext, roleUid('vendor')).reason).toBe(
      'IAM role vendor can be assumed from account(s) 999988887777 without an sts:ExternalId condition',
    );
    expect(get(ext, roleUid('partner')).reason).toBe(
      'IAM role partner trusts account(s) 777766665555 only with an sts:ExternalId condition',
    );
    expect(get(ext, roleUid('local')).status).toBe('pass');
  });
  it('is an error when the trust policy was not collected or not readable', () => {
    const get = run([
      role('absent', {}),
      role('garbled', judged({ ParseError: 'the policy is not valid JSON' })),
    ]);
    for (const check of [pub, ext]) {
      expect(get(check, roleUid('absent')).reason).toContain('was not collected or could not be decoded');
      expect(get(check, roleUid('garbled'))).toMatchObject({
        status: 'error',
        reason:
          'The trust policy of IAM role garbled has no readable statements: the policy is not valid JSON',
      });
    }
  });
});

describe('iam_role_unused', () => {
  const id = 'iam_role_unused';
  it('fails roles idle for more than 90 days or never used once 90 days old; new roles pass', () => {
    const get = run([
      role('idle', { RoleLastUsed: { LastUsedDate: DAYS_AGO(120) } }),
      role('never', { RoleLastUsed: {} }),
      role('fresh', { RoleLastUsed: {}, CreateDate: DAYS_AGO(30) }),
      role('busy', { RoleLastUsed: { LastUsedDate: DAYS_AGO(90) } }),
      role('AWSServiceRoleForX', { RoleLastUsed: {} }, '/aws-service-role/x.amazonaws.com/'),
    ]);
    expect(get(id, roleUid('idle')).reason).toBe('IAM role idle was last used 120 days ago');
    expect(get(id, roleUid('never')).reason).toBe(
      'IAM role never has no recorded use and was created 400 days ago',
    );
    expect(get(id, roleUid('fresh'))).toMatchObject({
      status: 'pass',
      reason: 'IAM role fresh has no recorded use but was created only 30 days ago',
    });
    expect(get(id, roleUid('busy')).status).toBe('pass');
    expect(get(id, roleUid('AWSServiceRoleForX', '/aws-service-role/x.amazonaws.com/')).status).toBe('n/a');
  });
  it('is an error when GetRole failed (RoleLastUsed absent) or the dates are unreadable', () => {
    const get = run([role('unknown', {}), role('odd', { RoleLastUsed: { LastUsedDate: 'last tuesday' } })]);
    expect(get(id, roleUid('unknown')).reason).toBe(
      'When IAM role unknown was last used was not collected (GetRole failed)',
    );
    expect(get(id, roleUid('odd')).reason).toContain('unexpected form');
  });
});

describe('password policy detail checks', () => {
  const ppUid = `arn:aws:iam::${ACCOUNT}:account-password-policy`;
  const pp = (policy: unknown) =>
    awsResource('AWS::IAM::PasswordPolicy', ppUid, policy === undefined ? {} : { PasswordPolicy: policy }, {
      region: 'global',
    });
  const min = 'iam_password_policy_minimum_length_14';
  const reuse = 'iam_password_policy_reuse_24';
  const expiry = 'iam_password_policy_expires_passwords_within_90_days_or_less';
  it('reads the values AWS omits when a setting is off as "off", not as unknown', () => {
    const get = run([pp({ MinimumPasswordLength: 8, ExpirePasswords: false })]);
    expect(get(min, ppUid).reason).toBe(
      'The account password policy requires only 8 characters (needs 14 or more)',
    );
    expect(get(reuse, ppUid)).toMatchObject({
      status: 'fail',
      reason:
        'The account password policy does not prevent password reuse (PasswordReusePrevention not set; needs 24)',
    });
    expect(get(expiry, ppUid)).toMatchObject({
      status: 'fail',
      reason:
        'The account password policy never expires passwords (ExpirePasswords = false, no MaxPasswordAge)',
    });
  });
  it('passes at the thresholds and fails just past them', () => {
    let get = run([
      pp({
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
      }),
    ]);
    expect([get(min, ppUid).status, get(reuse, ppUid).status, get(expiry, ppUid).status]).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
    fx?.close();
    get = run([
      pp({
        MinimumPasswordLength: 13,
        PasswordReusePrevention: 23,
        ExpirePasswords: true,
        MaxPasswordAge: 91,
      }),
    ]);
    expect([get(min, ppUid).status, get(reuse, ppUid).status, get(expiry, ppUid).status]).toEqual([
      'fail',
      'fail',
      'fail',
    ]);
    expect(get(expiry, ppUid).reason).toBe(
      'The account password policy expires passwords only after 91 days (needs 90 or fewer)',
    );
  });
  it('fails with no policy, errors when it was not collected or a value is malformed', () => {
    let get = run([pp(null)]);
    for (const c of [min, reuse, expiry]) expect(get(c, ppUid).status).toBe('fail');
    fx?.close();
    get = run([pp(undefined)]);
    for (const c of [min, reuse, expiry]) {
      expect(get(c, ppUid)).toMatchObject({
        status: 'error',
        reason: expect.stringContaining('not collected'),
      });
    }
    fx?.close();
    get = run([
      pp({ MinimumPasswordLength: 'fourteen', PasswordReusePrevention: '24', MaxPasswordAge: 'x' }),
    ]);
    for (const c of [min, reuse, expiry]) expect(get(c, ppUid).status).toBe('error');
  });
});

describe('iam_support_role_created', () => {
  const id = 'iam_support_role_created';
  const uid = `arn:aws:iam::${ACCOUNT}:aws-managed-policy/AWSSupportAccess`;
  const use = (lists: Record<string, unknown>) =>
    awsResource(
      'AWS::IAM::AWSManagedPolicyUse',
      uid,
      { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess', PolicyName: 'AWSSupportAccess', ...lists },
      { region: 'global', name: 'AWSSupportAccess' },
    );
  it('passes and says who holds it; fails when nobody does; errors when not collected', () => {
    expect(
      run([
        use({ PolicyRoles: [{ RoleName: 'support' }], PolicyGroups: [], PolicyUsers: [{ UserName: 'sam' }] }),
      ])(id, uid).reason,
    ).toBe('AWSSupportAccess is held by role(s) support; user(s) sam');
    fx?.close();
    expect(run([use({ PolicyRoles: [], PolicyGroups: [], PolicyUsers: [] })])(id, uid)).toMatchObject({
      status: 'fail',
      reason: 'No role, group or user holds AWSSupportAccess',
    });
    fx?.close();
    expect(run([use({})])(id, uid).reason).toBe(
      'Who holds AWSSupportAccess was not collected (ListEntitiesForPolicy failed)',
    );
  });
});

describe('accessanalyzer_enabled (one resource per region)', () => {
  const id = 'accessanalyzer_enabled';
  const region = (r: string, analyzers?: unknown[]) =>
    awsResource(
      'AWS::AccessAnalyzer::RegionAnalyzers',
      `arn:aws:access-analyzer:${r}:${ACCOUNT}:analyzers`,
      { Region: r, ...(analyzers ? { Analyzers: analyzers } : {}) },
      { region: r, name: `Access Analyzer in ${r}` },
    );
  it('judges each region on its own: active external-access analyzer, none, only unused-access, denied', () => {
    const uid = (r: string) => `arn:aws:access-analyzer:${r}:${ACCOUNT}:analyzers`;
    fx = makeSnapshot({
      resources: [
        region('us-east-1', [{ name: 'org', type: 'ORGANIZATION', status: 'ACTIVE' }]),
        region('eu-west-1', []),
        region('us-west-2', [
          { name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' },
          { name: 'acct', type: 'ACCOUNT', status: 'CREATING' },
        ]),
        region('ap-south-1'),
      ],
      checks: checksOf('accessanalyzer'),
    });
    const by = Object.fromEntries(fx.findings(id).map((f) => [f.resourceUid, f]));
    expect(by[uid('us-east-1')]).toMatchObject({
      status: 'pass',
      reason: 'An external-access analyzer is active in us-east-1: org',
    });
    expect(by[uid('eu-west-1')]).toMatchObject({
      status: 'fail',
      reason: 'No Access Analyzer analyzer exists in eu-west-1',
    });
    expect(by[uid('us-west-2')]).toMatchObject({
      status: 'fail',
      reason:
        'No external-access analyzer is active in us-west-2 (seen: unused (ACCOUNT_UNUSED_ACCESS, ACTIVE), acct (ACCOUNT, CREATING))',
    });
    expect(by[uid('ap-south-1')]).toMatchObject({
      status: 'error',
      reason: 'The Access Analyzer analyzers of ap-south-1 were not collected (ListAnalyzers failed)',
    });
  });
});

describe('iam_user_credentials_unused_45_days', () => {
  const id = 'iam_user_credentials_unused_45_days';
  const row = (fields: Record<string, string>) => ({
    password_enabled: 'true',
    password_last_used: report(3),
    password_last_changed: report(100),
    user_creation_time: report(500),
    ...fields,
  });
  const k = (fields: Record<string, unknown>) => ({
    AccessKeyId: 'AKIAK',
    Status: 'Active',
    CreateDate: DAYS_AGO(300),
    ...fields,
  });
  it('fails a stale password (never-used counts from the last change) and stale keys, naming each', () => {
    const get = run([
      user('stale-pw', { CredentialReport: row({ password_last_used: report(46) }), AccessKeys: [] }),
      user('never-pw', { CredentialReport: row({ password_last_used: 'N/A' }), AccessKeys: [] }),
      user('stale-key', {
        CredentialReport: row({ password_enabled: 'false', password_last_used: 'N/A' }),
        AccessKeys: [k({ LastUsedDate: DAYS_AGO(60) })],
      }),
      user('new-key', {
        CredentialReport: row({ password_enabled: 'false' }),
        AccessKeys: [k({ CreateDate: DAYS_AGO(10), LastUsedDate: null })],
      }),
    ]);
    expect(get(id, userUid('stale-pw')).reason).toBe(
      'IAM user stale-pw has credentials unused for more than 45 days: console password last used 46 days ago',
    );
    expect(get(id, userUid('never-pw')).reason).toBe(
      'IAM user never-pw has credentials unused for more than 45 days: console password never used (N/A), set 100 days ago',
    );
    expect(get(id, userUid('stale-key')).reason).toBe(
      'IAM user stale-key has credentials unused for more than 45 days: access key AKIAK last used 60 days ago',
    );
    expect(get(id, userUid('new-key')).status).toBe('pass');
  });
  it("is n/a without a password or active key, and an error when the report or a key's last use is missing", () => {
    const get = run([
      user('nothing', {
        CredentialReport: row({ password_enabled: 'false' }),
        AccessKeys: [k({ Status: 'Inactive', LastUsedDate: null })],
      }),
      user('no-report', { AccessKeys: [] }),
      user('no-row', { CredentialReport: null, AccessKeys: [] }),
      user('key-unknown', { CredentialReport: row({}), AccessKeys: [k({})] }),
    ]);
    expect(get(id, userUid('nothing')).status).toBe('n/a');
    expect(get(id, userUid('no-report')).reason).toBe(
      'Console password use of IAM user no-report is unknown: the credential report was not collected',
    );
    expect(get(id, userUid('no-row')).reason).toContain('has no row in the credential report');
    expect(get(id, userUid('key-unknown')).reason).toBe(
      'Last use of 1 active access key(s) of IAM user key-unknown was not collected (GetAccessKeyLastUsed failed)',
    );
  });
});
