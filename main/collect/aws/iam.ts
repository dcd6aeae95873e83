// IAM (global): the credential report (root and per-user credential facts) with the account summary as the
// root MFA fallback, users with their MFA devices, access keys, attached and inline policies, the password
// policy, and customer-managed policy documents. Roles are collected by iam-roles.ts (a module of its own).
import type { Policy, User } from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import { settleAll, settled } from '../concurrency';
import { abortError } from '../errors';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall, tagMap } from './client-config';
import { collectInlinePolicies } from './iam-inline-policies';
import { decodePolicyDocument } from './iam-policy-document';
import type { IamRootExtraConfig, IamUserInlineConfig } from './iam-shapes';
import {
  AWS_TYPES,
  type CredentialReportRow,
  type IamPasswordPolicyConfig,
  type IamPolicyConfig,
  type IamUserConfig,
} from './shapes';
import { awsSdk } from './sdk-loader';

export { decodePolicyDocument } from './iam-policy-document';

const REGION = 'global';
// AWS builds the report in seconds (small accounts: well under one), so the first look is soon and the waits
// double from there; past ~30 s in all something is wrong and the snapshot should move on.
export const REPORT_POLL_DELAYS_MS = [150, 300, 600, 1200, 2400, 4000, 4000, 4000, 4000, 4000, 4000];
const ROOT_ROW = '<root_account>';
// IAM's largest page (the default is 100): the pages of a listing can only be asked one after another, so
// fewer, larger pages shorten the one part of the collection concurrency cannot.
const LIST_PAGE = 1000;

/**
 * The four IAM stages do not depend on each other except that users need the credential report's rows: they
 * all start at once and each user waits for the report only when its own calls are done.
 */
export async function collectIam(ctx: CallContext, accountId: string): Promise<void> {
  const summaryDone = collectAccountSummary(ctx);
  const reportDone = collectCredentialReport(ctx);
  const rootDone = Promise.all([reportDone, summaryDone]).then(([report, summary]) => {
    // Root facts come from the report's <root_account> row, with the account summary as the MFA fallback. The
    // resource exists even when neither could be had (config without the keys), so root checks report "not
    // collected" instead of silently having no population.
    const root = report?.find((r) => r.user === ROOT_ROW);
    if (report && !root) {
      // A readable report without the root row is not "no root facts": it is a report we cannot trust.
      ctx.sink.gap({
        service: 'iam',
        region: REGION,
        operation: 'GetCredentialReport',
        code: 'RootRowMissing',
        message: `The credential report was read (${report.length} rows) but has no ${ROOT_ROW} row, so the root user's credential facts were not collected from it.`,
      });
    }
    const config: { CredentialReport?: CredentialReportRow } & IamRootExtraConfig = {
      ...(root ? { CredentialReport: root } : {}),
      ...(summary ? { AccountSummary: summary } : {}),
    };
    ctx.sink.resource({
      uid: `arn:aws:iam::${accountId}:root`,
      provider: 'aws',
      service: 'iam',
      type: AWS_TYPES.iamRoot,
      region: REGION,
      name: 'root',
      tags: {},
      config,
    });
  });
  await settleAll([
    reportDone,
    summaryDone,
    rootDone,
    collectUsers(ctx, reportDone),
    collectPasswordPolicy(ctx, accountId),
    collectPolicies(ctx),
  ]);
}

/** GetAccountSummary .SummaryMap (numbers by name); undefined when the call failed. */
async function collectAccountSummary(ctx: CallContext): Promise<Record<string, number> | undefined> {
  const { GetAccountSummaryCommand } = await awsSdk.iam();
  const got = await recordedCall(
    ctx,
    { service: 'iam', region: REGION, operation: 'GetAccountSummary' },
    async (abortSignal) => (await ctx.clients.iam()).send(new GetAccountSummaryCommand({}), { abortSignal }),
  );
  if (!got.ok) return undefined;
  return { ...(got.value.SummaryMap ?? {}) } as Record<string, number>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Generates (polling until COMPLETE, bounded) and reads the credential report; null when it failed. */
async function collectCredentialReport(ctx: CallContext): Promise<CredentialReportRow[] | null> {
  const { GenerateCredentialReportCommand, GetCredentialReportCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  let state: string | undefined;
  for (let i = 0; ; i++) {
    const gen = await recordedCall(
      ctx,
      { service: 'iam', region: REGION, operation: 'GenerateCredentialReport' },
      (abortSignal) => iam.send(new GenerateCredentialReportCommand({}), { abortSignal }),
    );
    // Generation can be denied while reading an existing report is allowed: still try to read it.
    if (!gen.ok) break;
    state = gen.value.State;
    if (state === 'COMPLETE' || i >= REPORT_POLL_DELAYS_MS.length) break;
    await sleep(REPORT_POLL_DELAYS_MS[i], ctx.sink.signal);
  }
  if (state !== undefined && state !== 'COMPLETE') {
    ctx.sink.gap({
      service: 'iam',
      region: REGION,
      operation: 'GenerateCredentialReport',
      code: 'CredentialReportNotReady',
      message: `IAM did not finish the credential report in time (last state ${state}); an older report is read if one exists.`,
    });
  }
  const got = await recordedCall(
    ctx,
    { service: 'iam', region: REGION, operation: 'GetCredentialReport' },
    async (abortSignal) => {
      const out = await iam.send(new GetCredentialReportCommand({}), { abortSignal });
      // Keep the CSV itself (not base64 bytes) in the raw evidence: it is what an auditor reads.
      return { ...out, Content: out.Content ? Buffer.from(out.Content).toString('utf8') : undefined };
    },
  );
  if (!got.ok) return null;
  try {
    return parse(got.value.Content ?? '', {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    }) as CredentialReportRow[];
  } catch (err) {
    ctx.sink.gap({
      service: 'iam',
      region: REGION,
      operation: 'GetCredentialReport',
      code: 'MalformedResponse',
      message: `The credential report is not valid CSV: ${(err as Error).message}`,
    });
    return null;
  }
}

async function collectUsers(
  ctx: CallContext,
  reportDone: Promise<CredentialReportRow[] | null>,
): Promise<void> {
  const { ListUsersCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const users: User[] = [];
  let marker: string | undefined;
  do {
    const params = { MaxItems: LIST_PAGE, ...(marker ? { Marker: marker } : {}) };
    const page = await recordedCall(
      ctx,
      { service: 'iam', region: REGION, operation: 'ListUsers', params },
      (abortSignal) => iam.send(new ListUsersCommand(params), { abortSignal }),
    );
    if (!page.ok) break; // keep the users of the pages we got; the gap says the list is incomplete
    users.push(...(page.value.Users ?? []));
    marker = page.value.IsTruncated ? page.value.Marker : undefined;
  } while (marker);

  // Every user's calls are queued at once; the scheduler decides how many are on the wire.
  const byName = reportDone.then((report) => (report ? new Map(report.map((r) => [r.user, r])) : undefined));
  // When the report fails (cancel), collectIam rethrows that from reportDone itself; no user may be left to
  // await this derived promise, which must not then count as an unhandled rejection.
  byName.catch(() => {});
  await settleAll(
    users.map((u) =>
      collectUser(ctx, u, async () => {
        const rows = await byName;
        return rows ? (rows.get(u.UserName ?? '') ?? null) : undefined;
      }),
    ),
  );
}

async function collectUser(
  ctx: CallContext,
  user: User,
  reportRow: () => Promise<CredentialReportRow | null | undefined>,
): Promise<void> {
  const {
    GetAccessKeyLastUsedCommand,
    ListAccessKeysCommand,
    ListAttachedUserPoliciesCommand,
    ListMFADevicesCommand,
  } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const UserName = user.UserName as string;
  const plain = redactObject(user) as Record<string, string>;
  const config: IamUserConfig = {
    UserName,
    UserId: plain.UserId,
    Arn: plain.Arn,
    ...(plain.CreateDate ? { CreateDate: plain.CreateDate } : {}),
    ...(plain.PasswordLastUsed ? { PasswordLastUsed: plain.PasswordLastUsed } : {}),
  };
  // These lists are bounded by IAM quotas (2 access keys, 8 MFA devices, 20 attached policies) well below the
  // default page size of 100, so one page is the whole answer. The three lists are independent: asked at once.
  const mfaCall = recordedCall(
    ctx,
    { service: 'iam', region: REGION, operation: 'ListMFADevices', params: { UserName }, resource: UserName },
    (abortSignal) => iam.send(new ListMFADevicesCommand({ UserName }), { abortSignal }),
  );
  const keysCall = recordedCall(
    ctx,
    { service: 'iam', region: REGION, operation: 'ListAccessKeys', params: { UserName }, resource: UserName },
    (abortSignal) => iam.send(new ListAccessKeysCommand({ UserName }), { abortSignal }),
  ).then(async (keys) => {
    if (!keys.ok) return undefined;
    const found = (keys.value.AccessKeyMetadata ?? []).filter((k) => k.AccessKeyId);
    const lastUsedCalls = found.map((k) => {
      const AccessKeyId = k.AccessKeyId as string;
      return recordedCall(
        ctx,
        {
          service: 'iam',
          region: REGION,
          operation: 'GetAccessKeyLastUsed',
          params: { AccessKeyId },
          resource: AccessKeyId,
        },
        (abortSignal) => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId }), { abortSignal }),
      );
    });
    await settleAll(lastUsedCalls);
    const lastUsed = await Promise.all(lastUsedCalls);
    return found.map((k, i): NonNullable<IamUserConfig['AccessKeys']>[number] => {
      const used = lastUsed[i];
      return {
        AccessKeyId: k.AccessKeyId as string,
        Status: k.Status ?? 'Unknown',
        ...(k.CreateDate ? { CreateDate: k.CreateDate.toISOString() } : {}),
        // null = never used (AWS omits LastUsedDate); absent = we could not find out.
        ...(used.ok
          ? { LastUsedDate: used.value.AccessKeyLastUsed?.LastUsedDate?.toISOString() ?? null }
          : {}),
      };
    });
  });
  const attachedCall = recordedCall(
    ctx,
    {
      service: 'iam',
      region: REGION,
      operation: 'ListAttachedUserPolicies',
      params: { UserName },
      resource: UserName,
    },
    (abortSignal) => iam.send(new ListAttachedUserPoliciesCommand({ UserName }), { abortSignal }),
  );
  const inlineCall = collectInlinePolicies(ctx, {
    PrincipalType: 'User',
    PrincipalName: UserName,
    PrincipalArn: config.Arn,
  });
  const [mfa, accessKeys, attached, inlineNames] = await settled(mfaCall, keysCall, attachedCall, inlineCall);

  // undefined = the report was not collected (key absent); null = collected but this user is not in it.
  const row = await reportRow();
  if (row !== undefined) config.CredentialReport = row;
  if (mfa.ok)
    config.MFADevices = redactObject({ d: mfa.value.MFADevices ?? [] }).d as IamUserConfig['MFADevices'];
  if (accessKeys) config.AccessKeys = accessKeys;
  if (attached.ok) {
    config.AttachedPolicies = (attached.value.AttachedPolicies ?? []).map((p) => ({
      PolicyName: p.PolicyName ?? '',
      PolicyArn: p.PolicyArn ?? '',
    }));
  }
  if (inlineNames) (config as IamUserConfig & IamUserInlineConfig).InlinePolicyNames = inlineNames;

  ctx.sink.resource({
    uid: config.Arn,
    provider: 'aws',
    service: 'iam',
    type: AWS_TYPES.iamUser,
    region: REGION,
    name: UserName,
    tags: tagMap(user.Tags),
    config: config as unknown as Record<string, unknown>,
  });
}

async function collectPasswordPolicy(ctx: CallContext, accountId: string): Promise<void> {
  const { GetAccountPasswordPolicyCommand } = await awsSdk.iam();
  const got = await recordedCall(
    ctx,
    { service: 'iam', region: REGION, operation: 'GetAccountPasswordPolicy' },
    async (abortSignal) =>
      (await ctx.clients.iam()).send(new GetAccountPasswordPolicyCommand({}), { abortSignal }),
    ['NoSuchEntity'],
  );
  const config: IamPasswordPolicyConfig = {};
  if (got.ok) config.PasswordPolicy = redactObject(got.value.PasswordPolicy ?? {});
  else if (got.notConfigured) config.PasswordPolicy = null;
  ctx.sink.resource({
    uid: `arn:aws:iam::${accountId}:account-password-policy`,
    provider: 'aws',
    service: 'iam',
    type: AWS_TYPES.iamPasswordPolicy,
    region: REGION,
    name: 'Account password policy',
    tags: {},
    config: config as Record<string, unknown>,
  });
}

async function collectPolicies(ctx: CallContext): Promise<void> {
  const { GetPolicyVersionCommand, ListPoliciesCommand } = await awsSdk.iam();
  const iam = await ctx.clients.iam();
  const policies: Policy[] = [];
  let marker: string | undefined;
  do {
    const params = {
      Scope: 'Local' as const,
      OnlyAttached: false,
      MaxItems: LIST_PAGE,
      ...(marker ? { Marker: marker } : {}),
    };
    const page = await recordedCall(
      ctx,
      { service: 'iam', region: REGION, operation: 'ListPolicies', params },
      (abortSignal) => iam.send(new ListPoliciesCommand(params), { abortSignal }),
    );
    if (!page.ok) break;
    policies.push(...(page.value.Policies ?? []));
    marker = page.value.IsTruncated ? page.value.Marker : undefined;
  } while (marker);

  await settleAll(
    policies.map(async (p) => {
      if (!p.Arn || !p.PolicyName) return;
      const PolicyArn = p.Arn;
      const config: IamPolicyConfig = {
        PolicyName: p.PolicyName,
        Arn: PolicyArn,
        ...(p.DefaultVersionId ? { DefaultVersionId: p.DefaultVersionId } : {}),
        ...(p.AttachmentCount !== undefined ? { AttachmentCount: p.AttachmentCount } : {}),
      };
      if (p.DefaultVersionId) {
        const params = { PolicyArn, VersionId: p.DefaultVersionId };
        const version = await recordedCall(
          ctx,
          { service: 'iam', region: REGION, operation: 'GetPolicyVersion', params, resource: PolicyArn },
          (abortSignal) => iam.send(new GetPolicyVersionCommand(params), { abortSignal }),
        );
        if (version.ok && version.value.PolicyVersion?.Document !== undefined) {
          try {
            config.Document = decodePolicyDocument(version.value.PolicyVersion.Document);
          } catch (err) {
            ctx.sink.gap({
              service: 'iam',
              region: REGION,
              operation: 'GetPolicyVersion',
              resource: PolicyArn,
              code: 'MalformedPolicyDocument',
              message: `The document of ${PolicyArn} could not be decoded: ${(err as Error).message}`,
            });
          }
        }
      }
      ctx.sink.resource({
        uid: PolicyArn,
        provider: 'aws',
        service: 'iam',
        type: AWS_TYPES.iamPolicy,
        region: REGION,
        name: p.PolicyName,
        tags: tagMap(p.Tags),
        config: config as unknown as Record<string, unknown>,
      });
    }),
  );
}
