// Pass, fail and data-missing fixtures for the account-scope checks (approved regions).
import { awsResource } from '../snapshot-fixture';
import type { CheckFixtures } from '../check-fixtures';

const ACCOUNT = '111122223333';
const ACCOUNT_UID = `aws-account:${ACCOUNT}`;
const BUCKET_UID = 'arn:aws:s3:::bucket-under-test';

const account = (enabled?: string[]) =>
  awsResource(
    'AWS::Account',
    ACCOUNT_UID,
    {
      AccountId: ACCOUNT,
      Regions: ['us-east-1'],
      CallerArn: `arn:aws:iam::${ACCOUNT}:user/auditor`,
      ...(enabled ? { EnabledRegions: enabled } : {}),
    },
    { region: 'global', service: 'account', name: ACCOUNT },
  );
const approved = (regions: string[] | null) =>
  awsResource(
    'EvidenceDesk::Scope::ApprovedRegions',
    `evidence-desk:approved-regions:aws:${ACCOUNT}`,
    { ApprovedRegions: regions, Source: regions ? 'workspace setting' : 'not set' },
    { region: 'global', service: 'scope', name: `Approved regions for ${ACCOUNT}` },
  );
const bucketIn = (region: string) =>
  awsResource(
    'AWS::S3::Bucket',
    BUCKET_UID,
    { Name: 'bucket-under-test', Region: region },
    { region, name: 'bucket-under-test' },
  );

export const ACCOUNT_FIXTURES: Record<string, CheckFixtures> = {
  account_regions_approved: {
    pass: {
      resources: [account(['eu-west-1', 'us-east-1']), approved(['eu-west-1', 'us-east-1'])],
      uid: ACCOUNT_UID,
    },
    fail: {
      resources: [account(['eu-west-1', 'us-east-1', 'us-west-2']), approved(['eu-west-1', 'us-east-1'])],
      uid: ACCOUNT_UID,
    },
    // DescribeRegions failed: EnabledRegions absent.
    error: { resources: [account(), approved(['us-east-1'])], uid: ACCOUNT_UID },
  },
  resources_in_approved_regions: {
    pass: {
      resources: [account(['us-east-1']), approved(['us-east-1']), bucketIn('us-east-1')],
      uid: BUCKET_UID,
    },
    fail: {
      resources: [account(['us-east-1']), approved(['us-east-1']), bucketIn('ap-south-1')],
      uid: BUCKET_UID,
    },
    // The analyst never set approved regions: nothing to judge against.
    error: { resources: [account(['us-east-1']), approved(null), bucketIn('us-east-1')], uid: BUCKET_UID },
  },
};
