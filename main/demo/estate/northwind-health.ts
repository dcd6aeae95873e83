// "Northwind Health": a fictional healthcare SaaS AWS account for the demo and the collector tests. Every
// check in the catalog has resources that pass and resources that fail here; comments say which is which
// so a reader can predict the demo's findings. All ids/ARNs are fictional (111122223333, AKIA...EXAMPLE).
import { sectionsFor } from './sections/index';
import type { Estate, EstateBucket, EstateSecurityGroup, EstateVolume } from './types';

const ACCOUNT = '111122223333';
const KMS_US = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d`;
const KMS_EU = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/6f5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c`;
const KMS_USW2 = `arn:aws:kms:us-west-2:${ACCOUNT}:key/0f9e8d7c-6b5a-4a3b-9c1d-2e3f4a5b6c7d`;
const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const LOGS = (prefix: string) => ({ targetBucket: 'nwh-access-logs-111122223333', targetPrefix: `${prefix}/` });
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;

// Bucket policies beyond what policyIsPublic implies (see EstateBucket.policy): the replay derives the rest.
const TLS_DENY = (bucket: string) => ({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
const RETAIN = { 'evidence-desk:retention': 'required' };
const ACLS_OFF = 'BucketOwnerEnforced' as const;

const buckets: EstateBucket[] = [
  // Well configured: blocked, KMS, versioned, logged, TLS-only policy, ACLs off, old versions expire.
  // FAIL: MFA delete disabled.
  { name: 'nwh-patient-records-prod', region: 'us-east-1', createdDaysAgo: 1400, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS_US, bucketKey: true }, versioning: { status: 'Enabled', mfaDelete: 'Disabled' }, logging: LOGS('patient-records'), tags: { 'data-class': 'phi', Environment: 'prod' }, objectOwnership: ACLS_OFF, lifecycle: [{ id: 'expire-old-versions', status: 'Enabled', noncurrentDays: 90 }] },
  // The access-log target itself: not logged (fail: access logging), SSE-S3 only (fail: KMS), ACLs still on for
  // log delivery (fail: ACLs), lifecycle rule for its logs (pass: log bucket lifecycle), TLS-only (pass).
  { name: 'nwh-access-logs-111122223333', region: 'us-east-1', createdDaysAgo: 1400, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, policy: { Version: '2012-10-17', Statement: [{ Sid: 'S3ServerAccessLogsPolicy', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::nwh-access-logs-111122223333/*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }, TLS_DENY('nwh-access-logs-111122223333')] }, aclGrants: [{ group: 'LogDelivery', permission: 'WRITE' }, { group: 'LogDelivery', permission: 'READ_ACP' }], encryption: { algorithm: 'AES256' }, versioning: { status: 'Enabled' }, logging: null, objectOwnership: 'BucketOwnerPreferred', lifecycle: [{ id: 'log-retention', status: 'Enabled', transitionDays: 90, transitionStorageClass: 'GLACIER', expirationDays: 400 }] },
  // Public static website: no PAB, public-read policy (fail: public; S3 and our judgement agree), no TLS deny
  // (fail), versioning suspended (fail).
  { name: 'nwh-public-website', region: 'us-east-1', createdDaysAgo: 900, publicAccessBlock: null, policyIsPublic: true, encryption: { algorithm: 'AES256' }, versioning: { status: 'Suspended' }, logging: LOGS('public-website'), tags: { purpose: 'website' }, objectOwnership: ACLS_OFF },
  // Public-read ACL, partial PAB, no default encryption, never versioned, not logged, ACLs on: fails nearly everything.
  // nwh-dev-trail delivers here, so it is also a log bucket without a lifecycle rule (fail: log bucket lifecycle).
  { name: 'nwh-marketing-assets', region: 'us-west-2', createdDaysAgo: 2100, publicAccessBlock: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true }, policyIsPublic: null, aclGrants: [{ group: 'AllUsers', permission: 'READ' }], encryption: null, versioning: null, logging: null, objectOwnership: 'ObjectWriter' },
  // Legacy 'EU' location constraint (= eu-west-1). Claims records: tagged as needing retention, Object Lock in
  // governance mode (pass: object lock).
  { name: 'nwh-claims-archive-eu', region: 'eu-west-1', locationConstraint: 'EU', createdDaysAgo: 2600, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS_EU }, versioning: { status: 'Enabled' }, logging: LOGS('claims-archive-eu'), tags: RETAIN, objectLock: { defaultRetention: { mode: 'GOVERNANCE', days: 2555 } }, objectOwnership: ACLS_OFF },
  // Legacy export bucket: AuthenticatedUsers READ, no encryption, no ownership controls; GetBucketLogging is
  // DENIED (the demo's gap), so whether the other us-east-1 buckets receive its logs is unconfirmed.
  { name: 'nwh-legacy-exports', region: 'us-east-1', createdDaysAgo: 3000, publicAccessBlock: null, policyIsPublic: null, aclGrants: [{ group: 'AuthenticatedUsers', permission: 'READ' }], encryption: null, versioning: null, logging: null },
  { name: 'nwh-data-lake-raw', region: 'us-west-2', createdDaysAgo: 700, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS_USW2, bucketKey: true }, versioning: { status: 'Enabled' }, logging: LOGS('data-lake-raw'), objectOwnership: ACLS_OFF },
  // Scratch space: encrypted (SSE-S3) and private but not versioned or logged.
  { name: 'nwh-analytics-scratch', region: 'us-west-2', createdDaysAgo: 300, publicAccessBlock: ALL_BLOCKED, policyIsPublic: null, encryption: { algorithm: 'AES256' }, versioning: null, logging: null, objectOwnership: ACLS_OFF },
  // CloudTrail's bucket: tagged for retention with Object Lock in compliance mode (pass), lifecycle (pass),
  // trail delivery policy plus TLS deny (pass).
  { name: 'nwh-cloudtrail-logs-111122223333', region: 'us-east-1', createdDaysAgo: 1400, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, policy: { Version: '2012-10-17', Statement: [{ Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::nwh-cloudtrail-logs-111122223333', Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111122223333:trail/nwh-org-audit' } } }, { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::nwh-cloudtrail-logs-111122223333/AWSLogs/111122223333/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111122223333:trail/nwh-org-audit' } } }, TLS_DENY('nwh-cloudtrail-logs-111122223333')] }, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS_US }, versioning: { status: 'Enabled' }, logging: LOGS('cloudtrail-logs'), tags: RETAIN, objectLock: { defaultRetention: { mode: 'COMPLIANCE', days: 365 } }, objectOwnership: ACLS_OFF, lifecycle: [{ id: 'archive-trail-logs', status: 'Enabled', transitionDays: 90, transitionStorageClass: 'GLACIER', expirationDays: 2555 }] },
  // Backups: MFA delete on (pass), but tagged for retention without Object Lock (fail: object lock).
  { name: 'nwh-backups-eu', region: 'eu-west-1', createdDaysAgo: 1100, publicAccessBlock: ALL_BLOCKED, policyIsPublic: null, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS_EU }, versioning: { status: 'Enabled', mfaDelete: 'Enabled' }, logging: LOGS('backups-eu'), tags: RETAIN, objectOwnership: ACLS_OFF },
  // Dev uploads, the judgement case: no PAB and a policy letting anyone upload from outside one VPC endpoint
  // (StringNotEquals never restricts), while S3's policy status leaves IsPublic out (as some emulators do).
  // FAIL: public by our judgement, with S3's answer missing. Versioning suspended.
  { name: 'nwh-dev-uploads', region: 'eu-west-1', createdDaysAgo: 200, publicAccessBlock: null, policyIsPublic: false, policyStatusOmitsIsPublic: true, policy: { Version: '2012-10-17', Statement: [{ Sid: 'UploadsFromAnywhereButTheVpce', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::nwh-dev-uploads/*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60001' } } }] }, encryption: { algorithm: 'AES256' }, versioning: { status: 'Suspended' }, logging: null },
  { name: 'nwh-terraform-state', region: 'us-east-1', createdDaysAgo: 1200, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS_US }, versioning: { status: 'Enabled' }, logging: LOGS('terraform-state'), objectOwnership: ACLS_OFF, lifecycle: [{ id: 'expire-old-state', status: 'Enabled', noncurrentDays: 365 }] },
  // Partner drop: policy lets any AWS principal write, PAB does not block policies, no default encryption.
  { name: 'nwh-partner-sftp-drop', region: 'eu-west-1', createdDaysAgo: 500, publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false }, policyIsPublic: true, policy: { Version: '2012-10-17', Statement: [{ Sid: 'PartnerDrop', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::nwh-partner-sftp-drop', 'arn:aws:s3:::nwh-partner-sftp-drop/*'] }] }, encryption: null, versioning: { status: 'Enabled' }, logging: LOGS('partner-sftp-drop'), objectOwnership: ACLS_OFF },
  // Model cards served through CloudFront origin access control: Principal "*" restricted by aws:SourceArn to
  // one distribution (PASS: not public, by our judgement and S3's), plus the TLS deny.
  { name: 'nwh-ml-training-data', region: 'us-west-2', createdDaysAgo: 150, publicAccessBlock: ALL_BLOCKED, policyIsPublic: false, policy: { Version: '2012-10-17', Statement: [{ Sid: 'CloudFrontOACRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::nwh-ml-training-data/model-cards/*', Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E2EXAMPLE0MODEL' } } }, TLS_DENY('nwh-ml-training-data')] }, encryption: { algorithm: 'aws:kms', kmsKeyId: KMS_USW2 }, versioning: { status: 'Enabled' }, logging: LOGS('ml-training-data'), objectOwnership: ACLS_OFF },
];

const sg = (region: string, id: string, name: string, description: string, vpcId: string, ingress: EstateSecurityGroup['ingress'], tags?: Record<string, string>): EstateSecurityGroup => ({
  region,
  id,
  name,
  description,
  vpcId,
  ingress,
  tags,
});

const VPC_USE1 = 'vpc-0a11b22c33d44e551';
const VPC_USW2 = 'vpc-0b22c33d44e55f662';
const VPC_EUW1 = 'vpc-0c33d44e55f66a773';

const securityGroups: EstateSecurityGroup[] = [
  sg('us-east-1', 'sg-0e1a2b3c4d5e60001', 'default', 'default VPC security group', VPC_USE1, [{ protocol: '-1', groups: ['sg-0e1a2b3c4d5e60001'] }]),
  sg('us-east-1', 'sg-0e1a2b3c4d5e60002', 'web-alb', 'Public load balancer: HTTPS and HTTP redirect', VPC_USE1, [
    { protocol: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'], ipv6: ['::/0'], description: 'HTTPS from anywhere' },
    { protocol: 'tcp', from: 80, to: 80, cidrs: ['0.0.0.0/0'], ipv6: ['::/0'], description: 'HTTP redirect' },
  ], { Name: 'web-alb', Environment: 'prod' }),
  // FAIL: SSH open to the internet.
  sg('us-east-1', 'sg-0e1a2b3c4d5e60003', 'bastion-ssh', 'Bastion host', VPC_USE1, [{ protocol: 'tcp', from: 22, to: 22, cidrs: ['0.0.0.0/0'], description: 'temporary - remove after migration' }], { Name: 'bastion', Environment: 'prod' }),
  sg('us-east-1', 'sg-0e1a2b3c4d5e60004', 'app-servers', 'Application tier', VPC_USE1, [{ protocol: 'tcp', from: 8080, to: 8080, groups: ['sg-0e1a2b3c4d5e60002'] }], { Environment: 'prod' }),
  // FAIL: RDP open to the internet.
  sg('us-east-1', 'sg-0e1a2b3c4d5e60005', 'windows-jump', 'Windows jump box', VPC_USE1, [{ protocol: 'tcp', from: 3389, to: 3389, cidrs: ['0.0.0.0/0'] }], { Name: 'jump-win', Environment: 'shared' }),
  sg('us-west-2', 'sg-0f2b3c4d5e6f70001', 'default', 'default VPC security group', VPC_USW2, [{ protocol: '-1', groups: ['sg-0f2b3c4d5e6f70001'] }]),
  // FAIL: all traffic from any IPv6 address (covers 22 and 3389).
  sg('us-west-2', 'sg-0f2b3c4d5e6f70002', 'analytics-emr', 'EMR master - opened for a vendor PoC', VPC_USW2, [{ protocol: '-1', ipv6: ['::/0'] }], { Team: 'analytics' }),
  sg('us-west-2', 'sg-0f2b3c4d5e6f70003', 'db-postgres', 'RDS PostgreSQL', VPC_USW2, [{ protocol: 'tcp', from: 5432, to: 5432, cidrs: ['10.20.0.0/16'] }]),
  // The default groups of us-east-1 and us-west-2 keep AWS's rules (self-referencing inbound, all outbound):
  // FAIL ec2_securitygroup_default_restrict_traffic. This one was emptied as CIS asks: PASS.
  { ...sg('eu-west-1', 'sg-0a3c4d5e6f7a80001', 'default', 'default VPC security group', VPC_EUW1, []), egress: [] },
  // FAIL: a port range that includes 22.
  sg('eu-west-1', 'sg-0a3c4d5e6f7a80002', 'legacy-ftp', 'Legacy FTP/SSH gateway', VPC_EUW1, [{ protocol: 'tcp', from: 20, to: 23, cidrs: ['0.0.0.0/0'] }]),
  // PASS: SSH from the corporate VPN range only.
  sg('eu-west-1', 'sg-0a3c4d5e6f7a80003', 'admin-vpn', 'Admin access from corporate VPN', VPC_EUW1, [{ protocol: 'tcp', from: 22, to: 22, cidrs: ['203.0.113.0/24'], description: 'corp VPN' }]),
  // FAIL: RDP from any IPv6 address.
  sg('eu-west-1', 'sg-0a3c4d5e6f7a80004', 'rdp-support', 'Remote support', VPC_EUW1, [{ protocol: 'tcp', from: 3389, to: 3389, ipv6: ['::/0'] }]),
  // FAIL ec2_securitygroup_allow_ingress_from_internet_to_db_ports: MySQL opened to the world for a BI vendor.
  sg('eu-west-1', 'sg-0a3c4d5e6f7a80005', 'reporting-mysql', 'Reporting replica - BI vendor access', VPC_EUW1, [{ protocol: 'tcp', from: 3306, to: 3306, cidrs: ['0.0.0.0/0'], description: 'BI vendor' }], { Team: 'data' }),
];

const vol = (region: string, n: number, encrypted: boolean, opts: Partial<EstateVolume> = {}): EstateVolume => ({
  region,
  id: `vol-0${region === 'us-east-1' ? 'a' : region === 'us-west-2' ? 'b' : 'c'}${String(n).padStart(15, '0')}`,
  sizeGiB: 100,
  type: 'gp3',
  encrypted,
  ...(encrypted ? { kmsKeyId: region === 'eu-west-1' ? KMS_EU : region === 'us-west-2' ? KMS_USW2 : KMS_US } : {}),
  az: `${region}a`,
  createdDaysAgo: 300,
  ...opts,
});

const volumes: EstateVolume[] = [
  vol('us-east-1', 1, true, { instanceId: 'i-0a1b2c3d4e5f60001', tags: { Name: 'api-1-root' } }),
  vol('us-east-1', 2, true, { instanceId: 'i-0a1b2c3d4e5f60002', tags: { Name: 'api-2-root' } }),
  vol('us-east-1', 3, false, { instanceId: 'i-0a1b2c3d4e5f60003', type: 'gp2', sizeGiB: 30, createdDaysAgo: 1500, tags: { Name: 'bastion-root' } }),
  vol('us-east-1', 4, true, { instanceId: 'i-0a1b2c3d4e5f60004', sizeGiB: 500, type: 'io2', tags: { Name: 'db-data' } }),
  vol('us-east-1', 5, false, { sizeGiB: 200, createdDaysAgo: 900, tags: { Name: 'old-migration-scratch' } }),
  vol('us-east-1', 6, true, { instanceId: 'i-0a1b2c3d4e5f60005', sizeGiB: 80, tags: { Name: 'jump-win-root' } }),
  vol('us-west-2', 1, false, { instanceId: 'i-0b1c2d3e4f5a60001', sizeGiB: 1000, type: 'st1', tags: { Name: 'emr-hdfs-1' } }),
  vol('us-west-2', 2, false, { instanceId: 'i-0b1c2d3e4f5a60002', sizeGiB: 1000, type: 'st1', tags: { Name: 'emr-hdfs-2' } }),
  vol('us-west-2', 3, true, { instanceId: 'i-0b1c2d3e4f5a60003', tags: { Name: 'analytics-worker' } }),
  vol('us-west-2', 4, false, { sizeGiB: 50, type: 'gp2', createdDaysAgo: 1200 }),
  vol('us-west-2', 5, true, { instanceId: 'i-0b1c2d3e4f5a60004', tags: { Name: 'ml-train-1' } }),
  vol('eu-west-1', 1, true, { instanceId: 'i-0c1d2e3f4a5b60001', tags: { Name: 'eu-api-1-root' } }),
  vol('eu-west-1', 2, true, { instanceId: 'i-0c1d2e3f4a5b60002', tags: { Name: 'eu-api-2-root' } }),
  vol('eu-west-1', 3, false, { instanceId: 'i-0c1d2e3f4a5b60003', type: 'gp2', createdDaysAgo: 2000, tags: { Name: 'legacy-ftp-root' } }),
  vol('eu-west-1', 4, true, { sizeGiB: 250, type: 'sc1', tags: { Name: 'backup-staging' } }),
];

export const northwindHealth: Estate = {
  ...sectionsFor(ACCOUNT),
  accountId: ACCOUNT,
  organisation: 'Northwind Health (demo)',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  caller: { arn: `arn:aws:iam::${ACCOUNT}:user/evidence-desk-auditor`, userId: 'AIDAJQABLZS4A3QDU576Q' },
  s3Owner: { id: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', displayName: 'nwh-aws-root' },
  regions: ['eu-west-1', 'us-east-1', 'us-west-2'],
  // Root has no MFA and a forgotten access key from the account's early days: the demo's critical findings.
  root: {
    createdDaysAgo: 3200,
    passwordLastUsedDaysAgo: 41,
    mfa: false,
    accessKeys: [{ id: 'AKIAEXAMPLEROOT00001', status: 'Active', createdDaysAgo: 2900, lastUsedDaysAgo: 610, lastUsedService: 's3', lastUsedRegion: 'us-east-1' }],
  },
  // Weak: 8 characters, no symbols, no expiry, no reuse prevention.
  passwordPolicy: {
    MinimumPasswordLength: 8,
    RequireSymbols: false,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    ExpirePasswords: false,
  },
  users: [
    { name: 'alice.nguyen', id: 'AIDAEXAMPLEALICE00001', createdDaysAgo: 1300, console: true, passwordLastUsedDaysAgo: 1, mfa: true, accessKeys: [{ id: 'AKIAEXAMPLEALICE0001', status: 'Active', createdDaysAgo: 30, lastUsedDaysAgo: 1, lastUsedService: 's3', lastUsedRegion: 'us-east-1' }], attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], tags: { Team: 'platform' } },
    // FAIL: console without MFA.
    { name: 'bob.martin', id: 'AIDAEXAMPLEBOB000002', createdDaysAgo: 800, console: true, passwordLastUsedDaysAgo: 3, mfa: false, accessKeys: [], attachedPolicyArns: [policyArn('NWH-BillingReadOnly')], tags: { Team: 'finance' } },
    // FAIL: active key 200 days old (used recently).
    { name: 'carol.diaz', id: 'AIDAEXAMPLECAROL00003', createdDaysAgo: 950, console: true, passwordLastUsedDaysAgo: 2, mfa: true, accessKeys: [{ id: 'AKIAEXAMPLECAROL0003', status: 'Active', createdDaysAgo: 200, lastUsedDaysAgo: 2, lastUsedService: 'ec2', lastUsedRegion: 'us-west-2' }], attachedPolicyArns: [policyArn('NWH-CIDeploy')] },
    // FAIL iam_user_two_active_access_key: a rotation left the old key active next to the new one.
    { name: 'svc-backup', id: 'AIDAEXAMPLEBACKUP0004', path: '/service/', createdDaysAgo: 600, console: false, mfa: false, accessKeys: [{ id: 'AKIAEXAMPLEBACKUP004', status: 'Active', createdDaysAgo: 45, lastUsedDaysAgo: 0, lastUsedService: 's3', lastUsedRegion: 'eu-west-1' }, { id: 'AKIAEXAMPLEBACKUP014', status: 'Active', createdDaysAgo: 3, lastUsedDaysAgo: null }], attachedPolicyArns: [policyArn('NWH-S3ReadPatientRecords')] },
    // FAIL: active key 700 days old, unused for 400 days; FAIL: an inline policy allowing * on *.
    { name: 'svc-legacy-etl', id: 'AIDAEXAMPLELEGACY0005', path: '/service/', createdDaysAgo: 2400, console: false, mfa: false, accessKeys: [{ id: 'AKIAEXAMPLELEGACY005', status: 'Active', createdDaysAgo: 700, lastUsedDaysAgo: 400, lastUsedService: 's3', lastUsedRegion: 'us-east-1' }], attachedPolicyArns: [policyArn('NWH-LegacyFullAccess')], inlinePolicies: [{ name: 'legacy-etl-everything', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] },
    // FAIL: console without MFA; an inactive key never used.
    { name: 'dave.okafor', id: 'AIDAEXAMPLEDAVE000006', createdDaysAgo: 1000, console: true, passwordLastUsedDaysAgo: 15, mfa: false, accessKeys: [{ id: 'AKIAEXAMPLEDAVE00006', status: 'Inactive', createdDaysAgo: 500, lastUsedDaysAgo: null }], attachedPolicyArns: [] },
    { name: 'erin.schmidt', id: 'AIDAEXAMPLEERIN000007', createdDaysAgo: 400, console: true, passwordLastUsedDaysAgo: 5, mfa: true, accessKeys: [], attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    // FAIL: console without MFA, password unused for 200 days.
    { name: 'frank.li', id: 'AIDAEXAMPLEFRANK00008', createdDaysAgo: 1500, console: true, passwordLastUsedDaysAgo: 200, mfa: false, accessKeys: [], attachedPolicyArns: [] },
    // One fresh active key and one old inactive key.
    { name: 'svc-ci-deploy', id: 'AIDAEXAMPLECIDEPLOY09', path: '/service/', createdDaysAgo: 500, console: false, mfa: false, accessKeys: [{ id: 'AKIAEXAMPLECIDEP0009', status: 'Active', createdDaysAgo: 20, lastUsedDaysAgo: 0, lastUsedService: 'ecr', lastUsedRegion: 'us-east-1' }, { id: 'AKIAEXAMPLECIDEP0010', status: 'Inactive', createdDaysAgo: 120, lastUsedDaysAgo: 21, lastUsedService: 'ecr', lastUsedRegion: 'us-east-1' }], attachedPolicyArns: [policyArn('NWH-CIDeploy')] },
    { name: 'grace.auditor', id: 'AIDAEXAMPLEGRACE00010', createdDaysAgo: 60, console: true, passwordLastUsedDaysAgo: 0, mfa: true, accessKeys: [], attachedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'], tags: { Team: 'compliance' } },
    // New service key, never used yet (not stale: created 10 days ago); a scoped inline policy (pass inline
    // admin, but FAIL iam_policy_attached_only_to_group_or_roles: permissions on the user itself).
    { name: 'svc-reporting', id: 'AIDAEXAMPLEREPORT0011', path: '/service/', createdDaysAgo: 10, console: false, mfa: false, accessKeys: [{ id: 'AKIAEXAMPLEREPORT011', status: 'Active', createdDaysAgo: 10, lastUsedDaysAgo: null }], attachedPolicyArns: [], inlinePolicies: [{ name: 'reporting-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ce:GetCostAndUsage', 'cur:DescribeReportDefinitions'], Resource: '*' }] } }] },
    { name: 'evidence-desk-auditor', id: 'AIDAJQABLZS4A3QDU576Q', createdDaysAgo: 5, console: false, mfa: false, accessKeys: [{ id: 'AKIAIOSFODNN7EXAMPLE', status: 'Active', createdDaysAgo: 5, lastUsedDaysAgo: 0, lastUsedService: 'sts', lastUsedRegion: 'us-east-1' }], attachedPolicyArns: [policyArn('EvidenceDeskReadOnly')] },
  ],
  policies: [
    // FAIL: Allow * on * (break-glass admin).
    { name: 'NWH-AdminBreakGlass', id: 'ANPAEXAMPLEPOLICY0001', createdDaysAgo: 1300, defaultVersionId: 'v3', attachmentCount: 1, description: 'Emergency admin', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } },
    { name: 'NWH-S3ReadPatientRecords', id: 'ANPAEXAMPLEPOLICY0002', createdDaysAgo: 900, defaultVersionId: 'v1', attachmentCount: 1, document: { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::nwh-patient-records-prod', 'arn:aws:s3:::nwh-patient-records-prod/*'] }] } },
    { name: 'NWH-CIDeploy', id: 'ANPAEXAMPLEPOLICY0003', createdDaysAgo: 500, defaultVersionId: 'v2', attachmentCount: 2, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecr:*', 'ecs:UpdateService', 'ecs:DescribeServices'], Resource: '*' }] } },
    // FAIL: the same in list form, hidden among other statements.
    { name: 'NWH-LegacyFullAccess', id: 'ANPAEXAMPLEPOLICY0004', createdDaysAgo: 2400, defaultVersionId: 'v1', attachmentCount: 1, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::nwh-legacy-exports/*'] }, { Sid: 'TemporaryEverything', Effect: 'Allow', Action: ['*'], Resource: ['*'] }] } },
    { name: 'NWH-BillingReadOnly', id: 'ANPAEXAMPLEPOLICY0005', createdDaysAgo: 800, defaultVersionId: 'v1', attachmentCount: 1, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['aws-portal:View*', 'ce:Get*'], Resource: '*' }] } },
    // PASS: "*" on "*" but Deny (a guardrail, not a grant).
    { name: 'NWH-DenyOutsideApprovedRegions', id: 'ANPAEXAMPLEPOLICY0006', createdDaysAgo: 700, defaultVersionId: 'v1', attachmentCount: 0, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2', 'eu-west-1'] } } }] } },
    { name: 'EvidenceDeskReadOnly', id: 'ANPAEXAMPLEPOLICY0007', createdDaysAgo: 5, defaultVersionId: 'v1', attachmentCount: 1, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 's3:GetBucket*', 'ec2:Describe*', 'cloudtrail:Describe*'], Resource: '*' }] } },
  ],
  buckets,
  securityGroups,
  volumes,
  // Off in us-west-2 (fail), on elsewhere (pass).
  ebsEncryptionByDefault: { 'us-east-1': true, 'eu-west-1': true, 'us-west-2': false },
  trails: [
    // PASS: multi-region, log file validation, KMS, logging, read+write management events, delivered to
    // CloudWatch Logs (nwh-cloudtrail, the CIS metric filters' log group); S3 object WRITE data events only
    // (advanced selectors): s3_dataevents_write passes, s3_dataevents_read fails.
    { name: 'nwh-org-audit', homeRegion: 'us-east-1', multiRegion: true, logFileValidation: true, s3Bucket: 'nwh-cloudtrail-logs-111122223333', kmsKeyId: KMS_US, isLogging: true, managementEvents: 'All', s3DataEvents: { readWrite: 'WriteOnly', advanced: true }, cloudWatchLogGroup: 'nwh-cloudtrail' },
    // FAIL: multi-region but no log file validation, no KMS, no CloudWatch Logs, write-only management events.
    { name: 'nwh-legacy-trail', homeRegion: 'eu-west-1', multiRegion: true, logFileValidation: false, s3Bucket: 'nwh-cloudtrail-logs-111122223333', isLogging: true, managementEvents: 'WriteOnly' },
    // FAIL: single-region, no validation, stopped, no KMS; its bucket is public (AllUsers READ) and not logged;
    // its CloudWatch Logs delivery stopped 30 days ago.
    { name: 'nwh-dev-trail', homeRegion: 'us-west-2', multiRegion: false, logFileValidation: false, s3Bucket: 'nwh-marketing-assets', isLogging: false, cloudWatchLogGroup: '/nwh/dev/cloudtrail', cloudWatchLastDeliveryDaysAgo: 30 },
  ],
  denied: [{ service: 's3', operation: 'GetBucketLogging', resource: 'nwh-legacy-exports' }],
};
