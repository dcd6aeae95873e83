// What a whole-organisation run needs beyond the read-only policy: AssumeRole on exactly the member role, and
// the member role's trust policy naming the management account.
import { describe, expect, it } from 'vitest';
import {
  memberRoleTrustPolicy,
  organizationRunNotes,
  organizationRunPolicy,
} from '../../main/collect/aws/org-policy';
import { leastPrivilegePolicy, leastPrivilegePolicyNotes } from '../../main/collect/registry';

describe('organisation run policy', () => {
  it('adds sts:AssumeRole on the named member role only, beside the unchanged read-only statement', () => {
    const doc = organizationRunPolicy('EvidenceDeskAudit');
    expect(doc.Statement[0]).toEqual(leastPrivilegePolicy().Statement[0]);
    expect(doc.Statement[1]).toEqual({
      Sid: 'EvidenceDeskAssumeMemberRole',
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Resource: 'arn:aws:iam::*:role/EvidenceDeskAudit',
    });
    // The read-only policy itself never grants AssumeRole.
    expect(leastPrivilegePolicy().Statement[0].Action).not.toContain('sts:AssumeRole');
  });

  it('refuses a role name that is not one (a path, a wildcard, too long)', () => {
    for (const bad of ['audit/role', 'Role*', '', 'x'.repeat(65)]) {
      expect(() => organizationRunPolicy(bad), bad).toThrow();
    }
  });

  it("writes the member role's trust policy for the management account", () => {
    expect(memberRoleTrustPolicy('111122223333').Statement).toEqual([
      {
        Sid: 'EvidenceDeskManagementAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
      },
    ]);
    expect(memberRoleTrustPolicy().Statement[0].Principal?.AWS).toBe(
      'arn:aws:iam::<management-account-id>:root',
    );
    expect(() => memberRoleTrustPolicy('1234')).toThrow(/not an AWS account id/);
  });

  it('says in the notes what the member accounts need', () => {
    expect(organizationRunNotes('AuditRole').join('\n')).toMatch(
      /sts:AssumeRole on arn:aws:iam::\*:role\/AuditRole[\s\S]*role named AuditRole with the same read-only policy/,
    );
    expect(leastPrivilegePolicyNotes().join('\n')).toMatch(/Whole-organisation runs also need/);
  });
});
