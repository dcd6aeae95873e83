// Reads the organisation a whole-organisation run covers: who the connection is (it must be the management
// account or a delegated administrator, the only ones allowed to list accounts) and every account of the
// organisation, through the same guarded clients and recorded calls as any collector. The calls are kept in
// a throwaway buffer: the same facts are collected, and sealed, in the management account's own snapshot.
import { CallScheduler } from './concurrency';
import { AwsClients, type AwsTarget, type CallContext } from './aws/client-config';
import { describeOrganization, listAccounts } from './aws/organizations';
import { collectIdentity } from './aws/sts';
import { CollectionBuffer, type CallerIdentity } from './types';

export type OrgAccount = {
  id: string;
  name: string | null;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE (ListAccounts Status). */
  status: string;
  /** The connection's own account: collected with its own credentials, no role assumed. */
  own?: boolean;
};

export type OrganizationListing = {
  identity: CallerIdentity;
  organizationId: string | null;
  /** The connection's account first, then the others by id. */
  accounts: OrgAccount[];
  /** Why only the connection's own account is listed (not in an organisation, not allowed to list). */
  listingGap?: { code: string; message: string };
};

export async function readOrganization(target: AwsTarget, signal: AbortSignal): Promise<OrganizationListing> {
  const sink = new CollectionBuffer(signal);
  const clients = new AwsClients(target);
  const scheduler = new CallScheduler(signal);
  const ctx: CallContext = { sink, clients, scheduler };
  try {
    const identity = await collectIdentity(ctx, target.homeRegion);
    const own: OrgAccount = { id: identity.account, name: null, status: 'ACTIVE', own: true };
    const organization = await describeOrganization(ctx, target.homeRegion);
    if (organization === null) {
      return {
        identity,
        organizationId: null,
        accounts: [own],
        listingGap: {
          code: 'AWSOrganizationsNotInUseException',
          message: `Account ${identity.account} is not in an AWS Organization: only this account was collected.`,
        },
      };
    }
    const listed = organization === 'missing' ? undefined : await listAccounts(ctx, target.homeRegion);
    if (organization === 'missing' || !listed) {
      const gap = sink.gaps[sink.gaps.length - 1];
      return {
        identity,
        organizationId: organization === 'missing' ? null : (organization.Id ?? null),
        accounts: [own],
        listingGap: {
          code: gap?.code ?? 'Unknown',
          message:
            `Could not list the organisation's accounts from ${identity.arn} (${gap?.operation ?? 'Organizations'}): ` +
            `${gap?.message ?? 'no answer'}. Run it from the management account or a delegated administrator; ` +
            'only this account was collected.',
        },
      };
    }
    const others = listed
      .filter((a): a is typeof a & { Id: string } => !!a.Id && a.Id !== identity.account)
      .map((a): OrgAccount => ({ id: a.Id, name: a.Name ?? null, status: a.Status ?? 'UNKNOWN' }))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const self = listed.find((a) => a.Id === identity.account);
    return {
      identity,
      organizationId: organization.Id ?? null,
      accounts: [{ ...own, name: self?.Name ?? null }, ...others],
    };
  } finally {
    scheduler.close();
    clients.destroy();
  }
}
