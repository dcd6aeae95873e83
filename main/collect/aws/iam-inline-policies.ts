// Inline policies of one user or role: the names (List{User,Role}Policies, all pages) go on the principal's
// config, and each policy becomes an AWS::IAM::InlinePolicy resource with its decoded document
// (Get{User,Role}Policy). A failed Get leaves the resource without Document and a gap naming the principal,
// so the checks answer 'error' for exactly that policy and its principal.
import { settleAll } from '../concurrency';
import type { CallContext } from './client-config';
import { recordedCall } from './client-config';
import { decodePolicyDocument } from './iam-policy-document';
import { withGapSubject } from './iam-gap-subject';
import { IAM_TYPES, type IamInlinePolicyConfig } from './iam-shapes';
import { awsSdk } from './sdk-loader';

const REGION = 'global';

export type InlinePrincipal = Pick<IamInlinePolicyConfig, 'PrincipalType' | 'PrincipalName' | 'PrincipalArn'>;

/** The principal's inline policy names, or undefined when the list could not be had in full (a gap). */
export async function collectInlinePolicies(
  outer: CallContext,
  principal: InlinePrincipal,
): Promise<string[] | undefined> {
  const kind = principal.PrincipalType === 'User' ? 'user' : 'role';
  const ctx = withGapSubject(outer, `IAM ${kind} ${principal.PrincipalName}`);
  const { ListRolePoliciesCommand, ListUserPoliciesCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const m = marker ? { Marker: marker } : {};
    const page =
      principal.PrincipalType === 'User'
        ? await recordedCall(
            ctx,
            {
              service: 'iam',
              region: REGION,
              operation: 'ListUserPolicies',
              params: { UserName: principal.PrincipalName, ...m },
            },
            (abortSignal) =>
              iam.send(new ListUserPoliciesCommand({ UserName: principal.PrincipalName, ...m }), {
                abortSignal,
              }),
          )
        : await recordedCall(
            ctx,
            {
              service: 'iam',
              region: REGION,
              operation: 'ListRolePolicies',
              params: { RoleName: principal.PrincipalName, ...m },
            },
            (abortSignal) =>
              iam.send(new ListRolePoliciesCommand({ RoleName: principal.PrincipalName, ...m }), {
                abortSignal,
              }),
          );
    // A partial list would let a check pass on the policies it happened to see: none at all instead.
    if (!page.ok) return undefined;
    names.push(...(page.value.PolicyNames ?? []));
    marker = page.value.IsTruncated ? page.value.Marker : undefined;
  } while (marker);

  await settleAll(names.map((PolicyName) => collectOne(ctx, principal, PolicyName)));
  return names;
}

async function collectOne(ctx: CallContext, principal: InlinePrincipal, PolicyName: string): Promise<void> {
  const { GetRolePolicyCommand, GetUserPolicyCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const sub = withGapSubject(ctx, `inline policy ${PolicyName}`);
  const got =
    principal.PrincipalType === 'User'
      ? await recordedCall(
          sub,
          {
            service: 'iam',
            region: REGION,
            operation: 'GetUserPolicy',
            params: { UserName: principal.PrincipalName, PolicyName },
          },
          (abortSignal) =>
            iam.send(new GetUserPolicyCommand({ UserName: principal.PrincipalName, PolicyName }), {
              abortSignal,
            }),
        )
      : await recordedCall(
          sub,
          {
            service: 'iam',
            region: REGION,
            operation: 'GetRolePolicy',
            params: { RoleName: principal.PrincipalName, PolicyName },
          },
          (abortSignal) =>
            iam.send(new GetRolePolicyCommand({ RoleName: principal.PrincipalName, PolicyName }), {
              abortSignal,
            }),
        );
  const config: IamInlinePolicyConfig = { PolicyName, ...principal };
  if (got.ok && got.value.PolicyDocument !== undefined) {
    try {
      config.Document = decodePolicyDocument(got.value.PolicyDocument);
    } catch (err) {
      sub.sink.gap({
        service: 'iam',
        region: REGION,
        operation: principal.PrincipalType === 'User' ? 'GetUserPolicy' : 'GetRolePolicy',
        code: 'MalformedPolicyDocument',
        message: `the document could not be decoded: ${(err as Error).message}`,
      });
    }
  }
  ctx.sink.resource({
    uid: `${principal.PrincipalArn}/inline-policy/${PolicyName}`,
    provider: 'aws',
    service: 'iam',
    type: IAM_TYPES.iamInlinePolicy,
    region: REGION,
    name: `${PolicyName} (${principal.PrincipalType.toLowerCase()} ${principal.PrincipalName})`,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
