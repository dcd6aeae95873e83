// Finer cases of the Azure security group's checks than the pass/fail/error fixtures: which owners count, which
// custom roles are administrator roles, contact edge values, Conditional Access policies that do or do not
// enforce MFA, and what the Entra checks do with partial data.
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import type { CheckCase } from '../helpers/check-fixtures';
import {
  azureGap,
  contactCase,
  customRoleCase,
  GOOD_CONTACT,
  member,
  mfaPolicy,
  ownersCase,
  pricingCase,
  registration,
  roleAssignment,
  SEC_SUB_UID,
  subscriptionCase,
  tenantCase,
  userPerms,
} from '../helpers/check-fixtures/azure-security';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function judge(checkId: string, c: CheckCase) {
  const check = allChecks.find((x) => x.id === checkId)!;
  fx?.close();
  fx = makeSnapshot({ resources: c.resources, gaps: c.gaps, checks: [check], provider: 'azure' });
  const findings = fx.findings(checkId).filter((f) => f.resourceUid === c.uid);
  expect(findings).toHaveLength(1);
  return findings[0];
}

const p = (n: number) => `0a1b2c3d-1111-4a5b-8c9d-${String(n).padStart(12, '0')}`;

describe('Defender plans', () => {
  const SERVERS = 'defender_ensure_defender_for_server_is_on';
  it('a plan the list did not report is an error for the subscription, not a silent pass', () => {
    const c = pricingCase('Containers', { pricingTier: 'Standard' });
    const f = judge(SERVERS, { ...c, uid: SEC_SUB_UID });
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/VirtualMachines\) of subscription Prod was not reported by Pricings_List/);
  });
  it('an absent or unknown tier is an error', () => {
    expect(judge(SERVERS, pricingCase('VirtualMachines', {})).status).toBe('error');
    const f = judge(SERVERS, pricingCase('VirtualMachines', { pricingTier: 'Premium' }));
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/unexpected form \('Premium'\)/);
  });
  it('the reason names the sub-plan when on', () => {
    const f = judge(SERVERS, pricingCase('VirtualMachines', { pricingTier: 'Standard', subPlan: 'P2' }));
    expect(f.reason).toBe('Defender for Servers (VirtualMachines) is on: pricingTier Standard (sub-plan P2)');
  });
});

describe('security contacts', () => {
  const EMAIL = 'defender_additional_email_configured_with_a_security_contact';
  const OWNERS = 'defender_ensure_notify_emails_to_owners';
  const SEVERITY = 'defender_ensure_notify_alerts_severity_is_high';
  it('no contact at all (the list answered empty) fails all three for the subscription', () => {
    for (const id of [EMAIL, OWNERS, SEVERITY]) {
      const f = judge(id, subscriptionCase());
      expect(f.status, id).toBe('fail');
      expect(f.reason, id).toMatch(/has no Defender for Cloud security contact/);
    }
  });
  it('a disabled contact fails even with good settings', () => {
    expect(judge(EMAIL, contactCase({ ...GOOD_CONTACT, isEnabled: false })).status).toBe('fail');
  });
  it('emails: separators only fail, absent is an error', () => {
    expect(judge(EMAIL, contactCase({ ...GOOD_CONTACT, emails: ' ; ' })).status).toBe('fail');
    const { emails: _e, ...noEmails } = GOOD_CONTACT;
    void _e;
    expect(judge(EMAIL, contactCase(noEmails)).status).toBe('error');
  });
  it('owners: state Off fails; roles without Owner fail; absent is an error', () => {
    expect(
      judge(OWNERS, contactCase({ ...GOOD_CONTACT, notificationsByRole: { state: 'Off', roles: ['Owner'] } }))
        .status,
    ).toBe('fail');
    expect(
      judge(
        OWNERS,
        contactCase({
          ...GOOD_CONTACT,
          notificationsByRole: { state: 'On', roles: ['Owner', 'ServiceAdmin'] },
        }),
      ).status,
    ).toBe('pass');
    const { notificationsByRole: _n, ...none } = GOOD_CONTACT;
    void _n;
    expect(judge(OWNERS, contactCase(none)).status).toBe('error');
  });
  it('alert severity: High, Medium and Low pass; no Alert source fails; an unknown severity is an error', () => {
    const sev = (s: string) =>
      judge(
        SEVERITY,
        contactCase({ ...GOOD_CONTACT, notificationsSources: [{ sourceType: 'Alert', minimalSeverity: s }] }),
      ).status;
    expect([sev('High'), sev('Medium'), sev('Low')]).toEqual(['pass', 'pass', 'pass']);
    expect(sev('Critical')).toBe('error');
    expect(judge(SEVERITY, contactCase({ ...GOOD_CONTACT, notificationsSources: [] })).status).toBe('fail');
  });
});

describe('iam_subscription_owners_between_two_and_three', () => {
  const ID = 'iam_subscription_owners_between_two_and_three';
  it('counts owners at the subscription and above, not on resource groups; other roles do not count', () => {
    const f = judge(
      ID,
      ownersCase([
        roleAssignment(p(1)),
        roleAssignment(p(2), undefined, '/providers/Microsoft.Management/managementGroups/root-mg'),
        roleAssignment(p(3), undefined, `${SEC_SUB_UID}/resourceGroups/rg-web`),
        roleAssignment(p(4), 'acdd72a7-3385-48ef-bd42-f606fba81ae7'),
      ]),
    );
    expect(f.status).toBe('pass');
    expect(f.reason).toBe('Subscription Prod has 2 owners');
    expect((f.evidence as { owners: unknown[] }).owners).toHaveLength(2);
  });
  it('a principal assigned twice counts once; a single owner fails', () => {
    const f = judge(ID, ownersCase([roleAssignment(p(1)), roleAssignment(p(1), undefined, '/')]));
    expect(f.status).toBe('fail');
    expect(f.reason).toMatch(/has 1 owner: fewer than 2/);
  });
  it('no owner at all fails (the list was collected)', () => {
    expect(judge(ID, ownersCase([])).status).toBe('fail');
  });
  it('three owners pass, four fail', () => {
    expect(judge(ID, ownersCase([1, 2, 3].map((n) => roleAssignment(p(n))))).status).toBe('pass');
    expect(judge(ID, ownersCase([1, 2, 3, 4].map((n) => roleAssignment(p(n))))).reason).toMatch(
      /4 owners: more than 3/,
    );
  });
});

describe('iam_subscription_roles_owner_custom_not_created', () => {
  const ID = 'iam_subscription_roles_owner_custom_not_created';
  const role = (actions: string[], assignableScopes: string[]) =>
    judge(
      ID,
      customRoleCase({
        assignableScopes,
        permissions: [{ actions, notActions: ['Microsoft.Authorization/*/write'] }],
      }),
    );
  it('* assignable at /, a management group or a subscription fails', () => {
    expect(role(['*'], ['/']).status).toBe('fail');
    expect(role(['*'], ['/providers/Microsoft.Management/managementGroups/mg1']).status).toBe('fail');
    const f = role(['*'], [`${SEC_SUB_UID}/resourceGroups/rg1`, SEC_SUB_UID]);
    expect(f.status).toBe('fail');
    expect(f.reason).toContain(`assignable at ["${SEC_SUB_UID}"]`);
  });
  it('* only on a resource group, or specific actions, passes', () => {
    expect(role(['*'], [`${SEC_SUB_UID}/resourceGroups/rg1`]).status).toBe('pass');
    expect(role(['*/read'], [SEC_SUB_UID]).status).toBe('pass');
  });
  it('the list failing answers error for the subscription', () => {
    const f = judge(ID, subscriptionCase(azureGap('RoleDefinitions_List', 'Microsoft.Authorization')));
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/RoleDefinitions_List failed: AuthorizationFailed/);
  });
});

describe('entra_security_defaults_or_conditional_access_mfa_enabled', () => {
  const ID = 'entra_security_defaults_or_conditional_access_mfa_enabled';
  const withPolicy = (policy: Record<string, unknown>) =>
    judge(ID, tenantCase({ securityDefaults: { isEnabled: false }, conditionalAccessPolicies: [policy] }))
      .status;
  it('an enabled all-users all-apps MFA policy passes even with security defaults off', () => {
    expect(withPolicy(mfaPolicy())).toBe('pass');
    expect(
      withPolicy(
        mfaPolicy({
          grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: 's' } },
        }),
      ),
    ).toBe('pass');
    expect(
      withPolicy(
        mfaPolicy({ grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] } }),
      ),
    ).toBe('pass');
  });
  it('report-only, disabled, partial-scope or MFA-or-something-else policies do not count', () => {
    expect(withPolicy(mfaPolicy({ state: 'enabledForReportingButNotEnforced' }))).toBe('fail');
    expect(withPolicy(mfaPolicy({ state: 'disabled' }))).toBe('fail');
    expect(
      withPolicy(
        mfaPolicy({ grantControls: { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] } }),
      ),
    ).toBe('fail');
    expect(
      withPolicy(
        mfaPolicy({
          conditions: {
            users: { includeUsers: ['None'], includeGroups: ['g'] },
            applications: { includeApplications: ['All'] },
          },
        }),
      ),
    ).toBe('fail');
  });
  it('security defaults on pass even when the policies were not collected', () => {
    expect(judge(ID, tenantCase({ securityDefaults: { isEnabled: true } })).status).toBe('pass');
  });
  it('security defaults not collected but an MFA policy proven passes; with no such policy it is an error', () => {
    expect(judge(ID, tenantCase({ conditionalAccessPolicies: [mfaPolicy()] })).status).toBe('pass');
    const f = judge(
      ID,
      tenantCase({ conditionalAccessPolicies: [] }, [
        azureGap('IdentitySecurityDefaultsEnforcementPolicy_Get', 'Microsoft.Graph'),
      ]),
    );
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(
      /security defaults were not collected .*IdentitySecurityDefaultsEnforcementPolicy_Get failed: AuthorizationFailed/,
    );
  });
});

describe('Entra authorization policy and role checks', () => {
  it('guest access: same-as-members fails, an unknown role id is an error', () => {
    const g = (id: string) =>
      judge(
        'entra_policy_guest_users_access_restrictions',
        tenantCase({ authorizationPolicy: { guestUserRoleId: id } }),
      );
    expect(g('a0b1b346-4d3e-4e8b-98f8-753987be4970').status).toBe('fail');
    expect(g('00000000-0000-0000-0000-000000000000').status).toBe('error');
  });
  it('consent: any ManagePermissionGrantsForSelf policy fails and is named; an empty list passes', () => {
    const f = judge(
      'entra_policy_restricts_user_consent_for_apps',
      userPerms({
        permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-low'],
      }),
    );
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('microsoft-user-default-low');
    expect(
      judge(
        'entra_policy_restricts_user_consent_for_apps',
        userPerms({ permissionGrantPoliciesAssigned: [] }),
      ).status,
    ).toBe('pass');
  });
  it('register apps: the policy present but the flag absent is an error', () => {
    const f = judge('entra_policy_ensure_default_user_cannot_create_apps', userPerms({}));
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/was not reported/);
  });
  it('Global Administrators: 4 pass, 5 fail, the members are named', () => {
    const ga = (n: number) =>
      judge(
        'entra_global_admin_in_less_than_five_users',
        tenantCase({ globalAdministrators: Array.from({ length: n }, (_, i) => member(`u${i}@x.example`)) }),
      );
    expect(ga(4).status).toBe('pass');
    const f = ga(5);
    expect(f.status).toBe('fail');
    expect(f.reason).toContain('u4@x.example');
  });
  it('privileged MFA: no administrator reported, or one with no isMfaRegistered, is an error', () => {
    const mfa = (rows: unknown[]) =>
      judge('entra_privileged_user_has_mfa', tenantCase({ userRegistrationDetails: rows }));
    expect(mfa([registration('u@x.example', false, false)]).status).toBe('error');
    const f = mfa([registration('a@x.example', true, true), registration('b@x.example', true, undefined)]);
    expect(f.status).toBe('error');
    expect(f.reason).toMatch(/\["b@x.example"\].*was not reported/);
  });
});
