// S3 buckets: ListBuckets for the population, then the bucket-level settings the checks need, each asked of
// the bucket's own region. "Not configured" answers (no PAB, no policy, no default encryption) are facts
// (key present, null); any other failure is a gap (key absent) and the next bucket is still collected.
// The bucket policy document is kept with our own judgement of it next to S3's GetBucketPolicyStatus: an
// absent IsPublic (an emulator, an older API) is not "private", so the public-access check weighs both.
import type { Bucket } from '@aws-sdk/client-s3';
import { settleAll, settled } from '../concurrency';
import { redact, redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall, tagMap } from './client-config';
import { judgePolicy } from './policy-judgement';
import type { S3BucketGroupConfig } from './s3-shapes';
import { AWS_TYPES } from './shapes';
import { awsSdk } from './sdk-loader';

/** GetBucketLocation's answer -> region. null/'' means us-east-1 and 'EU' is the legacy name of eu-west-1. */
export function regionFromLocationConstraint(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/**
 * A bucket policy as collected: the parsed document, or the text itself when it is not JSON (the judgement
 * then carries a ParseError and the checks answer error rather than guessing).
 */
export function parseBucketPolicy(text: string | undefined): unknown {
  if (text === undefined) return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * `account` is the collected account (grants to it are not cross-account). When the caller does not pass it,
 * it is asked of STS once, and only if some bucket has a policy to judge.
 */
export async function collectS3(
  ctx: CallContext,
  homeRegion: string,
  onBucket: (done: number, total: number) => void = () => {},
  account?: string,
): Promise<number> {
  const { ListBucketsCommand } = await awsSdk.s3();
  let accountOnce: Promise<string | undefined> | undefined;
  const ownAccount = () => (accountOnce ??= account ? Promise.resolve(account) : askAccount(ctx, homeRegion));
  const buckets: Bucket[] = [];
  let token: string | undefined;
  do {
    const params = token ? { ContinuationToken: token } : {};
    const page = await recordedCall(
      ctx,
      { service: 's3', region: 'global', operation: 'ListBuckets', params },
      async (abortSignal) =>
        (await ctx.clients.s3(homeRegion)).send(new ListBucketsCommand(params), { abortSignal }),
    );
    if (!page.ok) return 0; // the gap is recorded; without the list there is no bucket population
    buckets.push(...(page.value.Buckets ?? []));
    token = page.value.ContinuationToken;
  } while (token);

  // Every bucket is queued at once; the scheduler bounds how many calls are on the wire per region.
  let done = 0;
  await settleAll(
    buckets
      .filter((b) => b.Name)
      .map(async (b) => {
        await collectBucket(ctx, homeRegion, b, ownAccount);
        onBucket(++done, buckets.length);
      }),
  );
  return buckets.length;
}

/** The account the credentials belong to (STS); undefined if STS does not answer (a gap is recorded). */
async function askAccount(ctx: CallContext, homeRegion: string): Promise<string | undefined> {
  const { GetCallerIdentityCommand } = await awsSdk.sts();
  const out = await recordedCall(
    ctx,
    { service: 'sts', region: homeRegion, operation: 'GetCallerIdentity' },
    async (abortSignal) => (await ctx.clients.sts()).send(new GetCallerIdentityCommand({}), { abortSignal }),
  );
  return out.ok ? out.value.Account : undefined;
}

async function collectBucket(
  ctx: CallContext,
  homeRegion: string,
  bucket: Bucket,
  ownAccount: () => Promise<string | undefined>,
): Promise<void> {
  const {
    GetBucketAclCommand,
    GetBucketEncryptionCommand,
    GetBucketLifecycleConfigurationCommand,
    GetBucketLocationCommand,
    GetBucketLoggingCommand,
    GetBucketOwnershipControlsCommand,
    GetBucketPolicyCommand,
    GetBucketPolicyStatusCommand,
    GetBucketTaggingCommand,
    GetBucketVersioningCommand,
    GetObjectLockConfigurationCommand,
    GetPublicAccessBlockCommand,
  } = await awsSdk.s3();
  const Bucket = bucket.Name as string;
  const location = await recordedCall(
    ctx,
    { service: 's3', region: 'global', operation: 'GetBucketLocation', params: { Bucket }, resource: Bucket },
    async (abortSignal) =>
      (await ctx.clients.s3(homeRegion)).send(new GetBucketLocationCommand({ Bucket }), { abortSignal }),
  );
  // If the location call failed, ListBuckets' own BucketRegion (newer API) or the home region is the best
  // guess; the client follows S3's region redirect if the guess is wrong.
  const region = location.ok
    ? regionFromLocationConstraint(location.value.LocationConstraint)
    : (bucket.BucketRegion ?? homeRegion);
  const s3 = await ctx.clients.s3(region);
  const call = <T extends object>(
    operation: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
    notConfigured: string[] = [],
  ) =>
    recordedCall(
      ctx,
      { service: 's3', region, operation, params: { Bucket }, resource: Bucket },
      send,
      notConfigured,
    );

  const config: S3BucketGroupConfig = {
    Name: Bucket,
    ...(bucket.CreationDate ? { CreationDate: bucket.CreationDate.toISOString() } : {}),
    Region: region,
  };

  // The settings are independent of each other: asked at once.
  const [pab, policy, acl, enc, ver, log, doc, tagging, lock, lifecycle, ownership] = await settled(
    call(
      'GetPublicAccessBlock',
      (abortSignal) => s3.send(new GetPublicAccessBlockCommand({ Bucket }), { abortSignal }),
      ['NoSuchPublicAccessBlockConfiguration'],
    ),
    call(
      'GetBucketPolicyStatus',
      (abortSignal) => s3.send(new GetBucketPolicyStatusCommand({ Bucket }), { abortSignal }),
      ['NoSuchBucketPolicy'],
    ),
    call('GetBucketAcl', (abortSignal) => s3.send(new GetBucketAclCommand({ Bucket }), { abortSignal })),
    call(
      'GetBucketEncryption',
      (abortSignal) => s3.send(new GetBucketEncryptionCommand({ Bucket }), { abortSignal }),
      ['ServerSideEncryptionConfigurationNotFoundError'],
    ),
    call('GetBucketVersioning', (abortSignal) =>
      s3.send(new GetBucketVersioningCommand({ Bucket }), { abortSignal }),
    ),
    call('GetBucketLogging', (abortSignal) =>
      s3.send(new GetBucketLoggingCommand({ Bucket }), { abortSignal }),
    ),
    call(
      'GetBucketPolicy',
      (abortSignal) => s3.send(new GetBucketPolicyCommand({ Bucket }), { abortSignal }),
      ['NoSuchBucketPolicy'],
    ),
    call(
      'GetBucketTagging',
      (abortSignal) => s3.send(new GetBucketTaggingCommand({ Bucket }), { abortSignal }),
      ['NoSuchTagSet'],
    ),
    call(
      'GetObjectLockConfiguration',
      (abortSignal) => s3.send(new GetObjectLockConfigurationCommand({ Bucket }), { abortSignal }),
      ['ObjectLockConfigurationNotFoundError'],
    ),
    call(
      'GetBucketLifecycleConfiguration',
      (abortSignal) => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }), { abortSignal }),
      ['NoSuchLifecycleConfiguration'],
    ),
    call(
      'GetBucketOwnershipControls',
      (abortSignal) => s3.send(new GetBucketOwnershipControlsCommand({ Bucket }), { abortSignal }),
      ['OwnershipControlsNotFoundError'],
    ),
  );
  if (pab.ok) config.PublicAccessBlock = redactObject(pab.value.PublicAccessBlockConfiguration ?? {});
  else if (pab.notConfigured) config.PublicAccessBlock = null;

  if (policy.ok) config.PolicyStatus = redactObject(policy.value.PolicyStatus ?? {});
  else if (policy.notConfigured) config.PolicyStatus = null;

  if (acl.ok) {
    const { Owner, Grants } = acl.value;
    config.Acl = redactObject({ Owner, Grants: Grants ?? [] }) as S3BucketGroupConfig['Acl'];
  }

  if (enc.ok) config.Encryption = redactObject(enc.value.ServerSideEncryptionConfiguration ?? {});
  else if (enc.notConfigured) config.Encryption = null;

  if (ver.ok) {
    const { Status, MFADelete } = ver.value;
    config.Versioning = redactObject({ Status, MFADelete }) as S3BucketGroupConfig['Versioning'];
  }

  if (log.ok) config.Logging = log.value.LoggingEnabled ? redactObject(log.value.LoggingEnabled) : null;

  if (doc.ok) {
    // Judged before redaction (redaction only masks values, never principals or conditions) so the verdict is
    // about the policy as S3 enforces it; the document kept is the redacted one.
    const parsed = parseBucketPolicy(doc.value.Policy);
    config.Policy = redact(parsed);
    config.PolicyJudgement = judgePolicy(parsed, (await ownAccount()) ?? '');
  } else if (doc.notConfigured) config.Policy = null;

  let tags: Record<string, string> = {};
  if (tagging.ok) {
    config.TagSet = redact(tagging.value.TagSet ?? []) as S3BucketGroupConfig['TagSet'];
    tags = tagMap(tagging.value.TagSet);
  } else if (tagging.notConfigured) config.TagSet = [];

  if (lock.ok) {
    config.ObjectLock = redactObject(
      lock.value.ObjectLockConfiguration ?? {},
    ) as S3BucketGroupConfig['ObjectLock'];
  } else if (lock.notConfigured) config.ObjectLock = null;

  if (lifecycle.ok) {
    config.Lifecycle = redact(lifecycle.value.Rules ?? []) as S3BucketGroupConfig['Lifecycle'];
  } else if (lifecycle.notConfigured) config.Lifecycle = null;

  if (ownership.ok) {
    config.OwnershipControls = redactObject(
      ownership.value.OwnershipControls ?? {},
    ) as S3BucketGroupConfig['OwnershipControls'];
  } else if (ownership.notConfigured) config.OwnershipControls = null;

  ctx.sink.resource({
    uid: `arn:aws:s3:::${Bucket}`,
    provider: 'aws',
    service: 's3',
    type: AWS_TYPES.s3Bucket,
    region,
    name: Bucket,
    tags,
    config: config as unknown as Record<string, unknown>,
  });
}
