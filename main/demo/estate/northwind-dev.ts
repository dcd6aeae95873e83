// "Northwind Health Dev": the demo organisation's member account 444455556666, reached from the management
// account (northwind-health.ts) by assuming OrganizationAccountAccessRole. Smaller than the management account
// and mostly well configured, with one deliberate lapse per area so its findings are not all green: a console
// user without MFA, one SSH rule open to the internet, one unencrypted scratch volume. All ids are fictional.
import { sectionsFor } from './sections/index';
import type { Estate } from './types';

const ACCOUNT = '444455556666';
const KMS = `arn:aws:kms:us-east-1:${ACCOUNT}:key/4d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09`;
const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const VPC = 'vpc-0d44e55f66a77b881';

export const northwindDev: Estate = {
  ...sectionsFor(ACCOUNT),
  accountId: ACCOUNT,
  organisation: 'Northwind Health Dev (demo)',
  // Never used directly: the demo reaches this account only through AssumeRole's temporary credentials.
  accessKeyId: 'AKIAEXAMPLENWHDEV001',
  caller: {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OrganizationAccountAccessRole/evidence-desk`,
    userId: 'AROAEXAMPLENWHDEV0001:evidence-desk',
  },
  s3Owner: { id: '3c1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19', displayName: 'nwh-dev-root' },
  // Only the approved regions are enabled here (the management account also has us-west-2).
  regions: ['eu-west-1', 'us-east-1'],
  // Root: MFA on, no access keys (pass).
  root: { createdDaysAgo: 1100, passwordLastUsedDaysAgo: 300, mfa: true, accessKeys: [] },
  passwordPolicy: {
    MinimumPasswordLength: 14,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    ExpirePasswords: true,
    MaxPasswordAge: 90,
    PasswordReusePrevention: 24,
  },
  users: [
    { name: 'dev.lead', id: 'AIDAEXAMPLEDEVLEAD001', createdDaysAgo: 700, console: true, passwordLastUsedDaysAgo: 1, mfa: true, accessKeys: [], attachedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'], tags: { Team: 'platform' } },
    // FAIL: console without MFA.
    { name: 'contractor.kim', id: 'AIDAEXAMPLEDEVKIM0002', createdDaysAgo: 90, console: true, passwordLastUsedDaysAgo: 4, mfa: false, accessKeys: [], attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    { name: 'svc-dev-ci', id: 'AIDAEXAMPLEDEVCI00003', path: '/service/', createdDaysAgo: 300, console: false, mfa: false, accessKeys: [{ id: 'AKIAEXAMPLEDEVCI0003', status: 'Active', createdDaysAgo: 25, lastUsedDaysAgo: 0, lastUsedService: 'ecr', lastUsedRegion: 'us-east-1' }], attachedPolicyArns: [] },
  ],
  policies: [],
  buckets: [
    { name: 'nwh-dev-artifacts-444455556666', region: 'us-east-1', createdDaysAgo: 600, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS, bucketKey: true }, versioning: { status: 'Enabled' }, logging: { targetBucket: 'nwh-dev-logs-444455556666', targetPrefix: 'artifacts/' } },
    { name: 'nwh-dev-logs-444455556666', region: 'us-east-1', createdDaysAgo: 600, publicAccessBlock: ALL_BLOCKED, policyIsPublic: null, aclGrants: [{ group: 'LogDelivery', permission: 'WRITE' }], encryption: { algorithm: 'AES256' }, versioning: { status: 'Enabled' }, logging: null },
  ],
  securityGroups: [
    { region: 'us-east-1', id: 'sg-0d1e2f3a4b5c60001', name: 'default', description: 'default VPC security group', vpcId: VPC, ingress: [{ protocol: '-1', groups: ['sg-0d1e2f3a4b5c60001'] }] },
    { region: 'us-east-1', id: 'sg-0d1e2f3a4b5c60002', name: 'dev-web', description: 'Dev load balancer', vpcId: VPC, ingress: [{ protocol: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }] },
    // FAIL: SSH open to the internet on a test box.
    { region: 'us-east-1', id: 'sg-0d1e2f3a4b5c60003', name: 'dev-ssh-test', description: 'Temporary SSH for load tests', vpcId: VPC, ingress: [{ protocol: 'tcp', from: 22, to: 22, cidrs: ['0.0.0.0/0'] }] },
  ],
  volumes: [
    { region: 'us-east-1', id: 'vol-0d00000000000001', sizeGiB: 50, type: 'gp3', encrypted: true, kmsKeyId: KMS, instanceId: 'i-0d1e2f3a4b5c60001', az: 'us-east-1a', createdDaysAgo: 100, tags: { Name: 'dev-api-root' } },
    // FAIL: unencrypted scratch volume in eu-west-1 (where encryption by default is also off).
    { region: 'eu-west-1', id: 'vol-0d00000000000002', sizeGiB: 20, type: 'gp3', encrypted: false, az: 'eu-west-1a', createdDaysAgo: 30, tags: { Name: 'dev-scratch' } },
  ],
  ebsEncryptionByDefault: { 'us-east-1': true, 'eu-west-1': false },
  trails: [
    // An organisation trail from the management account shows here too; this is the account's own trail.
    // Delivers to nwd-cloudtrail, where every CIS metric filter and alarm is in place (data/logging.ts), and
    // records S3 object reads and writes: the CIS and data-event checks the management account fails pass here.
    { name: 'nwh-dev-trail', homeRegion: 'us-east-1', multiRegion: true, logFileValidation: true, s3Bucket: 'nwh-dev-logs-444455556666', kmsKeyId: KMS, isLogging: true, managementEvents: 'All', s3DataEvents: { readWrite: 'All' }, cloudWatchLogGroup: 'nwd-cloudtrail' },
  ],
  // The audit role's GuardDuty permission was never granted in eu-west-1 (an SCP denies it there): a deliberate
  // gap, so the controls resting on GuardDuty show Incomplete here rather than Effective on missing data.
  denied: [{ service: 'guardduty', operation: 'ListDetectors', resource: 'eu-west-1' }],
};
