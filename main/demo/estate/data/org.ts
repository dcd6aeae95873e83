// The demo organisation's org facts, per account id (see main/demo/estate/sections/org.ts for the shape).
//
// Northwind Health's organisation o-nwh1example: the management account 111122223333 sits directly under the
// root, the member 444455556666 "Northwind Health Dev" in the Workloads OU, and 777788889999 "Northwind Health
// Sandbox" in the Sandbox OU. Predicted findings, all visible from the management account alone:
// - organizations_scp_check: 444455556666 PASS (NWH-DenyLeaveOrganization and NWH-ApprovedRegionsOnly reach
//   it through the Workloads OU); 111122223333, 777788889999 and 888899990000 FAIL (only FullAWSAccess).
// The sandbox's OrganizationAccountAccessRole does not trust the management account, so the demo's
// whole-organisation run records "could not assume the role" for 777788889999 and goes on.
import type { OrganizationEstate } from '../sections/org';

const MANAGEMENT = '111122223333';
const DEV = '444455556666';
const SANDBOX = '777788889999';
const LEGACY = '888899990000';
const ROOT = 'r-nw12';
const OU_WORKLOADS = 'ou-nw12-wrkl0ad5';
const OU_SANDBOX = 'ou-nw12-5andb0x1';

const membership = {
  id: 'o-nwh1example',
  managementAccountId: MANAGEMENT,
  managementEmail: 'aws-root@northwind-health.example',
  featureSet: 'ALL' as const,
  rootId: ROOT,
  scpEnabled: true,
};

export const ORG_ESTATE: Record<string, OrganizationEstate> = {
  [MANAGEMENT]: {
    organization: {
      ...membership,
      accounts: [
        { id: MANAGEMENT, name: 'Northwind Health', email: 'aws-root@northwind-health.example', status: 'ACTIVE', parentId: ROOT, joinedDaysAgo: 3200 },
        { id: DEV, name: 'Northwind Health Dev', email: 'aws-dev@northwind-health.example', status: 'ACTIVE', parentId: OU_WORKLOADS, joinedDaysAgo: 1100 },
        { id: SANDBOX, name: 'Northwind Health Sandbox', email: 'aws-sandbox@northwind-health.example', status: 'ACTIVE', parentId: OU_SANDBOX, joinedDaysAgo: 400 },
        { id: LEGACY, name: 'Northwind Health Legacy', email: 'aws-legacy@northwind-health.example', status: 'ACTIVE', parentId: OU_SANDBOX, joinedDaysAgo: 900 },
      ],
      units: [
        { id: OU_WORKLOADS, name: 'Workloads', parentId: ROOT },
        { id: OU_SANDBOX, name: 'Sandbox', parentId: ROOT },
      ],
      policies: [
        { id: 'p-FullAWSAccess', name: 'FullAWSAccess', description: 'Allows access to every operation', awsManaged: true, targets: [ROOT] },
        { id: 'p-nwhdenyleave1', name: 'NWH-DenyLeaveOrganization', description: 'Member accounts may not leave the organisation', awsManaged: false, targets: [OU_WORKLOADS] },
        { id: 'p-nwhregions01', name: 'NWH-ApprovedRegionsOnly', description: 'Deny outside us-east-1, us-west-2 and eu-west-1', awsManaged: false, targets: [OU_WORKLOADS] },
        // Written but never attached: it protects nothing, so it must not make an account pass.
        { id: 'p-nwhdraft0001', name: 'NWH-DenyRootUser-draft', description: 'Draft: deny the root user', awsManaged: false, targets: [] },
      ],
    },
    trustedRoles: {},
  },
  [DEV]: {
    organization: membership,
    // The member role trusts the management account: the whole-organisation run can collect it.
    trustedRoles: {
      OrganizationAccountAccessRole: [MANAGEMENT],
      EvidenceDeskAudit: [MANAGEMENT],
    },
  },
  [LEGACY]: {
    organization: membership,
    // Collectable like the Dev account; nearly empty and never brought up to standard (northwind-legacy.ts).
    trustedRoles: { OrganizationAccountAccessRole: [MANAGEMENT] },
  },
};
