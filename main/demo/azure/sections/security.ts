// The security group's part of a replayable subscription (AzureSubscriptionEstate.security) or tenant: ARM and
// Graph JSON exactly as the services return it (the replay server pages the lists).
type Json = Record<string, unknown>;

export type SecuritySection = {
  /** Pricings_List items (Defender for Cloud plans). */
  pricings: Json[];
  /** SecurityContacts_List items (0 or 1: the "default" contact). */
  securityContacts: Json[];
  /** RoleAssignments_ListForSubscription items (at, above and below the subscription). */
  roleAssignments: Json[];
  /** RoleDefinitions_List items: built-in and custom roles. */
  roleDefinitions: Json[];
};

export type SecurityTenantSection = {
  /** GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy */
  securityDefaults: Json;
  /** GET /v1.0/identity/conditionalAccess/policies items */
  conditionalAccessPolicies: Json[];
  /** GET /v1.0/policies/authorizationPolicy */
  authorizationPolicy: Json;
  /** Members of the Global Administrator directory role */
  globalAdministrators: Json[];
  /** GET /v1.0/reports/authenticationMethods/userRegistrationDetails items */
  userRegistrationDetails: Json[];
};
