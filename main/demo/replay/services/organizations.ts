// AWS Organizations over awsJson1_1 (X-Amz-Target: AWSOrganizationsV20161128.<Operation>), rendered from
// Estate.organization. Timestamps are epoch seconds. Only the management account answers the structure
// calls; a member gets AccessDeniedException, and an account in no organisation gets
// AWSOrganizationsNotInUseException for every call, as AWS answers.
import type { Estate } from '../../estate/types';
import type { EstateOrganization } from '../../estate/sections/org';
import { jsonError, jsonOk, type ReplayResponse } from '../wire';
import { pageOf, UnknownOperation, type ReplayRequest, type Responder } from './types';

/** Small pages so the collectors' pagination is exercised by the demo itself. */
const PAGE = 2;

const fail = (type: string, message: string) => jsonError(400, type, message, 'organizations');

const seconds = (now: Date, daysAgo: number) => Math.floor((now.getTime() - daysAgo * 86_400_000) / 1000);

function policyArn(org: EstateOrganization, id: string, awsManaged: boolean): string {
  return awsManaged
    ? `arn:aws:organizations::aws:policy/service_control_policy/${id}`
    : `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/service_control_policy/${id}`;
}

function paged<T>(req: ReplayRequest, items: T[], key: string): ReplayResponse {
  const size = typeof req.params.MaxResults === 'number' ? req.params.MaxResults : PAGE;
  const { page, next } = pageOf(items, req.params.NextToken, size);
  return jsonOk({ [key]: page, ...(next ? { NextToken: next } : {}) }, 'organizations');
}

export const organizationsResponder: Responder = (estate: Estate, req) => {
  const org = estate.organization?.organization;
  if (!org)
    return fail('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  if (req.operation === 'DescribeOrganization') {
    return jsonOk(
      {
        Organization: {
          Id: org.id,
          Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
          FeatureSet: org.featureSet,
          MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
          MasterAccountId: org.managementAccountId,
          MasterAccountEmail: org.managementEmail,
          AvailablePolicyTypes: org.scpEnabled ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] : [],
        },
      },
      'organizations',
    );
  }
  const known = ['ListAccounts', 'ListRoots', 'ListPolicies', 'ListTargetsForPolicy', 'ListParents'];
  if (!known.includes(req.operation)) throw new UnknownOperation();
  if (estate.accountId !== org.managementAccountId || !org.accounts) {
    return fail('AccessDeniedException', "You don't have permissions to access this resource.");
  }
  const accounts = org.accounts;
  const units = org.units ?? [];
  const policies = org.policies ?? [];
  switch (req.operation) {
    case 'ListAccounts':
      return paged(
        req,
        accounts.map((a) => ({
          Id: a.id,
          Arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${a.id}`,
          Email: a.email,
          Name: a.name,
          Status: a.status,
          State:
            a.status === 'ACTIVE' ? 'ACTIVE' : a.status === 'SUSPENDED' ? 'SUSPENDED' : 'PENDING_CLOSURE',
          JoinedMethod: a.id === org.managementAccountId ? 'CREATED' : 'INVITED',
          JoinedTimestamp: seconds(req.now, a.joinedDaysAgo),
        })),
        'Accounts',
      );
    case 'ListRoots':
      return paged(
        req,
        [
          {
            Id: org.rootId,
            Arn: `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`,
            Name: 'Root',
            PolicyTypes: org.scpEnabled ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] : [],
          },
        ],
        'Roots',
      );
    case 'ListPolicies':
      if (req.params.Filter !== 'SERVICE_CONTROL_POLICY') return paged(req, [], 'Policies');
      return paged(
        req,
        policies.map((p) => ({
          Id: p.id,
          Arn: policyArn(org, p.id, p.awsManaged),
          Name: p.name,
          Description: p.description,
          Type: 'SERVICE_CONTROL_POLICY',
          AwsManaged: p.awsManaged,
        })),
        'Policies',
      );
    case 'ListTargetsForPolicy': {
      const policy = policies.find((p) => p.id === req.params.PolicyId);
      if (!policy)
        return fail(
          'PolicyNotFoundException',
          "We can't find a policy with the PolicyId that you specified.",
        );
      return paged(
        req,
        policy.targets.map((id) => {
          const account = accounts.find((a) => a.id === id);
          const unit = units.find((u) => u.id === id);
          const type = account ? 'ACCOUNT' : unit ? 'ORGANIZATIONAL_UNIT' : 'ROOT';
          return {
            TargetId: id,
            Arn: account
              ? `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${id}`
              : unit
                ? `arn:aws:organizations::${org.managementAccountId}:ou/${org.id}/${id}`
                : `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${id}`,
            Name: account?.name ?? unit?.name ?? 'Root',
            Type: type,
          };
        }),
        'Targets',
      );
    }
    default: {
      // ListParents
      const child = String(req.params.ChildId ?? '');
      const parentId =
        accounts.find((a) => a.id === child)?.parentId ?? units.find((u) => u.id === child)?.parentId;
      if (!parentId)
        return fail(
          'ChildNotFoundException',
          "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
        );
      const type = parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
      return paged(req, [{ Id: parentId, Type: type }], 'Parents');
    }
  }
};
