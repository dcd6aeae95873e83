// Pass, fail and data-missing fixtures for the Azure security group's checks (merged into CHECK_FIXTURES):
// Defender for Cloud plans and contacts, RBAC roles and owners, and Entra ID tenant settings. Configs are the
// JSON as ARM / Microsoft Graph return it (main/collect/azure/security-shapes.ts).
import type { CollectedResource, CollectionGap } from '../../../main/collect/types';
import type { CheckCase, CheckFixtures } from '../check-fixtures';
import { azureResource } from './azure';

export const SEC_SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
export const SEC_SUB_UID = `/subscriptions/${SEC_SUB}`;
export const TENANT_ID = '7d1e6b2a-4c3f-4e8d-9a51-0b6c2f9e4d17';
export const TENANT_UID = `/tenants/${TENANT_ID}`;
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

export const subscription = (): CollectedResource =>
  azureResource(
    'Microsoft.Resources/subscriptions',
    SEC_SUB_UID,
    { subscriptionId: SEC_SUB, tenantId: TENANT_ID, displayName: 'Prod', state: 'Enabled' },
    { name: 'Prod', region: 'global', service: 'subscription' },
  );

export const azureGap = (
  operation: string,
  service: string,
  code = 'AuthorizationFailed',
): CollectionGap => ({
  service,
  region: 'global',
  operation,
  code,
  message: `${operation} was denied`,
});

/** Only the subscription, and optionally gaps: the check must judge the subscription itself. */
export const subscriptionCase = (...gaps: CollectionGap[]): CheckCase => ({
  resources: [subscription()],
  gaps,
  uid: SEC_SUB_UID,
});

// Defender plans
export const pricingUid = (plan: string) =>
  `${SEC_SUB_UID}/providers/Microsoft.Security/pricings/${plan}`.toLowerCase();
export const pricing = (plan: string, properties: Record<string, unknown>): CollectedResource =>
  azureResource(
    'Microsoft.Security/pricings',
    `${SEC_SUB_UID}/providers/Microsoft.Security/pricings/${plan}`,
    { properties },
    { name: plan, region: 'global', service: 'defender' },
  );
export const pricingCase = (plan: string, properties: Record<string, unknown>): CheckCase => ({
  resources: [subscription(), pricing(plan, properties)],
  uid: pricingUid(plan),
});
const planFixtures = (plan: string): CheckFixtures => ({
  pass: pricingCase(plan, { pricingTier: 'Standard', enablementTime: '2024-02-01T09:00:00Z' }),
  fail: pricingCase(plan, { pricingTier: 'Free' }),
  // The plans list was denied: whether the plan is on is unknown.
  error: subscriptionCase(azureGap('Pricings_List', 'Microsoft.Security')),
});

// Security contacts
export const CONTACT_UID = `${SEC_SUB_UID}/providers/microsoft.security/securitycontacts/default`;
export const contactCase = (properties: Record<string, unknown>): CheckCase => ({
  resources: [
    subscription(),
    azureResource(
      'Microsoft.Security/securityContacts',
      `${SEC_SUB_UID}/providers/Microsoft.Security/securityContacts/default`,
      { properties },
      { name: 'default', region: 'global', service: 'defender' },
    ),
  ],
  uid: CONTACT_UID,
});
export const GOOD_CONTACT = {
  notificationsByRole: { state: 'On', roles: ['Owner'] },
  isEnabled: true,
  emails: 'secops@example.com',
  notificationsSources: [{ sourceType: 'Alert', minimalSeverity: 'High' }],
};
const contactsDenied = subscriptionCase(azureGap('SecurityContacts_List', 'Microsoft.Security'));

// RBAC
export const roleUid = (name: string) =>
  `${SEC_SUB_UID}/providers/microsoft.authorization/roledefinitions/${name}`;
export const customRoleCase = (
  properties: Record<string, unknown>,
  name = 'c0ffee00-0000-4000-8000-000000000001',
): CheckCase => ({
  resources: [
    subscription(),
    azureResource(
      'Microsoft.Authorization/roleDefinitions',
      `${SEC_SUB_UID}/providers/Microsoft.Authorization/roleDefinitions/${name}`,
      { properties: { roleName: 'Test Role', type: 'CustomRole', ...properties } },
      { name: 'Test Role', region: 'global', service: 'iam' },
    ),
  ],
  uid: roleUid(name),
});

let seq = 0;
export const roleAssignment = (
  principalId: string,
  role = OWNER,
  scope = SEC_SUB_UID,
  principalType = 'User',
): CollectedResource => {
  const name = `a551a551-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  return azureResource(
    'Microsoft.Authorization/roleAssignments',
    `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    {
      properties: {
        roleDefinitionId: `${SEC_SUB_UID}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
        principalId,
        principalType,
        scope,
      },
    },
    { name, region: 'global', service: 'iam' },
  );
};
export const ownersCase = (assignments: CollectedResource[], gaps: CollectionGap[] = []): CheckCase => ({
  resources: [subscription(), ...assignments],
  gaps,
  uid: SEC_SUB_UID,
});
const principal = (n: number) => `0a1b2c3d-1111-4a5b-8c9d-${String(n).padStart(12, '0')}`;

// Entra ID tenant
export const tenantCase = (config: Record<string, unknown>, gaps: CollectionGap[] = []): CheckCase => ({
  resources: [
    subscription(),
    azureResource(
      'Microsoft.Graph/organization',
      TENANT_UID,
      { id: TENANT_ID, displayName: 'Northwind Health', ...config },
      { name: 'Northwind Health', region: 'global', service: 'entra' },
    ),
  ],
  gaps,
  uid: TENANT_UID.toLowerCase(),
});
export const authz = (policy: Record<string, unknown>) => tenantCase({ authorizationPolicy: policy });
export const userPerms = (perms: Record<string, unknown>) =>
  authz({ guestUserRoleId: '2af84b1e-32c8-42b7-82bc-daa82404023b', defaultUserRolePermissions: perms });
const authzDenied = tenantCase({}, [azureGap('AuthorizationPolicy_Get', 'Microsoft.Graph')]);
export const mfaPolicy = (over: Record<string, unknown> = {}) => ({
  id: 'p1',
  displayName: 'Require MFA for all users',
  state: 'enabled',
  conditions: {
    users: { includeUsers: ['All'], excludeUsers: ['break-glass'] },
    applications: { includeApplications: ['All'] },
    clientAppTypes: ['all'],
  },
  grantControls: { operator: 'OR', builtInControls: ['mfa'], authenticationStrength: null },
  ...over,
});
export const member = (upn: string) => ({
  '@odata.type': '#microsoft.graph.user',
  id: upn,
  displayName: upn.split('@')[0],
  userPrincipalName: upn,
});
export const registration = (upn: string, isAdmin: boolean, isMfaRegistered: unknown) => ({
  id: upn,
  userPrincipalName: upn,
  isAdmin,
  ...(isMfaRegistered === undefined ? {} : { isMfaRegistered }),
});

export const AZURE_SECURITY_FIXTURES: Record<string, CheckFixtures> = {
  defender_ensure_defender_for_server_is_on: planFixtures('VirtualMachines'),
  defender_ensure_defender_for_containers_is_on: planFixtures('Containers'),
  defender_ensure_defender_for_storage_is_on: planFixtures('StorageAccounts'),
  defender_ensure_defender_for_app_services_is_on: planFixtures('AppServices'),
  defender_ensure_defender_for_azure_sql_databases_is_on: planFixtures('SqlServers'),
  defender_ensure_defender_for_sql_servers_is_on: planFixtures('SqlServerVirtualMachines'),
  defender_ensure_defender_for_keyvault_is_on: planFixtures('KeyVaults'),
  defender_ensure_defender_for_arm_is_on: planFixtures('Arm'),

  defender_additional_email_configured_with_a_security_contact: {
    pass: contactCase(GOOD_CONTACT),
    fail: contactCase({ ...GOOD_CONTACT, emails: '' }),
    error: contactsDenied,
  },
  defender_ensure_notify_emails_to_owners: {
    pass: contactCase(GOOD_CONTACT),
    fail: contactCase({ ...GOOD_CONTACT, notificationsByRole: { state: 'On', roles: ['AccountAdmin'] } }),
    error: contactsDenied,
  },
  defender_ensure_notify_alerts_severity_is_high: {
    pass: contactCase(GOOD_CONTACT),
    fail: contactCase({
      ...GOOD_CONTACT,
      notificationsSources: [{ sourceType: 'AttackPath', minimalRiskLevel: 'Critical' }],
    }),
    error: contactsDenied,
  },

  iam_subscription_roles_owner_custom_not_created: {
    pass: customRoleCase({
      assignableScopes: [SEC_SUB_UID],
      permissions: [{ actions: ['Microsoft.Compute/virtualMachines/start/action'], notActions: [] }],
    }),
    fail: customRoleCase({
      assignableScopes: [SEC_SUB_UID],
      permissions: [{ actions: ['*'], notActions: [] }],
    }),
    // The role's permissions did not come back: whether it grants * is unknown.
    error: customRoleCase({ assignableScopes: [SEC_SUB_UID] }),
  },
  iam_subscription_owners_between_two_and_three: {
    pass: ownersCase([roleAssignment(principal(1)), roleAssignment(principal(2))]),
    fail: ownersCase([1, 2, 3, 4].map((n) => roleAssignment(principal(n)))),
    error: ownersCase([], [azureGap('RoleAssignments_ListForSubscription', 'Microsoft.Authorization')]),
  },

  entra_security_defaults_or_conditional_access_mfa_enabled: {
    pass: tenantCase({ securityDefaults: { isEnabled: true }, conditionalAccessPolicies: [] }),
    fail: tenantCase({ securityDefaults: { isEnabled: false }, conditionalAccessPolicies: [] }),
    // Security defaults off and the policies were not readable: an MFA policy may exist.
    error: tenantCase({ securityDefaults: { isEnabled: false } }, [
      azureGap('ConditionalAccessPolicies_List', 'Microsoft.Graph'),
    ]),
  },
  entra_policy_guest_users_access_restrictions: {
    pass: authz({ guestUserRoleId: '2af84b1e-32c8-42b7-82bc-daa82404023b' }),
    fail: authz({ guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3' }),
    error: authzDenied,
  },
  entra_policy_ensure_default_user_cannot_create_apps: {
    pass: userPerms({ allowedToCreateApps: false }),
    fail: userPerms({ allowedToCreateApps: true }),
    error: authzDenied,
  },
  entra_policy_restricts_user_consent_for_apps: {
    pass: userPerms({
      permissionGrantPoliciesAssigned: [
        'ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-team',
      ],
    }),
    fail: userPerms({
      permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
    }),
    error: authzDenied,
  },
  entra_global_admin_in_less_than_five_users: {
    pass: tenantCase({ globalAdministrators: ['a', 'b'].map((u) => member(`${u}@example.com`)) }),
    fail: tenantCase({
      globalAdministrators: ['a', 'b', 'c', 'd', 'e'].map((u) => member(`${u}@example.com`)),
    }),
    error: tenantCase({}, [azureGap('GlobalAdministrators_ListMembers', 'Microsoft.Graph')]),
  },
  entra_privileged_user_has_mfa: {
    pass: tenantCase({
      userRegistrationDetails: [
        registration('a@example.com', true, true),
        registration('u@example.com', false, false),
      ],
    }),
    fail: tenantCase({
      userRegistrationDetails: [
        registration('a@example.com', true, true),
        registration('b@example.com', true, false),
      ],
    }),
    error: tenantCase({}, [azureGap('UserRegistrationDetails_List', 'Microsoft.Graph', 'Forbidden')]),
  },
};
