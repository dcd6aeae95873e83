// "Northwind Health Legacy": the demo organisation's third member account 888899990000, a left-over account
// from an acquisition, reached like the others by assuming OrganizationAccountAccessRole. Nearly empty and
// never brought up to standard: no multi-region trail (a single-region trail only), no password policy, no
// Config, GuardDuty or Security Hub. It is where the account-wide checks that the other two accounts pass
// (one multi-region trail, management events) fail, so the demo shows both outcomes of every check.
import { sectionsFor } from './sections/index';
import type { Estate } from './types';

const ACCOUNT = '888899990000';

export const northwindLegacy: Estate = {
  ...sectionsFor(ACCOUNT),
  accountId: ACCOUNT,
  organisation: 'Northwind Health Legacy (demo)',
  // Never used directly: the demo reaches this account only through AssumeRole's temporary credentials.
  accessKeyId: 'AKIAEXAMPLENWHLEG001',
  caller: {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OrganizationAccountAccessRole/evidence-desk`,
    userId: 'AROAEXAMPLENWHLEG0001:evidence-desk',
  },
  s3Owner: { id: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b', displayName: 'nwh-legacy-root' },
  regions: ['us-east-1'],
  // Root: MFA on, no keys (pass); no password policy at all (fail).
  root: { createdDaysAgo: 2600, passwordLastUsedDaysAgo: 700, mfa: true, accessKeys: [] },
  passwordPolicy: null,
  users: [],
  policies: [],
  buckets: [],
  securityGroups: [
    { region: 'us-east-1', id: 'sg-0e8f9a0b1c2d30001', name: 'default', description: 'default VPC security group', vpcId: 'vpc-0e88f99a00b11c221', ingress: [{ protocol: '-1', groups: ['sg-0e8f9a0b1c2d30001'] }] },
  ],
  volumes: [],
  ebsEncryptionByDefault: { 'us-east-1': false },
  trails: [
    // FAIL (account-wide): the only trail is single-region, so there is no multi-region trail at all.
    { name: 'legacy-useast1', homeRegion: 'us-east-1', multiRegion: false, logFileValidation: false, s3Bucket: 'nwh-legacy-trail-888899990000', isLogging: true, managementEvents: 'All' },
  ],
  denied: [],
};
