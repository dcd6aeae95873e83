// AWS Organizations (global, from any account). Every account records whether it belongs to an organisation
// (DescribeOrganization). The management account also records the organisation's accounts with the service
// control policies that reach each of them (attached to the account, an OU above it, or the root), which
// only the management account can read; a member account's snapshot does not list them, so members are
// judged from the management account's snapshot of the same run.
import type {
  Account,
  ListParentsCommandOutput,
  Organization,
  OrganizationsClient,
  PolicySummary,
  PolicyTargetSummary,
  Root,
} from '@aws-sdk/client-organizations';
import { settleAll, settled } from '../concurrency';
import { redactObject } from '../redact';
import { recordedCall, type CallContext } from './client-config';
import {
  ORG_TYPES,
  type OrgAccountConfig,
  type OrgMembershipConfig,
  type OrgScpAttachment,
} from './org-shapes';
import { awsSdk } from './sdk-loader';

/** DescribeOrganization's answer for an account in no organisation: a fact about the account, not a gap. */
export const NOT_IN_ORGANIZATION = 'AWSOrganizationsNotInUseException';

async function client(ctx: CallContext, region: string): Promise<OrganizationsClient> {
  const { OrganizationsClient } = await awsSdk.organizations();
  return ctx.clients.client('organizations', region, (c) => new OrganizationsClient(c));
}

/** 'missing': the call failed (a gap is recorded); null: in no organisation. */
export async function describeOrganization(
  ctx: CallContext,
  region: string,
): Promise<Organization | null | 'missing'> {
  const { DescribeOrganizationCommand } = await awsSdk.organizations();
  const c = await client(ctx, region);
  const out = await recordedCall(
    ctx,
    { service: 'organizations', region: 'global', operation: 'DescribeOrganization' },
    (abortSignal) => c.send(new DescribeOrganizationCommand({}), { abortSignal }),
    [NOT_IN_ORGANIZATION],
  );
  if (out.ok) return out.value.Organization ?? 'missing';
  return out.notConfigured ? null : 'missing';
}

/** Every page of a NextToken-paginated list; undefined when any page failed (its gap is recorded). */
async function paginate<T>(
  ctx: CallContext,
  operation: string,
  params: Record<string, unknown>,
  page: (
    token: string | undefined,
    abortSignal: AbortSignal,
  ) => Promise<{ items?: T[]; NextToken?: string; $metadata: unknown }>,
): Promise<T[] | undefined> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const out = await recordedCall(
      ctx,
      {
        service: 'organizations',
        region: 'global',
        operation,
        params: token ? { ...params, NextToken: token } : params,
      },
      (abortSignal) => page(token, abortSignal),
    );
    if (!out.ok) return undefined;
    items.push(...(out.value.items ?? []));
    token = out.value.NextToken;
  } while (token);
  return items;
}

/** ListAccounts, every page; undefined when a page failed. */
export async function listAccounts(ctx: CallContext, region: string): Promise<Account[] | undefined> {
  const { ListAccountsCommand } = await awsSdk.organizations();
  const c = await client(ctx, region);
  return paginate(ctx, 'ListAccounts', {}, async (NextToken, abortSignal) => {
    const out = await c.send(new ListAccountsCommand({ NextToken }), { abortSignal });
    return { ...out, items: out.Accounts };
  });
}

export async function collectOrganization(ctx: CallContext, region: string, account: string): Promise<void> {
  const organization = await describeOrganization(ctx, region);
  const membership: OrgMembershipConfig = { AccountId: account };
  if (organization !== 'missing') {
    membership.Organization =
      organization && (redactObject(withoutPolicyTypes(organization)) as Organization);
  }
  ctx.sink.resource({
    uid: `aws-organizations-membership:${account}`,
    provider: 'aws',
    service: 'organizations',
    type: ORG_TYPES.membership,
    region: 'global',
    name: organization && organization !== 'missing' ? `${account} in ${organization.Id}` : account,
    tags: {},
    config: membership as unknown as Record<string, unknown>,
  });
  // Only the management account can list the organisation's accounts and policies.
  if (!organization || organization === 'missing' || organization.MasterAccountId !== account) return;
  await collectStructure(ctx, region, organization.Id ?? '');
}

/** AvailablePolicyTypes is deprecated (ListRoots is authoritative), so it is not kept. */
function withoutPolicyTypes(o: Organization): Omit<Organization, 'AvailablePolicyTypes'> {
  const { AvailablePolicyTypes: _ignored, ...rest } = o;
  return rest;
}

async function collectStructure(ctx: CallContext, region: string, organizationId: string): Promise<void> {
  const { ListParentsCommand, ListRootsCommand } = await awsSdk.organizations();
  const c = await client(ctx, region);
  const [accounts, roots, attachments] = await settled(
    listAccounts(ctx, region),
    paginate<Root>(ctx, 'ListRoots', {}, async (NextToken, abortSignal) => {
      const out = await c.send(new ListRootsCommand({ NextToken }), { abortSignal });
      return { ...out, items: out.Roots };
    }),
    scpAttachments(ctx, c),
  );
  if (!accounts) return; // the population is unknown: its gap says why
  const scpStatus =
    roots === undefined
      ? undefined
      : roots.length === 0
        ? undefined
        : (roots[0].PolicyTypes?.find((t) => t.Type === 'SERVICE_CONTROL_POLICY')?.Status ?? null);
  const parents = new ParentWalker(ctx, (ChildId, abortSignal) =>
    c.send(new ListParentsCommand({ ChildId }), { abortSignal }),
  );
  await settleAll(
    accounts.map(async (a) => {
      if (!a.Id || !a.Arn) return;
      const config = redactObject(a) as unknown as OrgAccountConfig;
      config.OrganizationId = organizationId;
      if (scpStatus !== undefined) config.ScpPolicyTypeStatus = scpStatus;
      const path = await parents.pathOf(a.Id);
      if (path) config.ParentPath = path;
      if (path && attachments) {
        const reach = new Set([a.Id, ...path.map((p) => p.Id)]);
        config.ServiceControlPolicies = attachments.filter((x) => reach.has(x.TargetId));
      }
      ctx.sink.resource({
        uid: a.Arn,
        provider: 'aws',
        service: 'organizations',
        type: ORG_TYPES.account,
        region: 'global',
        name: a.Name ? `${a.Name} (${a.Id})` : a.Id,
        tags: {},
        config: config as unknown as Record<string, unknown>,
      });
    }),
  );
}

/** Every SCP with every target it is attached to; undefined when any listing failed. */
async function scpAttachments(
  ctx: CallContext,
  c: OrganizationsClient,
): Promise<OrgScpAttachment[] | undefined> {
  const { ListPoliciesCommand, ListTargetsForPolicyCommand } = await awsSdk.organizations();
  const Filter = 'SERVICE_CONTROL_POLICY';
  const policies = await paginate<PolicySummary>(
    ctx,
    'ListPolicies',
    { Filter },
    async (NextToken, abortSignal) => {
      const out = await c.send(new ListPoliciesCommand({ Filter, NextToken }), { abortSignal });
      return { ...out, items: out.Policies };
    },
  );
  if (!policies) return undefined;
  const perPolicy = await Promise.all(
    policies.map(async (p) => {
      if (!p.Id) return [];
      const PolicyId = p.Id;
      const targets = await paginate<PolicyTargetSummary>(
        ctx,
        'ListTargetsForPolicy',
        { PolicyId },
        async (NextToken, abortSignal) => {
          const out = await c.send(new ListTargetsForPolicyCommand({ PolicyId, NextToken }), {
            abortSignal,
          });
          return { ...out, items: out.Targets };
        },
      );
      return targets?.map((t): OrgScpAttachment => ({
        PolicyId,
        PolicyName: p.Name ?? PolicyId,
        AwsManaged: p.AwsManaged === true,
        TargetId: t.TargetId ?? '',
        TargetType: (t.Type ?? 'ACCOUNT') as OrgScpAttachment['TargetType'],
      }));
    }),
  );
  if (perPolicy.some((x) => x === undefined)) return undefined;
  return (perPolicy as OrgScpAttachment[][]).flat();
}

/** Walks ListParents up to the root, asking once per child (accounts share their OUs' paths). */
class ParentWalker {
  private readonly asked = new Map<string, Promise<{ Id: string; Type: string } | undefined>>();
  constructor(
    private readonly ctx: CallContext,
    private readonly listParents: (
      ChildId: string,
      abortSignal: AbortSignal,
    ) => Promise<ListParentsCommandOutput>,
  ) {}

  /** From the child's parent up to the root; undefined when a call failed. */
  async pathOf(childId: string): Promise<{ Id: string; Type: string }[] | undefined> {
    const path: { Id: string; Type: string }[] = [];
    let child = childId;
    // An organisation is at most five OUs deep; the bound only guards against a malformed answer's loop.
    for (let depth = 0; depth < 10; depth++) {
      const parent = await this.parentOf(child);
      if (!parent) return undefined;
      path.push(parent);
      if (parent.Type === 'ROOT') return path;
      child = parent.Id;
    }
    return undefined;
  }

  private parentOf(ChildId: string): Promise<{ Id: string; Type: string } | undefined> {
    let p = this.asked.get(ChildId);
    if (!p) {
      p = recordedCall(
        this.ctx,
        { service: 'organizations', region: 'global', operation: 'ListParents', params: { ChildId } },
        (abortSignal) => this.listParents(ChildId, abortSignal),
      ).then((out) => {
        const parent = out.ok ? out.value.Parents?.[0] : undefined;
        return parent?.Id && parent.Type ? { Id: parent.Id, Type: parent.Type } : undefined;
      });
      this.asked.set(ChildId, p);
    }
    return p;
  }
}
