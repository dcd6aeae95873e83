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
  it('passes with MFA active', () => {
    expect(run([root({ mfa_active: 'true' })])(id, rootUid)).toMatchObject({
      status: 'pass',
      reason: 'The root user has an MFA device active',
    });
  });
  it('fails without MFA', () => {
    const f = run([root({ mfa_active: 'false' })])(id, rootUid);
    expect(f.status).toBe('fail');
    expect(f.reason).toBe('The root user has no MFA device active (credential report mfa_active = false)');
    expect(f.evidence).toMatchObject({ mfa_active: 'false' });
  });
  it('is an error when the credential report was not collected', () => {
    expect(run([root()])(id, rootUid)).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('not collected'),
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
