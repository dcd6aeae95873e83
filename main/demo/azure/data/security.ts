// The demo tenant's security facts: per subscription id, and tenant-wide (Graph) where the group needs them.
// Defender plans and the security contact come from the public REST examples (../examples/Microsoft.Security,
// ids rewritten); role assignments from the role assignment example's shape; role definitions and the Graph
// answers are written by hand in the shapes of the REST and Graph v1.0 references. All ids are fictional.
//
// What the checks find (Defender plans, contacts and the owner count are one fact per subscription: they fail in
// production and pass in development; custom roles are judged one by one; the tenant is shared by both):
//  Production 3f9a2c71-...:
//   - Defender plans: Servers, Containers, Storage, App Service, Azure SQL, SQL on machines, Key Vault and
//     Resource Manager on the Free tier -> every defender_ensure_defender_for_* check fails (only Defender CSPM and
//     DNS are Standard, as a cost-cutting estate might have).
//   - Security contact: no email address, owners not notified (only AccountAdmin), alert notifications off (only
//     attack-path notifications) -> the three contact checks fail.
//   - Owners: three principals at the subscription plus one inherited from the management group = 4 -> fails
//     (an Owner on a resource group only and a Reader do not count).
//   - Custom roles: "Northwind Subscription Admin" allows * at the subscription -> fails; "Northwind VM Operator"
//     (VM start/restart/read) -> passes.
//  Development b8e4d0c2-...: every Defender plan Standard, the example's contact (two emails, owners notified,
//   alerts from Medium), two owners, one narrow custom role -> everything passes.
//  Tenant (both): security defaults off but an enabled Conditional Access policy requires MFA for all users and
//   apps -> MFA check passes; guests have the default "limited" access -> fails; users may register apps ->
//   fails; user consent is off (only group-owner consent) -> passes; 5 Global Administrators -> fails; admin
//   Dana Wright has no MFA method registered -> the privileged-MFA check fails.
import pricingsExample from '../examples/Microsoft.Security/pricings_list.json';
import contactsExample from '../examples/Microsoft.Security/securityContacts_list.json';
import assignmentExample from '../examples/Microsoft.Authorization/roleAssignments_listForScope_subscription.json';
import type { SecuritySection, SecurityTenantSection } from '../sections/security';
import {
  NORTHWIND_PROD_SUBSCRIPTION as P,
  NORTHWIND_DEV_SUBSCRIPTION as D,
  RESEARCH_SANDBOX_SUBSCRIPTION as R,
} from '../ids';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';

/** The example's plans for a subscription, each on the tier given (Standard when not listed). */
function pricings(sub: string, free: string[]): Json[] {
  return (pricingsExample.responses['200'].body.value as Json[]).map((p) => {
    const name = p.name as string;
    const base = clone(p) as Json & { properties: Json };
    const id = `/subscriptions/${sub}/providers/Microsoft.Security/pricings/${name}`;
    if (!free.includes(name)) {
      const props: Json = { ...base.properties, pricingTier: 'Standard' };
      if (name === 'KubernetesService' || name === 'ContainerRegistry') return { ...base, id }; // deprecated plans
      props.enablementTime ??= '2024-02-01T09:00:00.0000000Z';
      props.resourcesCoverageStatus = 'FullyCovered';
      return { ...base, id, properties: props };
    }
    // A Free plan as Azure reports it: no sub-plan, no enablement time, no extensions.
    const { subPlan: _s, enablementTime: _e, extensions: _x, ...rest } = base.properties;
    void _s;
    void _e;
    void _x;
    return {
      ...base,
      id,
      properties: { ...rest, pricingTier: 'Free', resourcesCoverageStatus: 'NotCovered' },
    };
  });
}

function contact(sub: string, properties: Json): Json {
  const base = clone(contactsExample.responses['200'].body.value[0]) as Json;
  return {
    ...base,
    id: `/subscriptions/${sub}/providers/Microsoft.Security/securityContacts/default`,
    properties,
  };
}

let assignmentSeq = 0;
/** A role assignment in the example's shape; scope defaults to the subscription. */
function assignment(
  sub: string,
  role: string,
  principalId: string,
  principalType: 'User' | 'Group' | 'ServicePrincipal',
  scope = `/subscriptions/${sub}`,
): Json {
  const base = clone(assignmentExample.responses['200'].body.value[0]) as Json & { properties: Json };
  const name = `5d1f7e2a-0c4b-4e6d-9a3f-${String(++assignmentSeq).padStart(12, '0')}`;
  return {
    ...base,
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    properties: {
      ...base.properties,
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId,
      principalType,
      scope,
      createdOn: '2024-03-11T10:15:00.0000000Z',
      updatedOn: '2024-03-11T10:15:00.0000000Z',
    },
  };
}

/** A role definition in the shape of the Get example (properties.roleName, type, permissions, assignableScopes). */
function roleDefinition(
  sub: string,
  name: string,
  roleName: string,
  type: 'BuiltInRole' | 'CustomRole',
  actions: string[],
  assignableScopes: string[] = ['/'],
): Json {
  return {
    properties: {
      roleName,
      type,
      description: `${roleName} role`,
      assignableScopes,
      permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
      createdOn: '2023-11-02T08:00:00.0000000Z',
      updatedOn: '2024-05-20T08:00:00.0000000Z',
      createdBy: type === 'CustomRole' ? '1b7c2e90-4d5a-4f1e-8c3b-6a9d0e2f4b71' : null,
      updatedBy: type === 'CustomRole' ? '1b7c2e90-4d5a-4f1e-8c3b-6a9d0e2f4b71' : null,
    },
    id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${name}`,
    type: 'Microsoft.Authorization/roleDefinitions',
    name,
  };
}

const builtIns = (sub: string): Json[] => [
  roleDefinition(sub, OWNER, 'Owner', 'BuiltInRole', ['*']),
  roleDefinition(sub, CONTRIBUTOR, 'Contributor', 'BuiltInRole', ['*']),
  roleDefinition(sub, READER, 'Reader', 'BuiltInRole', ['*/read']),
];

const vmOperator = (sub: string): Json =>
  roleDefinition(
    sub,
    '3c8f1a2b-7d4e-4b6a-9e0f-1a2b3c4d5e6f',
    'Northwind VM Operator',
    'CustomRole',
    [
      'Microsoft.Compute/virtualMachines/read',
      'Microsoft.Compute/virtualMachines/start/action',
      'Microsoft.Compute/virtualMachines/restart/action',
    ],
    [`/subscriptions/${sub}`],
  );

const USERS = {
  alice: '0a1b2c3d-1111-4a5b-8c9d-000000000001',
  ben: '0a1b2c3d-1111-4a5b-8c9d-000000000002',
  chen: '0a1b2c3d-1111-4a5b-8c9d-000000000003',
  dana: '0a1b2c3d-1111-4a5b-8c9d-000000000004',
  eve: '0a1b2c3d-1111-4a5b-8c9d-000000000005',
  farid: '0a1b2c3d-1111-4a5b-8c9d-000000000006',
  platformGroup: '0a1b2c3d-2222-4a5b-8c9d-000000000010',
  deployer: '0a1b2c3d-3333-4a5b-8c9d-000000000020',
};

const production: SecuritySection = {
  pricings: pricings(P, [
    'VirtualMachines',
    'Containers',
    'StorageAccounts',
    'AppServices',
    'SqlServers',
    'SqlServerVirtualMachines',
    'KeyVaults',
    'Arm',
    'OpenSourceRelationalDatabases',
  ]),
  securityContacts: [
    contact(P, {
      notificationsByRole: { state: 'On', roles: ['AccountAdmin'] },
      isEnabled: true,
      emails: '',
      phone: '',
      notificationsSources: [{ sourceType: 'AttackPath', minimalRiskLevel: 'Critical' }],
    }),
  ],
  roleAssignments: [
    assignment(P, OWNER, USERS.alice, 'User'),
    assignment(P, OWNER, USERS.ben, 'User'),
    assignment(P, OWNER, USERS.platformGroup, 'Group'),
    // Inherited from the management group: an owner of the subscription too.
    assignment(
      P,
      OWNER,
      USERS.chen,
      'User',
      '/providers/Microsoft.Management/managementGroups/northwind-root',
    ),
    // Owner of one resource group only: not a subscription owner.
    assignment(P, OWNER, USERS.eve, 'User', `/subscriptions/${P}/resourceGroups/rg-web`),
    assignment(P, READER, USERS.farid, 'User'),
    assignment(P, CONTRIBUTOR, USERS.deployer, 'ServicePrincipal'),
  ],
  roleDefinitions: [
    ...builtIns(P),
    roleDefinition(
      P,
      '9f2e4d6c-8b1a-4c3e-a5f7-0d9e8c7b6a51',
      'Northwind Subscription Admin',
      'CustomRole',
      ['*'],
      [`/subscriptions/${P}`],
    ),
    vmOperator(P),
  ],
};

const development: SecuritySection = {
  pricings: pricings(D, ['OpenSourceRelationalDatabases']),
  securityContacts: [
    contact(D, {
      ...(clone(contactsExample.responses['200'].body.value[0].properties) as Json),
      emails: 'secops@northwindhealth.example;platform@northwindhealth.example',
      phone: '',
    }),
  ],
  roleAssignments: [
    assignment(D, OWNER, USERS.alice, 'User'),
    assignment(D, OWNER, USERS.platformGroup, 'Group'),
    assignment(D, CONTRIBUTOR, USERS.deployer, 'ServicePrincipal'),
  ],
  roleDefinitions: [...builtIns(D), vmOperator(D)],
};

const RESEARCHERS = {
  ines: '4c7d2e91-1111-4b6a-9d0e-000000000001',
  jonas: '4c7d2e91-1111-4b6a-9d0e-000000000002',
  kemi: '4c7d2e91-1111-4b6a-9d0e-000000000003',
  lab: '4c7d2e91-3333-4b6a-9d0e-000000000020',
};

/** Research sandbox: Defender everywhere, a contact, two owners: its subscription-level facts pass. */
const research: SecuritySection = {
  pricings: pricings(R, []),
  securityContacts: [
    contact(R, {
      ...(clone(contactsExample.responses['200'].body.value[0].properties) as Json),
      emails: 'security@northwindresearch.example',
      phone: '',
    }),
  ],
  roleAssignments: [
    assignment(R, OWNER, RESEARCHERS.ines, 'User'),
    assignment(R, OWNER, RESEARCHERS.jonas, 'User'),
    assignment(R, CONTRIBUTOR, RESEARCHERS.lab, 'ServicePrincipal'),
    assignment(R, READER, RESEARCHERS.kemi, 'User'),
  ],
  roleDefinitions: [...builtIns(R), vmOperator(R)],
};

export const SECURITY_BY_SUBSCRIPTION: Record<string, SecuritySection> = {
  [P]: production,
  [D]: development,
  [R]: research,
};

const user = (id: string, displayName: string, upn: string): Json => ({
  '@odata.type': '#microsoft.graph.user',
  id,
  businessPhones: [],
  displayName,
  givenName: displayName.split(' ')[0],
  jobTitle: null,
  mail: upn,
  mobilePhone: null,
  officeLocation: null,
  preferredLanguage: 'en-US',
  surname: displayName.split(' ')[1] ?? null,
  userPrincipalName: upn,
});

const registration = (id: string, name: string, upn: string, isAdmin: boolean, methods: string[]): Json => ({
  id,
  userPrincipalName: upn,
  userDisplayName: name,
  userType: 'member',
  isAdmin,
  isSsprRegistered: methods.length > 0,
  isSsprEnabled: true,
  isSsprCapable: methods.length > 0,
  isMfaRegistered: methods.some((m) => m !== 'email'),
  isMfaCapable: methods.some((m) => m !== 'email'),
  isPasswordlessCapable: methods.includes('fido2SecurityKey'),
  methodsRegistered: methods,
  isSystemPreferredAuthenticationMethodEnabled: true,
  systemPreferredAuthenticationMethods: methods.includes('microsoftAuthenticatorPush') ? ['push'] : [],
  userPreferredMethodForSecondaryAuthentication: methods.includes('microsoftAuthenticatorPush')
    ? 'push'
    : 'none',
  lastUpdatedDateTime: '2025-06-01T07:30:00Z',
});

const PEOPLE: [keyof typeof USERS, string, string][] = [
  ['alice', 'Alice Moreau', 'alice.moreau@northwindhealth.example'],
  ['ben', 'Ben Okafor', 'ben.okafor@northwindhealth.example'],
  ['chen', 'Chen Li', 'chen.li@northwindhealth.example'],
  ['dana', 'Dana Wright', 'dana.wright@northwindhealth.example'],
  ['eve', 'Eve Lindqvist', 'eve.lindqvist@northwindhealth.example'],
  ['farid', 'Farid Haddad', 'farid.haddad@northwindhealth.example'],
];
const GLOBAL_ADMINS: (keyof typeof USERS)[] = ['alice', 'ben', 'chen', 'dana', 'eve'];

export const SECURITY_TENANT: SecurityTenantSection | undefined = {
  securityDefaults: {
    id: '00000000-0000-0000-0000-000000000005',
    displayName: 'Security Defaults',
    description:
      'Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.',
    isEnabled: false,
  },
  conditionalAccessPolicies: [
    {
      id: '6b2f0c1e-5a4d-4e3b-9c8a-7f6e5d4c3b2a',
      templateId: null,
      displayName: 'Block legacy authentication',
      createdDateTime: '2024-01-15T09:00:00Z',
      modifiedDateTime: '2024-01-15T09:00:00Z',
      state: 'enabled',
      sessionControls: null,
      conditions: {
        userRiskLevels: [],
        signInRiskLevels: [],
        clientAppTypes: ['exchangeActiveSync', 'other'],
        platforms: null,
        locations: null,
        devices: null,
        applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
        users: {
          includeUsers: ['All'],
          excludeUsers: [],
          includeGroups: [],
          excludeGroups: [],
          includeRoles: [],
          excludeRoles: [],
        },
      },
      grantControls: {
        operator: 'OR',
        builtInControls: ['block'],
        customAuthenticationFactors: [],
        termsOfUse: [],
      },
    },
    {
      id: '1d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
      templateId: null,
      displayName: 'Require MFA for all users',
      createdDateTime: '2024-01-15T09:05:00Z',
      modifiedDateTime: '2024-06-02T14:20:00Z',
      state: 'enabled',
      sessionControls: null,
      conditions: {
        userRiskLevels: [],
        signInRiskLevels: [],
        clientAppTypes: ['all'],
        platforms: null,
        locations: null,
        devices: null,
        applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
        users: {
          includeUsers: ['All'],
          // The break-glass account, as Microsoft recommends.
          excludeUsers: ['0a1b2c3d-9999-4a5b-8c9d-000000000099'],
          includeGroups: [],
          excludeGroups: [],
          includeRoles: [],
          excludeRoles: [],
        },
      },
      grantControls: {
        operator: 'OR',
        builtInControls: ['mfa'],
        customAuthenticationFactors: [],
        termsOfUse: [],
        authenticationStrength: null,
      },
    },
    {
      id: '2e0d9c8b-7a6f-4e5d-9c3b-2a1f0e9d8c7b',
      templateId: null,
      displayName: 'Pilot: require compliant device (report-only)',
      createdDateTime: '2025-02-10T11:00:00Z',
      modifiedDateTime: '2025-02-10T11:00:00Z',
      state: 'enabledForReportingButNotEnforced',
      sessionControls: null,
      conditions: {
        userRiskLevels: [],
        signInRiskLevels: [],
        clientAppTypes: ['all'],
        platforms: null,
        locations: null,
        devices: null,
        applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
        users: {
          includeUsers: [],
          excludeUsers: [],
          includeGroups: ['0a1b2c3d-2222-4a5b-8c9d-000000000010'],
          excludeGroups: [],
          includeRoles: [],
          excludeRoles: [],
        },
      },
      grantControls: {
        operator: 'OR',
        builtInControls: ['compliantDevice'],
        customAuthenticationFactors: [],
        termsOfUse: [],
      },
    },
  ],
  authorizationPolicy: {
    id: 'authorizationPolicy',
    allowInvitesFrom: 'adminsAndGuestInviters',
    allowedToSignUpEmailBasedSubscriptions: false,
    allowedToUseSSPR: true,
    allowEmailVerifiedUsersToJoinOrganization: false,
    allowUserConsentForRiskyApps: null,
    blockMsolPowerShell: true,
    displayName: 'Authorization Policy',
    description: 'Used to manage authorization related settings across the company.',
    // Limited access: the Entra ID default, not the most restrictive level CIS asks for.
    guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
    defaultUserRolePermissions: {
      allowedToCreateApps: true,
      allowedToCreateSecurityGroups: false,
      allowedToCreateTenants: false,
      allowedToReadBitlockerKeysForOwnedDevice: true,
      allowedToReadOtherUsers: true,
      // Only group owners may consent for their groups: users cannot consent to apps for themselves.
      permissionGrantPoliciesAssigned: [
        'ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-team',
        'ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-chat',
      ],
    },
  },
  globalAdministrators: GLOBAL_ADMINS.map((k) => {
    const [, name, upn] = PEOPLE.find(([p]) => p === k)!;
    return user(USERS[k], name, upn);
  }),
  userRegistrationDetails: PEOPLE.map(([k, name, upn]) =>
    registration(
      USERS[k],
      name,
      upn,
      GLOBAL_ADMINS.includes(k),
      // Dana (a Global Administrator) never registered a second factor; Farid (not an admin) has only email.
      k === 'dana'
        ? []
        : k === 'farid'
          ? ['email']
          : ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'],
    ),
  ),
};

const RESEARCH_PEOPLE: [keyof typeof RESEARCHERS, string, string][] = [
  ['ines', 'Ines Ferreira', 'ines.ferreira@northwindresearch.example'],
  ['jonas', 'Jonas Berg', 'jonas.berg@northwindresearch.example'],
  ['kemi', 'Kemi Adeyemi', 'kemi.adeyemi@northwindresearch.example'],
];
const RESEARCH_ADMINS: (keyof typeof RESEARCHERS)[] = ['ines', 'jonas'];

/**
 * Northwind Research, the second demo tenant: set up separately by a small lab team, so each Entra ID fact lands
 * the other way from Northwind Health's (every Entra check then both passes and fails across the demo):
 *  - security defaults off and its only MFA policy is report-only -> the MFA check fails;
 *  - users may consent to low-risk apps for themselves (microsoft-user-default-low) -> the consent check fails;
 *  - guests are restricted to their own objects -> passes; users cannot register apps -> passes;
 *  - two Global Administrators, both with Authenticator registered -> the count and privileged-MFA checks pass.
 */
export const SECURITY_RESEARCH_TENANT: SecurityTenantSection = {
  securityDefaults: { ...clone(SECURITY_TENANT!.securityDefaults), isEnabled: false },
  conditionalAccessPolicies: [
    {
      ...clone(SECURITY_TENANT!.conditionalAccessPolicies[1]),
      id: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
      displayName: 'Require MFA for all users (report-only while the lab pilots it)',
      state: 'enabledForReportingButNotEnforced',
    },
  ],
  authorizationPolicy: {
    ...clone(SECURITY_TENANT!.authorizationPolicy),
    // Restricted access: guests see only their own directory objects, as CIS asks.
    guestUserRoleId: '2af84b1e-32c8-42b7-82bc-daa82404023b',
    defaultUserRolePermissions: {
      allowedToCreateApps: false,
      allowedToCreateSecurityGroups: false,
      allowedToCreateTenants: false,
      allowedToReadBitlockerKeysForOwnedDevice: true,
      allowedToReadOtherUsers: true,
      permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-low'],
    },
  },
  globalAdministrators: RESEARCH_ADMINS.map((k) => {
    const [, name, upn] = RESEARCH_PEOPLE.find(([p]) => p === k)!;
    return user(RESEARCHERS[k], name, upn);
  }),
  userRegistrationDetails: RESEARCH_PEOPLE.map(([k, name, upn]) =>
    registration(RESEARCHERS[k], name, upn, RESEARCH_ADMINS.includes(k), [
      'microsoftAuthenticatorPush',
      'softwareOneTimePasscode',
    ]),
  ),
};
