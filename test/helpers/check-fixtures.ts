// Pass, fail and "data missing" fixtures for every built-in check: the resources (and collection gaps) of one
// snapshot and the uid of the resource the check must judge. Used by the fail-closed test and by the test that
// runs each shipped check file in the sqlite3 shell.
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import { ACCOUNT_FIXTURES } from './check-fixtures/account';
import { AZURE_FIXTURES } from './check-fixtures/azure';
import { AZURE_STORAGE_FIXTURES } from './check-fixtures/azure-storage';
import { AZURE_NETWORK_FIXTURES } from './check-fixtures/azure-network';
import { AZURE_DATA_FIXTURES } from './check-fixtures/azure-data';
import { AZURE_SECURITY_FIXTURES } from './check-fixtures/azure-security';
import { APP_FIXTURES } from './check-fixtures/app';
import { DATA_FIXTURES } from './check-fixtures/data';
import { EC2_FIXTURES } from './check-fixtures/ec2';
import { IAM_FIXTURES } from './check-fixtures/iam';
import { LOGGING_FIXTURES } from './check-fixtures/logging';
import { ORG_FIXTURES } from './check-fixtures/org';
import { S3_FIXTURES } from './check-fixtures/s3';
import { awsResource, gap } from './snapshot-fixture';

const ACCOUNT = '111122223333';

export type CheckCase = { resources: CollectedResource[]; gaps?: CollectionGap[]; uid: string };
export type CheckFixtures = Record<'pass' | 'fail' | 'error', CheckCase>;

// S3 fixtures: check-fixtures/s3.ts.

// IAM fixtures: check-fixtures/iam.ts.

// EC2
const SG_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-1`;
const sg = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::EC2::SecurityGroup', SG_UID, { GroupId: 'sg-1', ...config }, { name: 'sg-1' }),
  ],
  uid: SG_UID,
});
const openTcp = (port: number) => ({
  IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
});
const sgPort = (port: number): CheckFixtures => ({
  pass: sg(openTcp(443)),
  fail: sg(openTcp(port)),
  // Collected, but not as a list of rules: nothing proves the port is closed.
  error: sg({ IpPermissions: null }),
});
const VOLUME_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-1`;
const volume = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::EC2::Volume', VOLUME_UID, { VolumeId: 'vol-1', ...config }, { name: 'vol-1' }),
  ],
  uid: VOLUME_UID,
});
const EBS_DEFAULT_UID = `arn:aws:ec2:us-east-1:${ACCOUNT}:ebs-encryption-by-default`;
const ebsDefault = (config: Record<string, unknown>): CheckCase => ({
  resources: [
    awsResource('AWS::EC2::EbsEncryptionByDefault', EBS_DEFAULT_UID, config, { name: 'us-east-1' }),
  ],
  uid: EBS_DEFAULT_UID,
});

// CloudTrail
const ACCOUNT_UID = `aws-account:${ACCOUNT}`;
const accountResource = awsResource(
  'AWS::Account',
  ACCOUNT_UID,
  { AccountId: ACCOUNT },
  { region: 'global', service: 'account' },
);
const TRAIL_UID = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const trail = (config: Record<string, unknown>) =>
  awsResource(
    'AWS::CloudTrail::Trail',
    TRAIL_UID,
    { Name: 'main', HomeRegion: 'us-east-1', ...config },
    { name: 'main' },
  );
const accountCase = (resources: CollectedResource[], gaps: CollectionGap[] = []): CheckCase => ({
  resources: [accountResource, ...resources],
  gaps,
  uid: ACCOUNT_UID,
});

const CORE_FIXTURES: Record<string, CheckFixtures> = {
  ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22: sgPort(22),
  ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389: sgPort(3389),
  ec2_ebs_volume_encryption: {
    pass: volume({ Encrypted: true }),
    fail: volume({ Encrypted: false }),
    error: volume({}),
  },
  ec2_ebs_default_encryption: {
    pass: ebsDefault({ EbsEncryptionByDefault: true }),
    fail: ebsDefault({ EbsEncryptionByDefault: false }),
    error: ebsDefault({}),
  },

  cloudtrail_multi_region_enabled: {
    pass: accountCase([trail({ IsMultiRegionTrail: true, Status: { IsLogging: true } })]),
    fail: accountCase([]),
    // No trail seen, but DescribeTrails failed: the absence is unconfirmed.
    error: accountCase([], [gap('cloudtrail', 'DescribeTrails')]),
  },
  cloudtrail_log_file_validation_enabled: {
    pass: { resources: [trail({ LogFileValidationEnabled: true })], uid: TRAIL_UID },
    fail: { resources: [trail({ LogFileValidationEnabled: false })], uid: TRAIL_UID },
    error: { resources: [trail({})], uid: TRAIL_UID },
  },
};

/** Core checks above; each service group's in check-fixtures/<group>.ts. */
export const CHECK_FIXTURES: Record<string, CheckFixtures> = {
  ...CORE_FIXTURES,
  ...S3_FIXTURES,
  ...IAM_FIXTURES,
  ...EC2_FIXTURES,
  ...LOGGING_FIXTURES,
  ...DATA_FIXTURES,
  ...APP_FIXTURES,
  ...ORG_FIXTURES,
  ...ACCOUNT_FIXTURES,
  ...AZURE_FIXTURES,
  ...AZURE_STORAGE_FIXTURES,
  ...AZURE_SECURITY_FIXTURES,
  ...AZURE_NETWORK_FIXTURES,
  ...AZURE_DATA_FIXTURES,
};
