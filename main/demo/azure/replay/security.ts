// The security group's replay answers, keyed by registry operation name (see ../server.ts AzureReplayHandler).
// ARM lists page with nextLink, Graph lists with @odata.nextLink; single Graph objects carry their @odata.context
// as Graph sends it. A subscription or tenant without security facts answers as Azure does for an untouched
// one: no contacts, no custom roles, security defaults on.
import type { AzureReplayHandler } from '../server';

const GRAPH = 'https://graph.microsoft.com/v1.0/$metadata';

export const SECURITY_REPLAY: Record<string, AzureReplayHandler> = {
  Pricings_List: ({ sub, list }) => list(sub?.security?.pricings ?? []),
  SecurityContacts_List: ({ sub, list }) => list(sub?.security?.securityContacts ?? []),
  RoleAssignments_ListForSubscription: ({ sub, list }) => list(sub?.security?.roleAssignments ?? []),
  RoleDefinitions_List: ({ sub, list }) => list(sub?.security?.roleDefinitions ?? []),

  IdentitySecurityDefaultsEnforcementPolicy_Get: ({ estate, error }) => {
    const t = estate.tenant?.security;
    if (!t) return error(404, 'Request_ResourceNotFound', 'Resource not found for the segment.');
    return {
      status: 200,
      body: {
        '@odata.context': `${GRAPH}#policies/identitySecurityDefaultsEnforcementPolicy/$entity`,
        ...t.securityDefaults,
      },
    };
  },
  AuthorizationPolicy_Get: ({ estate, error }) => {
    const t = estate.tenant?.security;
    if (!t) return error(404, 'Request_ResourceNotFound', 'Resource not found for the segment.');
    return {
      status: 200,
      body: { '@odata.context': `${GRAPH}#policies/authorizationPolicy/$entity`, ...t.authorizationPolicy },
    };
  },
  ConditionalAccessPolicies_List: ({ estate, list }) =>
    list(estate.tenant?.security?.conditionalAccessPolicies ?? [], '@odata.nextLink'),
  GlobalAdministrators_ListMembers: ({ estate, list }) =>
    list(estate.tenant?.security?.globalAdministrators ?? [], '@odata.nextLink'),
  UserRegistrationDetails_List: ({ estate, list }) =>
    list(estate.tenant?.security?.userRegistrationDetails ?? [], '@odata.nextLink'),
};
