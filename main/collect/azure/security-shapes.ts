// What the security group's collectors store (Defender for Cloud, Azure RBAC, Entra ID). Conventions as in
// ./shapes.ts: uid = the ARM id lower-cased, config = the JSON exactly as Azure returned it, follow-ups under
// the keys documented here, ABSENT when their call failed (a gap names it), JSON null when Azure reports
// "not configured".

/** A Defender for Cloud plan (Pricings_List item as returned): properties.pricingTier is Free or Standard. */
export const AZURE_DEFENDER_PRICING = 'Microsoft.Security/pricings';
/**
 * A Defender for Cloud security contact (SecurityContacts_List item as returned, api-version
 * 2023-12-01-preview): properties.emails ("a@x;b@y"), properties.notificationsByRole {state, roles},
 * properties.notificationsSources [{sourceType: Alert, minimalSeverity} ...], properties.isEnabled. A
 * subscription that never configured one has none: the list answers an empty value, no resource is stored, and
 * the checks judge the subscription (fail) unless SecurityContacts_List failed (error).
 */
export const AZURE_SECURITY_CONTACT = 'Microsoft.Security/securityContacts';
/**
 * An Azure role assignment (RoleAssignments_ListForSubscription item as returned): properties.roleDefinitionId,
 * principalId, principalType and scope. The list holds assignments at the subscription, above it (management
 * groups, "/") and below it (resource groups, resources); properties.scope says which.
 */
export const AZURE_ROLE_ASSIGNMENT = 'Microsoft.Authorization/roleAssignments';
/**
 * A CUSTOM role definition (RoleDefinitions_List item with properties.type CustomRole, as returned):
 * properties.roleName, permissions [{actions, notActions, dataActions, notDataActions}], assignableScopes.
 * Built-in roles (hundreds, the same in every tenant) stay in the raw responses only.
 */
export const AZURE_ROLE_DEFINITION = 'Microsoft.Authorization/roleDefinitions';
/**
 * The Entra ID tenant: its organization record (Graph Organization_List item as returned, id = tenant id),
 * uid /tenants/<tenant id>, with the tenant-wide settings attached under the keys of EntraTenantConfig.
 */
export const AZURE_ENTRA_TENANT = 'Microsoft.Graph/organization';

/** The built-in Owner role's id (the last segment of properties.roleDefinitionId), the same in every tenant. */
export const OWNER_ROLE_DEFINITION_ID = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

export type DefenderPricingConfig = Record<string, unknown> & {
  id: string;
  name: string;
  properties?: { pricingTier?: string; subPlan?: string } & Record<string, unknown>;
};

export type RoleDefinitionConfig = Record<string, unknown> & {
  id: string;
  name: string;
  properties?: {
    roleName?: string;
    type?: string;
    assignableScopes?: string[];
    permissions?: { actions?: string[]; notActions?: string[] }[];
  } & Record<string, unknown>;
};

/** The tenant resource's config: the organization record plus each Graph follow-up (absent when it failed). */
export type EntraTenantConfig = Record<string, unknown> & {
  id: string;
  displayName?: string;
  /** IdentitySecurityDefaultsEnforcementPolicy_Get as returned: isEnabled. */
  securityDefaults?: Record<string, unknown>;
  /** ConditionalAccessPolicies_List: every policy of every page, as returned (state, conditions, grantControls). */
  conditionalAccessPolicies?: Record<string, unknown>[];
  /**
   * AuthorizationPolicy_Get as returned: guestUserRoleId, defaultUserRolePermissions.allowedToCreateApps and
   * defaultUserRolePermissions.permissionGrantPoliciesAssigned.
   */
  authorizationPolicy?: Record<string, unknown>;
  /** GlobalAdministrators_ListMembers: the role's members (users, groups, service principals) as returned. */
  globalAdministrators?: Record<string, unknown>[];
  /**
   * UserRegistrationDetails_List: per user userPrincipalName, isAdmin, isMfaRegistered, methodsRegistered, as
   * returned (every page).
   */
  userRegistrationDetails?: Record<string, unknown>[];
};

/** The tenant resource's uid. */
export function entraTenantUid(tenantId: string): string {
  return `/tenants/${tenantId}`.toLowerCase();
}
