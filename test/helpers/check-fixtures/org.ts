// Pass, fail and data-missing fixtures for the org group's checks (merged into CHECK_FIXTURES).
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { awsResource, gap } from '../snapshot-fixture';

const ORG = 'o-test000001';
const MEMBER = '444455556666';
const ACCOUNT_UID = `arn:aws:organizations::111122223333:account/${ORG}/${MEMBER}`;
const fullAccess = {
  PolicyId: 'p-FullAWSAccess',
  PolicyName: 'FullAWSAccess',
  AwsManaged: true,
  TargetId: 'r-test',
  TargetType: 'ROOT',
};
const guardrail = {
  PolicyId: 'p-guardrail1',
  PolicyName: 'DenyLeaveOrganization',
  AwsManaged: false,
  TargetId: 'ou-test-workload',
  TargetType: 'ORGANIZATIONAL_UNIT',
};
const goodAccount: Record<string, unknown> = {
  Id: MEMBER,
  Arn: ACCOUNT_UID,
  Name: 'member',
  Status: 'ACTIVE',
  OrganizationId: ORG,
  ParentPath: [
    { Id: 'ou-test-workload', Type: 'ORGANIZATIONAL_UNIT' },
    { Id: 'r-test', Type: 'ROOT' },
  ],
  ScpPolicyTypeStatus: 'ENABLED',
  ServiceControlPolicies: [fullAccess, guardrail],
};
const orgAccount = (config: Record<string, unknown>, gaps: CheckCase['gaps'] = []): CheckCase => ({
  resources: [
    awsResource('AWS::Organizations::Account', ACCOUNT_UID, config, {
      region: 'global',
      name: `member (${MEMBER})`,
    }),
  ],
  gaps,
  uid: ACCOUNT_UID,
});
const { ServiceControlPolicies: _scps, ...withoutScps } = goodAccount;

export const ORG_FIXTURES: Record<string, CheckFixtures> = {
  organizations_scp_check: {
    pass: orgAccount(goodAccount),
    // FullAWSAccess alone allows everything: not a guardrail.
    fail: orgAccount({ ...goodAccount, ServiceControlPolicies: [fullAccess] }),
    error: orgAccount(withoutScps, [gap('organizations', 'ListTargetsForPolicy', 'global')]),
  },
};
