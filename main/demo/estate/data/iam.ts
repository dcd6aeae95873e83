// The demo organisation's iam facts, per account id (see main/demo/estate/sections/iam.ts for the shape).
// Comments say which role or region passes or fails which check, so a reader can predict the findings.
// All account ids outside the organisation (999988887777, 777766665555) and the org id are fictional.
import type { EstateRole, IamExtras } from '../sections/iam';

const MGMT = '111122223333';
const MEMBER = '444455556666';
const aws = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const doc = (Statement: unknown) => ({ Version: '2012-10-17', Statement });
const trustAccount = (account: string, Condition?: Record<string, unknown>) =>
  doc([
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: 'sts:AssumeRole',
      ...(Condition ? { Condition } : {}),
    },
  ]);
const trustService = (service: string) =>
  doc([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }]);
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

const supportServiceRole = (id: string): EstateRole => ({
  // Service-linked: AWS owns its trust and permissions; excluded (n/a) from the trust and unused checks.
  name: 'AWSServiceRoleForSupport',
  id,
  path: '/aws-service-role/support.amazonaws.com/',
  description: 'Enables resource access for AWS to provide billing, administrative and support services',
  createdDaysAgo: 3000,
  trust: trustService('support.amazonaws.com'),
  lastUsedDaysAgo: null,
  attachedPolicyArns: [aws('aws-service-role/AWSSupportServiceRolePolicy')],
});

const managementRoles: EstateRole[] = [
  // FAIL iam_role_administratoraccess_policy (AdministratorAccess); trust: own account with MFA (pass).
  { name: 'NWH-Admin', id: 'AROAEXAMPLEROLE000001', createdDaysAgo: 1300, trust: trustAccount(MGMT, MFA), lastUsedDaysAgo: 2, lastUsedRegion: 'us-east-1', attachedPolicyArns: [aws('AdministratorAccess')] },
  // FAIL admin (customer policy NWH-AdminBreakGlass allows * on *); FAIL unused (last used 130 days ago).
  { name: 'NWH-BreakGlass', id: 'AROAEXAMPLEROLE000002', createdDaysAgo: 1300, trust: trustAccount(MGMT, MFA), lastUsedDaysAgo: 130, lastUsedRegion: 'us-east-1', attachedPolicyArns: [`arn:aws:iam::${MGMT}:policy/NWH-AdminBreakGlass`] },
  // PASS iam_support_role_created (AWSSupportAccess on a role).
  { name: 'NWH-SupportTeam', id: 'AROAEXAMPLEROLE000003', createdDaysAgo: 700, trust: trustAccount(MGMT), lastUsedDaysAgo: 30, lastUsedRegion: 'us-east-1', attachedPolicyArns: [aws('AWSSupportAccess')] },
  // FAIL cross-account trust without ExternalId (a monitoring vendor's account).
  { name: 'vendor-monitoring-acme', id: 'AROAEXAMPLEROLE000004', description: 'Acme Monitoring SaaS read access', createdDaysAgo: 500, trust: trustAccount('999988887777'), lastUsedDaysAgo: 0, lastUsedRegion: 'us-east-1', attachedPolicyArns: [aws('ReadOnlyAccess')] },
  // PASS cross-account trust WITH ExternalId; its inline policy is scoped (pass inline admin).
  {
    name: 'partner-datasync',
    id: 'AROAEXAMPLEROLE000005',
    createdDaysAgo: 400,
    trust: trustAccount('777766665555', { StringEquals: { 'sts:ExternalId': 'nwh-datasync-7f3a9c' } }),
    lastUsedDaysAgo: 5,
    lastUsedRegion: 'eu-west-1',
    attachedPolicyArns: [],
    inlinePolicies: [{ name: 'datasync-claims-archive', document: doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::nwh-claims-archive-eu', 'arn:aws:s3:::nwh-claims-archive-eu/*'] }]) }],
  },
  // PASS public trust: Principal "*" restricted by aws:PrincipalOrgID.
  { name: 'org-audit-readonly', id: 'AROAEXAMPLEROLE000006', createdDaysAgo: 300, trust: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }]), lastUsedDaysAgo: 3, lastUsedRegion: 'us-east-1', attachedPolicyArns: [aws('SecurityAudit')] },
  // FAIL public trust (Principal "*", no condition); FAIL inline admin and admin role (inline * on *);
  // FAIL unused (last used 300 days ago).
  {
    name: 'nwh-legacy-batch-runner',
    id: 'AROAEXAMPLEROLE000007',
    createdDaysAgo: 1500,
    trust: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]),
    lastUsedDaysAgo: 300,
    lastUsedRegion: 'us-west-2',
    attachedPolicyArns: [],
    inlinePolicies: [
      { name: 'batch-logs', document: doc([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }]) },
      { name: 'batch-everything', document: doc({ Sid: 'QuickFix', Effect: 'Allow', Action: '*', Resource: '*' }) },
    ],
  },
  // FAIL unused: created 800 days ago, never used.
  { name: 'nwh-old-migration', id: 'AROAEXAMPLEROLE000008', createdDaysAgo: 800, trust: trustService('ec2.amazonaws.com'), lastUsedDaysAgo: null, attachedPolicyArns: [aws('AmazonS3ReadOnlyAccess')] },
  // PASS unused: never used but created 40 days ago (too new to call unused).
  { name: 'nwh-lambda-exporter', id: 'AROAEXAMPLEROLE000009', createdDaysAgo: 40, trust: trustService('lambda.amazonaws.com'), lastUsedDaysAgo: null, attachedPolicyArns: [aws('service-role/AWSLambdaBasicExecutionRole')] },
  supportServiceRole('AROAEXAMPLEROLE000010'),
];

const memberRoles: EstateRole[] = [
  // The role AWS Organizations creates in a member account: AdministratorAccess, trusted by the management
  // account without ExternalId (FAIL admin and FAIL cross-account: intra-organisation, but still reported).
  { name: 'OrganizationAccountAccessRole', id: 'AROAEXAMPLEDEVROLE0001', createdDaysAgo: 600, trust: trustAccount(MGMT), lastUsedDaysAgo: 7, lastUsedRegion: 'us-east-1', attachedPolicyArns: [aws('AdministratorAccess')] },
  { name: 'dev-deployer', id: 'AROAEXAMPLEDEVROLE0002', createdDaysAgo: 300, trust: trustService('codebuild.amazonaws.com'), lastUsedDaysAgo: 1, lastUsedRegion: 'eu-west-1', attachedPolicyArns: [], inlinePolicies: [{ name: 'deploy-ecs', document: doc([{ Effect: 'Allow', Action: ['ecs:UpdateService', 'ecr:GetAuthorizationToken'], Resource: '*' }]) }] },
  supportServiceRole('AROAEXAMPLEDEVROLE0003'),
  // No role, group or user holds AWSSupportAccess here: iam_support_role_created FAILS in the member account.
];

export const IAM_ESTATE: Record<string, IamExtras> = {
  [MGMT]: {
    roles: managementRoles,
    analyzers: [
      // us-east-1 PASS (two analyzers: ListAnalyzers pages through them); eu-west-1 PASS;
      // us-west-2 FAIL: its only external-access analyzer FAILED, and unused-access analyzers do not count.
      { region: 'us-east-1', name: 'nwh-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdDaysAgo: 100 },
      { region: 'us-east-1', name: 'nwh-account-analyzer', type: 'ACCOUNT', status: 'ACTIVE', createdDaysAgo: 600 },
      { region: 'eu-west-1', name: 'nwh-org-analyzer-eu', type: 'ORGANIZATION', status: 'ACTIVE', createdDaysAgo: 400 },
      { region: 'us-west-2', name: 'nwh-account-analyzer-usw2', type: 'ACCOUNT', status: 'FAILED', createdDaysAgo: 200 },
      { region: 'us-west-2', name: 'nwh-unused-access-usw2', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdDaysAgo: 90 },
    ],
  },
  [MEMBER]: {
    roles: memberRoles,
    analyzers: ['us-east-1', 'eu-west-1', 'us-west-2'].map((region) => ({
      region,
      name: `dev-account-analyzer-${region}`,
      type: 'ACCOUNT' as const,
      status: 'ACTIVE' as const,
      createdDaysAgo: 250,
    })),
  },
};
