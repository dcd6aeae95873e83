// The security group (Defender for Cloud, Azure RBAC, Entra ID through Microsoft Graph) collected from the demo
// tenant through the REAL REST client and pipeline against the loopback replay server: the population and the
// JSON kept as returned, ARM and Graph paging, denied calls becoming gaps whose checks answer error, and the
// checks' answers over the collected demo as main/demo/azure/data/security.ts predicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import {
  AZURE_DEFENDER_PRICING,
  AZURE_ENTRA_TENANT,
  AZURE_ROLE_ASSIGNMENT,
  AZURE_ROLE_DEFINITION,
  AZURE_SECURITY_CONTACT,
} from '../../main/collect/azure/security-shapes';
import {
  NORTHWIND_DEV_SUBSCRIPTION,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
} from '../../main/demo/azure/estate';
import type { Finding } from '../../shared/domain';
import { startAzureHarness, type AzureHarness } from '../fixtures/azure/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

const P = NORTHWIND_PROD_SUBSCRIPTION;
const SECURITY_CHECKS = allChecks.filter(
  (c) => c.provider === 'azure' && ['defender', 'iam', 'entra'].includes(c.service),
);
const PLAN_CHECKS: Record<string, string> = {
  defender_ensure_defender_for_server_is_on: 'VirtualMachines',
  defender_ensure_defender_for_containers_is_on: 'Containers',
  defender_ensure_defender_for_storage_is_on: 'StorageAccounts',
  defender_ensure_defender_for_app_services_is_on: 'AppServices',
  defender_ensure_defender_for_azure_sql_databases_is_on: 'SqlServers',
  defender_ensure_defender_for_sql_servers_is_on: 'SqlServerVirtualMachines',
  defender_ensure_defender_for_keyvault_is_on: 'KeyVaults',
  defender_ensure_defender_for_arm_is_on: 'Arm',
};
const CONTACT_CHECKS = [
  'defender_additional_email_configured_with_a_security_contact',
  'defender_ensure_notify_emails_to_owners',
  'defender_ensure_notify_alerts_severity_is_high',
];
const TENANT = 'Northwind Health';

/** The security checks over what the harness collected: statuses by check id, then resource name. */
function evaluate(h: AzureHarness, subscriptionId = P) {
  const fx = makeSnapshot({
    resources: h.buffer.resources,
    gaps: h.buffer.gaps,
    checks: SECURITY_CHECKS,
    provider: 'azure',
    account: subscriptionId,
  });
  try {
    const names = new Map(h.buffer.resources.map((r) => [r.uid, r.name]));
    const out: Record<string, Record<string, string>> = {};
    const findings: Finding[] = fx.findings();
    for (const f of findings) (out[f.checkId] ??= {})[names.get(f.resourceUid) ?? f.resourceUid] = f.status;
    return { out, findings };
  } finally {
    fx.close();
  }
}

describe('security group over the demo tenant (production subscription)', () => {
  let h: AzureHarness;
  beforeAll(async () => {
    h = await startAzureHarness();
    await h.collect();
  });
  afterAll(() => h.close());

  it('collects every Defender plan and the security contact as ARM returned them', () => {
    const plans = h.buffer.resources.filter((r) => r.type === AZURE_DEFENDER_PRICING);
    expect(plans).toHaveLength(13);
    const vm = plans.find((p) => p.name === 'VirtualMachines')!;
    expect(vm.uid).toBe(`/subscriptions/${P}/providers/microsoft.security/pricings/virtualmachines`);
    expect(vm.config).toMatchObject({
      id: `/subscriptions/${P}/providers/Microsoft.Security/pricings/VirtualMachines`,
      type: 'Microsoft.Security/pricings',
      properties: { pricingTier: 'Free', resourcesCoverageStatus: 'NotCovered' },
    });
    expect(plans.find((p) => p.name === 'CloudPosture')!.config).toMatchObject({
      properties: { pricingTier: 'Standard' },
    });
    const contacts = h.buffer.resources.filter((r) => r.type === AZURE_SECURITY_CONTACT);
    expect(contacts.map((c) => c.name)).toEqual(['default']);
    expect(contacts[0].config).toMatchObject({
      properties: {
        emails: '',
        notificationsByRole: { state: 'On', roles: ['AccountAdmin'] },
        notificationsSources: [{ sourceType: 'AttackPath', minimalRiskLevel: 'Critical' }],
      },
    });
  });

  it('keeps every role assignment and only the custom role definitions', () => {
    const assignments = h.buffer.resources.filter((r) => r.type === AZURE_ROLE_ASSIGNMENT);
    expect(assignments).toHaveLength(7);
    expect(assignments.map((a) => (a.config.properties as { scope: string }).scope)).toContain(
      '/providers/Microsoft.Management/managementGroups/northwind-root',
    );
    const roles = h.buffer.resources.filter((r) => r.type === AZURE_ROLE_DEFINITION);
    expect(roles.map((r) => r.name).sort()).toEqual([
      'Northwind Subscription Admin',
      'Northwind VM Operator',
    ]);
    // Built-in roles stay in the raw pages only.
    const rawRoles = h.buffer.raws
      .filter((r) => r.operation === 'RoleDefinitions_List')
      .flatMap((r) => (r.response as { value: { properties: { roleName: string } }[] }).value)
      .map((d) => d.properties.roleName);
    expect(rawRoles).toEqual(expect.arrayContaining(['Owner', 'Reader', 'Contributor']));
  });

  it('collects the Entra ID tenant once, with each Graph answer attached as returned', () => {
    const tenants = h.buffer.resources.filter((r) => r.type === AZURE_ENTRA_TENANT);
    expect(tenants).toHaveLength(1);
    const t = tenants[0];
    expect(t).toMatchObject({ uid: `/tenants/${NORTHWIND_TENANT_ID}`, name: TENANT, service: 'entra' });
    const c = t.config as Record<string, unknown> & {
      conditionalAccessPolicies: unknown[];
      globalAdministrators: { userPrincipalName: string }[];
      userRegistrationDetails: unknown[];
    };
    expect(c.securityDefaults).toMatchObject({ isEnabled: false });
    expect(c.authorizationPolicy).toMatchObject({
      guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
      defaultUserRolePermissions: { allowedToCreateApps: true },
    });
    expect(c.conditionalAccessPolicies).toHaveLength(3);
    expect(c.globalAdministrators.map((m) => m.userPrincipalName)).toHaveLength(5);
    expect(c.userRegistrationDetails).toHaveLength(6);
  });

  it('follows ARM nextLink and Graph @odata.nextLink to the end (page size 2), with no gaps', () => {
    const pages = (op: string) => h.buffer.raws.filter((r) => r.operation === op).map((r) => r.params.page);
    expect(pages('Pricings_List')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages('RoleAssignments_ListForSubscription')).toEqual([1, 2, 3, 4]);
    expect(pages('GlobalAdministrators_ListMembers')).toEqual([1, 2, 3]);
    expect(pages('UserRegistrationDetails_List')).toEqual([1, 2, 3]);
    expect(h.buffer.gaps).toEqual([]);
  });

  it('the checks answer what the estate comments predict', () => {
    const { out } = evaluate(h);
    for (const [check, plan] of Object.entries(PLAN_CHECKS))
      expect(out[check], check).toEqual({ [plan]: 'fail' });
    for (const check of CONTACT_CHECKS) expect(out[check], check).toEqual({ default: 'fail' });
    expect(out.iam_subscription_owners_between_two_and_three).toEqual({
      'Northwind Health Production': 'fail',
    });
    expect(out.iam_subscription_roles_owner_custom_not_created).toEqual({
      'Northwind Subscription Admin': 'fail',
      'Northwind VM Operator': 'pass',
    });
    expect(out.entra_security_defaults_or_conditional_access_mfa_enabled).toEqual({ [TENANT]: 'pass' });
    expect(out.entra_policy_guest_users_access_restrictions).toEqual({ [TENANT]: 'fail' });
    expect(out.entra_policy_ensure_default_user_cannot_create_apps).toEqual({ [TENANT]: 'fail' });
    expect(out.entra_policy_restricts_user_consent_for_apps).toEqual({ [TENANT]: 'pass' });
    expect(out.entra_global_admin_in_less_than_five_users).toEqual({ [TENANT]: 'fail' });
    expect(out.entra_privileged_user_has_mfa).toEqual({ [TENANT]: 'fail' });
  });

  it('the reasons name what was seen', () => {
    const { findings } = evaluate(h);
    const reason = (id: string) => findings.filter((f) => f.checkId === id).map((f) => f.reason);
    expect(reason('iam_subscription_owners_between_two_and_three')).toEqual([
      'Subscription Northwind Health Production has 4 owners: more than 3',
    ]);
    expect(reason('entra_privileged_user_has_mfa')).toEqual([
      'Administrators of tenant Northwind Health without a registered MFA method: ["dana.wright@northwindhealth.example"]',
    ]);
    expect(reason('entra_security_defaults_or_conditional_access_mfa_enabled')[0]).toMatch(
      /Require MFA for all users/,
    );
    expect(reason('defender_ensure_defender_for_keyvault_is_on')).toEqual([
      'Defender for Key Vault (KeyVaults) is off: pricingTier Free',
    ]);
  });
});

describe('security group over the development subscription', () => {
  it('passes every per-subscription check (the shared tenant answers as in production)', async () => {
    const h = await startAzureHarness({ subscriptionId: NORTHWIND_DEV_SUBSCRIPTION });
    try {
      await h.collect();
      const { out } = evaluate(h, NORTHWIND_DEV_SUBSCRIPTION);
      for (const [check, plan] of Object.entries(PLAN_CHECKS))
        expect(out[check], check).toEqual({ [plan]: 'pass' });
      for (const check of CONTACT_CHECKS) expect(out[check], check).toEqual({ default: 'pass' });
      expect(out.iam_subscription_owners_between_two_and_three).toEqual({
        'Northwind Health Development': 'pass',
      });
      expect(out.iam_subscription_roles_owner_custom_not_created).toEqual({
        'Northwind VM Operator': 'pass',
      });
    } finally {
      await h.close();
    }
  });
});

describe('denied calls', () => {
  it('no RBAC read on role assignments: a gap naming the subscription and action, the owner check answers error', async () => {
    const h = await startAzureHarness({
      faults: [{ operation: 'RoleAssignments_ListForSubscription', kind: 'denied' }],
    });
    try {
      await h.collect();
      expect(h.buffer.gaps.map((g) => `${g.operation}:${g.code}`)).toEqual([
        'RoleAssignments_ListForSubscription:AuthorizationFailed',
      ]);
      expect(h.buffer.gaps[0].message).toContain(`subscription ${P}`);
      expect(h.buffer.gaps[0].message).toContain('Microsoft.Authorization/roleAssignments/read');
      expect(h.buffer.resources.filter((r) => r.type === AZURE_ROLE_ASSIGNMENT)).toEqual([]);
      const { findings, out } = evaluate(h);
      const owners = findings.filter((f) => f.checkId === 'iam_subscription_owners_between_two_and_three');
      expect(owners).toHaveLength(1);
      expect(owners[0]).toMatchObject({ resourceUid: `/subscriptions/${P}`, status: 'error' });
      expect(owners[0].reason).toMatch(
        /were not collected \(RoleAssignments_ListForSubscription failed: AuthorizationFailed\), so the number of owners is unknown/,
      );
      // The rest of the group is unaffected.
      expect(out.iam_subscription_roles_owner_custom_not_created['Northwind Subscription Admin']).toBe(
        'fail',
      );
      expect(out.defender_ensure_defender_for_arm_is_on).toEqual({ Arm: 'fail' });
    } finally {
      await h.close();
    }
  });

  it('no Graph Policy.Read.All consent for the authorization policy: a gap naming the tenant, its three checks error', async () => {
    const h = await startAzureHarness({ faults: [{ operation: 'AuthorizationPolicy_Get', kind: 'denied' }] });
    try {
      await h.collect();
      expect(h.buffer.gaps).toHaveLength(1);
      expect(h.buffer.gaps[0]).toMatchObject({
        service: 'Microsoft.Graph',
        operation: 'AuthorizationPolicy_Get',
        code: 'AuthorizationFailed',
        resource: `tenant ${NORTHWIND_TENANT_ID}`,
      });
      expect(h.buffer.gaps[0].message).toContain('Policy.Read.All');
      const tenant = h.buffer.resources.find((r) => r.type === AZURE_ENTRA_TENANT)!;
      expect(tenant.config).not.toHaveProperty('authorizationPolicy');
      expect(tenant.config).toHaveProperty('securityDefaults');
      const { findings, out } = evaluate(h);
      for (const id of [
        'entra_policy_guest_users_access_restrictions',
        'entra_policy_ensure_default_user_cannot_create_apps',
        'entra_policy_restricts_user_consent_for_apps',
      ]) {
        const f = findings.filter((x) => x.checkId === id);
        expect(f, id).toHaveLength(1);
        expect(f[0].status, id).toBe('error');
        expect(f[0].reason, id).toMatch(
          /was not collected \(AuthorizationPolicy_Get failed: AuthorizationFailed\)/,
        );
      }
      expect(out.entra_global_admin_in_less_than_five_users).toEqual({ [TENANT]: 'fail' });
    } finally {
      await h.close();
    }
  });

  it('no Graph at all (Organization_List denied): no tenant resource, every Entra check errors for the subscription', async () => {
    const h = await startAzureHarness({ faults: [{ operation: 'Organization_List', kind: 'denied' }] });
    try {
      await h.collect();
      expect(h.buffer.resources.filter((r) => r.type === AZURE_ENTRA_TENANT)).toEqual([]);
      const { findings } = evaluate(h);
      const entra = findings.filter((f) => f.checkId.startsWith('entra_'));
      expect(entra).toHaveLength(6);
      for (const f of entra) {
        expect(f).toMatchObject({ resourceUid: `/subscriptions/${P}`, status: 'error' });
        expect(f.reason).toMatch(
          /tenant of subscription .* was not collected \(Organization_List failed: AuthorizationFailed\)/,
        );
      }
    } finally {
      await h.close();
    }
  });
});
