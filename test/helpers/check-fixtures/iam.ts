// Pass, fail and data-missing fixtures for the iam group's checks (merged into CHECK_FIXTURES), including the
// core IAM checks that used to live in check-fixtures.ts. Each case changes or removes only the key its check
// decides on, so the three cases differ by exactly the fact under test.
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { awsResource, FIXTURE_ACCOUNT as ACCOUNT, FIXTURE_STARTED_AT, gap } from '../snapshot-fixture';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.parse(FIXTURE_STARTED_AT) - n * DAY).toISOString();
/** The credential report's own date format (2025-06-29T00:00:00+00:00). */
const reportDaysAgo = (n: number) => daysAgo(n).replace(/\.\d{3}Z$/, '+00:00');

function without(config: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...config };
  for (const k of keys) delete copy[k];
  return copy;
}

// Root user
const ROOT_UID = `arn:aws:iam::${ACCOUNT}:root`;
const rootWith = (config: Record<string, unknown>): CheckCase => ({
  resources: [awsResource('AWS::IAM::RootUser', ROOT_UID, config, { region: 'global' })],
  uid: ROOT_UID,
});
const root = (report?: Record<string, string>): CheckCase =>
  rootWith(report ? { CredentialReport: report } : {});
const cleanRoot = {
  mfa_active: 'true',
  access_key_1_active: 'false',
  access_key_2_active: 'false',
  password_last_used: reportDaysAgo(200),
  access_key_1_last_used_date: 'N/A',
  access_key_2_last_used_date: 'N/A',
};

// Users
const USER_UID = `arn:aws:iam::${ACCOUNT}:user/alice`;
const user = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::IAM::User',
      USER_UID,
      { UserName: 'alice', ...config },
      { region: 'global', name: 'alice' },
    ),
  ],
  uid: USER_UID,
});
const activeKey = (fields: Record<string, unknown> = {}) => ({
  AccessKeyId: 'AKIATEST',
  Status: 'Active',
  CreateDate: daysAgo(10),
  LastUsedDate: daysAgo(1),
  ...fields,
});
const key = (fields: Record<string, unknown>) => ({ AccessKeys: [activeKey(fields)] });
const keyWithoutStatus = {
  AccessKeys: [{ AccessKeyId: 'AKIATEST', CreateDate: daysAgo(10), LastUsedDate: daysAgo(1) }],
};
const consoleUser = {
  CredentialReport: {
    password_enabled: 'true',
    password_last_used: reportDaysAgo(3),
    password_last_changed: reportDaysAgo(100),
    user_creation_time: reportDaysAgo(400),
  },
  AccessKeys: [activeKey()],
};

// Password policy
const PASSWORD_UID = `arn:aws:iam::${ACCOUNT}:account-password-policy`;
const passwordPolicy = (config: Record<string, unknown>): CheckCase => ({
  resources: [awsResource('AWS::IAM::PasswordPolicy', PASSWORD_UID, config, { region: 'global' })],
  uid: PASSWORD_UID,
});
const strongPolicy = {
  MinimumPasswordLength: 14,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: true,
  PasswordReusePrevention: 24,
  ExpirePasswords: true,
  MaxPasswordAge: 90,
};
const passwordCases = (failing: Record<string, unknown>): CheckFixtures => ({
  pass: passwordPolicy({ PasswordPolicy: strongPolicy }),
  fail: passwordPolicy({ PasswordPolicy: { ...strongPolicy, ...failing } }),
  error: passwordPolicy({}),
});

// Customer-managed policy
const MANAGED_UID = `arn:aws:iam::${ACCOUNT}:policy/app`;
const managed = (document?: unknown): CheckCase => ({
  resources: [
    awsResource(
      'AWS::IAM::ManagedPolicy',
      MANAGED_UID,
      { PolicyName: 'app', AttachmentCount: 1, ...(document === undefined ? {} : { Document: document }) },
      { region: 'global', name: 'app' },
    ),
  ],
  uid: MANAGED_UID,
});

// Inline policies
const INLINE_UID = `arn:aws:iam::${ACCOUNT}:role/app/inline-policy/app-inline`;
const inline = (document?: unknown): CheckCase => ({
  resources: [
    awsResource(
      'AWS::IAM::InlinePolicy',
      INLINE_UID,
      {
        PolicyName: 'app-inline',
        PrincipalType: 'Role',
        PrincipalName: 'app',
        PrincipalArn: `arn:aws:iam::${ACCOUNT}:role/app`,
        ...(document === undefined ? {} : { Document: document }),
      },
      { region: 'global', name: 'app-inline (role app)' },
    ),
  ],
  uid: INLINE_UID,
});

// Roles
const ROLE_UID = `arn:aws:iam::${ACCOUNT}:role/app`;
const judgement = (fields: Record<string, unknown> = {}) => ({
  Public: false,
  PublicStatements: [],
  RestrictedStatements: [],
  CrossAccounts: [],
  CrossAccountsWithoutExternalId: [],
  ...fields,
});
const goodRole: Record<string, unknown> = {
  RoleName: 'app',
  Arn: ROLE_UID,
  Path: '/',
  CreateDate: daysAgo(400),
  ServiceLinked: false,
  AssumeRolePolicyDocument: {
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  },
  TrustJudgement: judgement(),
  RoleLastUsed: { LastUsedDate: daysAgo(3), Region: 'us-east-1' },
  AttachedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  InlinePolicyNames: [],
};
const role = (config: Record<string, unknown>): CheckCase => ({
  resources: [awsResource('AWS::IAM::Role', ROLE_UID, config, { region: 'global', name: 'app' })],
  uid: ROLE_UID,
});

// Support policy use
const SUPPORT_UID = `arn:aws:iam::${ACCOUNT}:aws-managed-policy/AWSSupportAccess`;
const support = (lists: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource(
      'AWS::IAM::AWSManagedPolicyUse',
      SUPPORT_UID,
      { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess', PolicyName: 'AWSSupportAccess', ...lists },
      { region: 'global', name: 'AWSSupportAccess' },
    ),
  ],
  uid: SUPPORT_UID,
});
const noEntities = { PolicyGroups: [], PolicyUsers: [], PolicyRoles: [] };

// Access Analyzer
const ANALYZERS_UID = `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzers`;
const analyzers = (config: Record<string, unknown>, gaps = [] as ReturnType<typeof gap>[]): CheckCase => ({
  resources: [
    awsResource(
      'AWS::AccessAnalyzer::RegionAnalyzers',
      ANALYZERS_UID,
      { Region: 'us-east-1', ...config },
      { name: 'Access Analyzer in us-east-1' },
    ),
  ],
  gaps,
  uid: ANALYZERS_UID,
});
const analyzer = (type: string, status: string) => ({ name: `a-${type}`, type, status });

export const IAM_FIXTURES: Record<string, CheckFixtures> = {
  iam_root_mfa_enabled: {
    pass: root(cleanRoot),
    fail: root({ ...cleanRoot, mfa_active: 'false' }),
    error: root(),
  },
  iam_no_root_access_key: {
    pass: root(cleanRoot),
    fail: root({ ...cleanRoot, access_key_1_active: 'true' }),
    // The report row exists but does not say whether key 2 is active.
    error: root({ mfa_active: 'true', access_key_1_active: 'false' }),
  },
  iam_avoid_root_usage: {
    pass: root(cleanRoot),
    fail: root({ ...cleanRoot, access_key_1_last_used_date: reportDaysAgo(5) }),
    // The row exists but says nothing about key 2's use: the root user may have been used with it.
    error: root(without(cleanRoot, 'access_key_2_last_used_date') as Record<string, string>),
  },
  iam_user_mfa_enabled_console_access: {
    pass: user({ CredentialReport: { password_enabled: 'true', mfa_active: 'true' }, MFADevices: [{}] }),
    fail: user({ CredentialReport: { password_enabled: 'true', mfa_active: 'false' }, MFADevices: [] }),
    // Without password_enabled the user could be a console user: not 'n/a'.
    error: user({ CredentialReport: { mfa_active: 'false' }, MFADevices: [] }),
  },
  iam_user_accesskey_unused: {
    pass: user(key({})),
    fail: user(key({ CreateDate: daysAgo(400), LastUsedDate: daysAgo(120) })),
    error: user(keyWithoutStatus),
  },
  iam_rotate_access_key_90_days: {
    pass: user(key({})),
    fail: user(key({ CreateDate: daysAgo(200) })),
    error: user(keyWithoutStatus),
  },
  iam_user_two_active_access_key: {
    pass: user({ AccessKeys: [activeKey(), activeKey({ AccessKeyId: 'AKIAOLD', Status: 'Inactive' })] }),
    fail: user({ AccessKeys: [activeKey(), activeKey({ AccessKeyId: 'AKIAOLD' })] }),
    error: user({}),
  },
  iam_user_credentials_unused_45_days: {
    pass: user(consoleUser),
    fail: user({ ...consoleUser, AccessKeys: [activeKey({ LastUsedDate: daysAgo(60) })] }),
    // The credential report was not collected: whether the console password is used is unknown.
    error: user(without(consoleUser, 'CredentialReport')),
  },
  iam_policy_attached_only_to_group_or_roles: {
    pass: user({ AttachedPolicies: [], InlinePolicyNames: [] }),
    fail: user({ AttachedPolicies: [], InlinePolicyNames: ['alice-extra'] }),
    error: user({ AttachedPolicies: [] }),
  },
  iam_password_policy_strong: {
    pass: passwordPolicy({ PasswordPolicy: strongPolicy }),
    fail: passwordPolicy({ PasswordPolicy: null }),
    error: passwordPolicy({}),
  },
  iam_password_policy_minimum_length_14: passwordCases({ MinimumPasswordLength: 12 }),
  iam_password_policy_reuse_24: passwordCases({ PasswordReusePrevention: 5 }),
  iam_password_policy_expires_passwords_within_90_days_or_less: passwordCases({ MaxPasswordAge: 180 }),
  iam_customer_policy_no_administrative_privileges: {
    pass: managed({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
    fail: managed({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    // A document without a readable Statement proves nothing about what it allows.
    error: managed({ Version: '2012-10-17' }),
  },
  iam_inline_policy_no_administrative_privileges: {
    pass: inline({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
    fail: inline({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
    // GetRolePolicy failed: the document is absent.
    error: inline(),
  },
  iam_role_administratoraccess_policy: {
    pass: role(goodRole),
    fail: role({
      ...goodRole,
      AttachedPolicies: [
        { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
    }),
    error: role(without(goodRole, 'AttachedPolicies')),
  },
  iam_role_trust_policy_not_public: {
    pass: role(goodRole),
    fail: role({
      ...goodRole,
      TrustJudgement: judgement({
        Public: true,
        PublicStatements: [{ sid: '#1', reason: 'Allow to Principal "*" without a restricting condition' }],
      }),
    }),
    error: role(without(goodRole, 'TrustJudgement')),
  },
  iam_role_cross_account_trust_external_id: {
    pass: role({ ...goodRole, TrustJudgement: judgement({ CrossAccounts: ['777766665555'] }) }),
    fail: role({
      ...goodRole,
      TrustJudgement: judgement({
        CrossAccounts: ['999988887777'],
        CrossAccountsWithoutExternalId: ['999988887777'],
      }),
    }),
    error: role({ ...goodRole, TrustJudgement: judgement({ ParseError: 'the policy is not valid JSON' }) }),
  },
  iam_role_unused: {
    pass: role(goodRole),
    fail: role({ ...goodRole, RoleLastUsed: {} }),
    error: role(without(goodRole, 'RoleLastUsed')),
  },
  iam_support_role_created: {
    pass: support({ ...noEntities, PolicyRoles: [{ RoleName: 'aws-support', RoleId: 'AROASUPPORT' }] }),
    fail: support(noEntities),
    error: support({}),
  },
  accessanalyzer_enabled: {
    pass: analyzers({ Analyzers: [analyzer('ACCOUNT', 'ACTIVE')] }),
    // An unused-access analyzer does not watch external access.
    fail: analyzers({
      Analyzers: [analyzer('ACCOUNT_UNUSED_ACCESS', 'ACTIVE'), analyzer('ACCOUNT', 'FAILED')],
    }),
    error: analyzers({}, [gap('access-analyzer', 'ListAnalyzers')]),
  },
};
