// IAM roles (global): every role (ListRoles, all pages) with its decoded trust policy and our judgement of it
// (policy-judgement.ts: public / cross-account / without ExternalId), when it was last used (GetRole), its
// attached managed policies and its inline policies. Also who holds the AWS-managed AWSSupportAccess policy.
import type { Role } from '@aws-sdk/client-iam';
import { settleAll, settled } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall, tagMap } from './client-config';
import { withGapSubject } from './iam-gap-subject';
import { collectInlinePolicies } from './iam-inline-policies';
import { decodePolicyDocument } from './iam-policy-document';
import {
  IAM_TYPES,
  SUPPORT_POLICY_ARN,
  type AttachedPolicy,
  type IamAwsManagedPolicyUseConfig,
  type IamRoleConfig,
} from './iam-shapes';
import { judgePolicy } from './policy-judgement';
import { awsSdk } from './sdk-loader';

const REGION = 'global';
const LIST_PAGE = 1000;

export async function collectIamRoles(ctx: CallContext, accountId: string): Promise<void> {
  await settleAll([collectRoles(ctx, accountId), collectSupportPolicyUse(ctx, accountId)]);
}

async function collectRoles(ctx: CallContext, accountId: string): Promise<void> {
  const { ListRolesCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const roles: Role[] = [];
  let marker: string | undefined;
  do {
    const params = { MaxItems: LIST_PAGE, ...(marker ? { Marker: marker } : {}) };
    const page = await recordedCall(
      ctx,
      { service: 'iam', region: REGION, operation: 'ListRoles', params },
      (abortSignal) => iam.send(new ListRolesCommand(params), { abortSignal }),
    );
    if (!page.ok) break; // keep the roles of the pages we got; the gap says the list is incomplete
    roles.push(...(page.value.Roles ?? []));
    marker = page.value.IsTruncated ? page.value.Marker : undefined;
  } while (marker);
  await settleAll(roles.map((r) => collectRole(ctx, accountId, r)));
}

async function collectRole(outer: CallContext, accountId: string, listed: Role): Promise<void> {
  if (!listed.RoleName || !listed.Arn) return;
  const RoleName = listed.RoleName;
  const Arn = listed.Arn;
  const ctx = withGapSubject(outer, `IAM role ${RoleName}`);
  const { GetRoleCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();

  const getCall = recordedCall(
    ctx,
    { service: 'iam', region: REGION, operation: 'GetRole', params: { RoleName } },
    (abortSignal) => iam.send(new GetRoleCommand({ RoleName }), { abortSignal }),
  );
  const attachedCall = listAttached(ctx, RoleName);
  const inlineCall = collectInlinePolicies(outer, {
    PrincipalType: 'Role',
    PrincipalName: RoleName,
    PrincipalArn: Arn,
  });
  const [got, attached, inlineNames] = await settled(getCall, attachedCall, inlineCall);

  // GetRole is the fuller answer (RoleLastUsed, tags); the ListRoles entry stands in when it failed.
  const role = got.ok && got.value.Role ? got.value.Role : listed;
  const plain = redactObject({
    ...role,
    CreateDate: role.CreateDate?.toISOString(),
  }) as Record<string, unknown>;
  delete plain.AssumeRolePolicyDocument;
  delete plain.RoleLastUsed;
  delete plain.Tags;
  const config: IamRoleConfig = {
    ...(plain as Omit<IamRoleConfig, 'ServiceLinked'>),
    RoleName,
    Arn,
    ServiceLinked: (role.Path ?? '/').startsWith('/aws-service-role/'),
  };
  const encodedTrust = role.AssumeRolePolicyDocument ?? listed.AssumeRolePolicyDocument;
  if (encodedTrust !== undefined) {
    try {
      config.AssumeRolePolicyDocument = decodePolicyDocument(encodedTrust);
      config.TrustJudgement = judgePolicy(config.AssumeRolePolicyDocument, accountId);
    } catch (err) {
      ctx.sink.gap({
        service: 'iam',
        region: REGION,
        operation: got.ok ? 'GetRole' : 'ListRoles',
        code: 'MalformedPolicyDocument',
        message: `the trust policy could not be decoded: ${(err as Error).message}`,
      });
    }
  }
  if (got.ok) {
    const used = got.value.Role?.RoleLastUsed;
    config.RoleLastUsed = {
      ...(used?.LastUsedDate ? { LastUsedDate: used.LastUsedDate.toISOString() } : {}),
      ...(used?.Region ? { Region: used.Region } : {}),
    };
  }
  if (attached) config.AttachedPolicies = attached;
  if (inlineNames) config.InlinePolicyNames = inlineNames;

  ctx.sink.resource({
    uid: Arn,
    provider: 'aws',
    service: 'iam',
    type: IAM_TYPES.iamRole,
    region: REGION,
    name: RoleName,
    tags: tagMap(role.Tags ?? listed.Tags),
    config: config as unknown as Record<string, unknown>,
  });
}

/** Every page of ListAttachedRolePolicies; undefined when any page failed (no partial list). */
async function listAttached(ctx: CallContext, RoleName: string): Promise<AttachedPolicy[] | undefined> {
  const { ListAttachedRolePoliciesCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const out: AttachedPolicy[] = [];
  let marker: string | undefined;
  do {
    const params = { RoleName, ...(marker ? { Marker: marker } : {}) };
    const page = await recordedCall(
      ctx,
      { service: 'iam', region: REGION, operation: 'ListAttachedRolePolicies', params },
      (abortSignal) => iam.send(new ListAttachedRolePoliciesCommand(params), { abortSignal }),
    );
    if (!page.ok) return undefined;
    for (const p of page.value.AttachedPolicies ?? [])
      out.push({ PolicyName: p.PolicyName ?? '', PolicyArn: p.PolicyArn ?? '' });
    marker = page.value.IsTruncated ? page.value.Marker : undefined;
  } while (marker);
  return out;
}

/** Who holds AWSSupportAccess (CIS: a support role exists); lists absent when any page failed. */
async function collectSupportPolicyUse(ctx: CallContext, accountId: string): Promise<void> {
  const { ListEntitiesForPolicyCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const groups: NonNullable<IamAwsManagedPolicyUseConfig['PolicyGroups']> = [];
  const users: NonNullable<IamAwsManagedPolicyUseConfig['PolicyUsers']> = [];
  const roles: NonNullable<IamAwsManagedPolicyUseConfig['PolicyRoles']> = [];
  let complete = true;
  let marker: string | undefined;
  do {
    const params = {
      PolicyArn: SUPPORT_POLICY_ARN,
      MaxItems: LIST_PAGE,
      ...(marker ? { Marker: marker } : {}),
    };
    const page = await recordedCall(
      ctx,
      { service: 'iam', region: REGION, operation: 'ListEntitiesForPolicy', params },
      (abortSignal) => iam.send(new ListEntitiesForPolicyCommand(params), { abortSignal }),
    );
    if (!page.ok) {
      complete = false;
      break;
    }
    for (const g of page.value.PolicyGroups ?? [])
      groups.push({ GroupName: g.GroupName, GroupId: g.GroupId });
    for (const u of page.value.PolicyUsers ?? []) users.push({ UserName: u.UserName, UserId: u.UserId });
    for (const r of page.value.PolicyRoles ?? []) roles.push({ RoleName: r.RoleName, RoleId: r.RoleId });
    marker = page.value.IsTruncated ? page.value.Marker : undefined;
  } while (marker);
  const PolicyName = SUPPORT_POLICY_ARN.split('/').pop() as string;
  const config: IamAwsManagedPolicyUseConfig = {
    PolicyArn: SUPPORT_POLICY_ARN,
    PolicyName,
    ...(complete ? { PolicyGroups: groups, PolicyUsers: users, PolicyRoles: roles } : {}),
  };
  ctx.sink.resource({
    uid: `arn:aws:iam::${accountId}:aws-managed-policy/${PolicyName}`,
    provider: 'aws',
    service: 'iam',
    type: IAM_TYPES.iamAwsManagedPolicyUse,
    region: REGION,
    name: PolicyName,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
