// The organizations checks' finer cases beyond the pass/fail/error fixtures (test/helpers/check-fixtures/org.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { awsResource, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

const UID = 'arn:aws:organizations::111122223333:account/o-test000001/444455556666';
function judgeScp(config: Record<string, unknown>) {
  fx = makeSnapshot({
    resources: [
      awsResource('AWS::Organizations::Account', UID, config, {
        region: 'global',
        name: 'dev (444455556666)',
      }),
    ],
    checks: allChecks.filter((c) => c.id === 'organizations_scp_check'),
  });
  const [f] = fx.findings('organizations_scp_check');
  return f;
}
const base = {
  Id: '444455556666',
  OrganizationId: 'o-test000001',
  ParentPath: [{ Id: 'r-t', Type: 'ROOT' }],
};
const scp = (name: string, awsManaged: boolean) => ({
  PolicyId: `p-${name}`,
  PolicyName: name,
  AwsManaged: awsManaged,
  TargetId: 'r-t',
  TargetType: 'ROOT',
});

describe('organizations_scp_check', () => {
  it('fails when SCPs are not enabled on the root, even with a custom policy listed', () => {
    const f = judgeScp({ ...base, ScpPolicyTypeStatus: null, ServiceControlPolicies: [scp('Guard', false)] });
    expect(f.status).toBe('fail');
    expect(f.reason).toMatch(/not enabled on the organisation root/);
  });

  it('fails while enabling is still pending', () => {
    const f = judgeScp({
      ...base,
      ScpPolicyTypeStatus: 'PENDING_ENABLE',
      ServiceControlPolicies: [scp('Guard', false)],
    });
    expect(f.status).toBe('fail');
    expect(f.reason).toMatch(/PENDING_ENABLE/);
  });

  it('fails with no policy at all reaching the account, and names none', () => {
    const f = judgeScp({ ...base, ScpPolicyTypeStatus: 'ENABLED', ServiceControlPolicies: [] });
    expect(f.status).toBe('fail');
    expect(f.reason).toMatch(/No service control policy is attached/);
  });

  it('names the custom policies that make it pass', () => {
    const f = judgeScp({
      ...base,
      ScpPolicyTypeStatus: 'ENABLED',
      ServiceControlPolicies: [
        scp('FullAWSAccess', true),
        scp('DenyRegions', false),
        scp('DenyLeave', false),
      ],
    });
    expect(f.status).toBe('pass');
    expect(f.reason).toContain('DenyLeave, DenyRegions');
    expect(f.reason).not.toContain('FullAWSAccess');
  });

  it('answers error when the root status was not collected, whatever the policies say', () => {
    const f = judgeScp({ ...base, ServiceControlPolicies: [scp('Guard', false)] });
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/not collected/);
  });
});
