// The security group's Azure calls (ARM and Graph); see main/collect/azure/registry.ts for what an entry means.
// Defender for Cloud (Microsoft.Security), Azure RBAC (Microsoft.Authorization) and Entra ID (Microsoft Graph).
import type { AzureArmCall, AzureGraphCall } from '../registry';

/** The Global Administrator role's template id: the same in every Entra ID tenant. */
export const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

export const SECURITY_ARM_CALLS: readonly AzureArmCall[] = [
  {
    api: 'arm',
    operation: 'Pricings_List',
    namespace: 'Microsoft.Security',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Security/pricings',
    apiVersion: '2024-01-01',
    paged: true,
    action: 'Microsoft.Security/pricings/read',
    why: 'Lists the Microsoft Defender for Cloud plans of the subscription with their pricing tier (Free or Standard): whether Defender protects servers, storage, SQL, Key Vault, containers, App Service and Resource Manager.',
  },
  {
    // No stable api-version of SecurityContacts_List exists: 2023-12-01-preview is the newest and the one whose
    // shape (notificationsByRole, notificationsSources) the Azure portal and the CIS benchmark describe.
    api: 'arm',
    operation: 'SecurityContacts_List',
    namespace: 'Microsoft.Security',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Security/securityContacts',
    apiVersion: '2023-12-01-preview',
    paged: true,
    action: 'Microsoft.Security/securityContacts/read',
    why: 'Reads who Defender for Cloud emails about security alerts (additional addresses, subscription owners) and from which alert severity (a preview API: no stable version exists).',
  },
  {
    api: 'arm',
    operation: 'RoleAssignments_ListForSubscription',
    namespace: 'Microsoft.Authorization',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleAssignments',
    apiVersion: '2022-04-01',
    paged: true,
    action: 'Microsoft.Authorization/roleAssignments/read',
    why: 'Lists the Azure role assignments that apply to the subscription (who holds Owner and other roles, at which scope): the population for the subscription owner count.',
  },
  {
    api: 'arm',
    operation: 'RoleDefinitions_List',
    namespace: 'Microsoft.Authorization',
    method: 'GET',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions',
    apiVersion: '2022-04-01',
    paged: true,
    action: 'Microsoft.Authorization/roleDefinitions/read',
    why: 'Lists the role definitions usable in the subscription, to find custom roles that grant every action (custom subscription administrator roles).',
  },
];

export const SECURITY_GRAPH_CALLS: readonly AzureGraphCall[] = [
  {
    api: 'graph',
    operation: 'IdentitySecurityDefaultsEnforcementPolicy_Get',
    namespace: 'Microsoft.Graph',
    method: 'GET',
    path: '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy',
    paged: false,
    permission: 'Policy.Read.All',
    why: 'Reads whether Entra ID security defaults (MFA registration and enforcement for every user) are on in the tenant.',
  },
  {
    api: 'graph',
    operation: 'ConditionalAccessPolicies_List',
    namespace: 'Microsoft.Graph',
    method: 'GET',
    path: '/v1.0/identity/conditionalAccess/policies',
    paged: true,
    permission: 'Policy.Read.All',
    why: 'Lists the Conditional Access policies, to see whether one requires multi-factor authentication for all users and applications when security defaults are off.',
  },
  {
    api: 'graph',
    operation: 'AuthorizationPolicy_Get',
    namespace: 'Microsoft.Graph',
    method: 'GET',
    path: '/v1.0/policies/authorizationPolicy',
    paged: false,
    permission: 'Policy.Read.All',
    why: "Reads the tenant's user settings: the guest user access level, whether users may register applications and whether they may consent to applications themselves.",
  },
  {
    api: 'graph',
    operation: 'GlobalAdministrators_ListMembers',
    namespace: 'Microsoft.Graph',
    method: 'GET',
    path: `/v1.0/directoryRoles(roleTemplateId='${GLOBAL_ADMINISTRATOR_TEMPLATE_ID}')/members`,
    paged: true,
    permission: 'RoleManagement.Read.Directory',
    why: 'Lists the members of the Global Administrator role, to confirm the number of tenant-wide administrators is kept small.',
  },
  {
    api: 'graph',
    operation: 'UserRegistrationDetails_List',
    namespace: 'Microsoft.Graph',
    method: 'GET',
    path: '/v1.0/reports/authenticationMethods/userRegistrationDetails',
    paged: true,
    permission: 'AuditLog.Read.All',
    why: 'Lists which users hold an administrator role and whether each has registered a multi-factor authentication method.',
  },
];
