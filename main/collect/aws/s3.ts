// S3 buckets: ListBuckets for the population, then the bucket-level settings the checks need, each asked of
// the bucket's own region. "Not configured" answers (no PAB, no policy, no default encryption) are facts
// (key present, null); any other failure is a gap (key absent) and the next bucket is still collected.
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  type Bucket,
} from '@aws-sdk/client-s3';
import { settleAll, settled } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall } from './client-config';
import { AWS_TYPES, type S3BucketConfig } from './shapes';

/** GetBucketLocation's answer -> region. null/'' means us-east-1 and 'EU' is the legacy name of eu-west-1. */
export function regionFromLocationConstraint(constraint: string | null | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

export async function collectS3(
  ctx: CallContext,
  homeRegion: string,
  onBucket: (done: number, total: number) => void = () => {},
): Promise<number> {
  const buckets: Bucket[] = [];
  let token: string | undefined;
  do {
    const params = token ? { ContinuationToken: token } : {};
    const page = await recordedCall(
      ctx,
      { service: 's3', region: 'global', operation: 'ListBuckets', params },
      (abortSignal) => ctx.clients.s3(homeRegion).send(new ListBucketsCommand(params), { abortSignal }),
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
        await collectBucket(ctx, homeRegion, b);
        onBucket(++done, buckets.length);
      }),
  );
  return buckets.length;
}

async function collectBucket(ctx: CallContext, homeRegion: string, bucket: Bucket): Promise<void> {
  const Bucket = bucket.Name as string;
  const location = await recordedCall(
    ctx,
    { service: 's3', region: 'global', operation: 'GetBucketLocation', params: { Bucket } },
    (abortSignal) =>
      ctx.clients.s3(homeRegion).send(new GetBucketLocationCommand({ Bucket }), { abortSignal }),
  );
  // If the location call failed, ListBuckets' own BucketRegion (newer API) or the home region is the best
  // guess; the client follows S3's region redirect if the guess is wrong.
  const region = location.ok
    ? regionFromLocationConstraint(location.value.LocationConstraint)
    : (bucket.BucketRegion ?? homeRegion);
  const s3 = ctx.clients.s3(region);
  const call = <T extends object>(
    operation: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
    notConfigured: string[] = [],
  ) => recordedCall(ctx, { service: 's3', region, operation, params: { Bucket } }, send, notConfigured);

  const config: S3BucketConfig = {
    Name: Bucket,
    ...(bucket.CreationDate ? { CreationDate: bucket.CreationDate.toISOString() } : {}),
    Region: region,
  };

  // The six settings are independent of each other: asked at once.
  const [pab, policy, acl, enc, ver, log] = await settled(
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
  );
  if (pab.ok) config.PublicAccessBlock = redactObject(pab.value.PublicAccessBlockConfiguration ?? {});
  else if (pab.notConfigured) config.PublicAccessBlock = null;

  if (policy.ok) config.PolicyStatus = redactObject(policy.value.PolicyStatus ?? {});
  else if (policy.notConfigured) config.PolicyStatus = null;

  if (acl.ok) {
    const { Owner, Grants } = acl.value;
    config.Acl = redactObject({ Owner, Grants: Grants ?? [] }) as S3BucketConfig['Acl'];
  }

  if (enc.ok) config.Encryption = redactObject(enc.value.ServerSideEncryptionConfiguration ?? {});
  else if (enc.notConfigured) config.Encryption = null;

  if (ver.ok) {
    const { Status, MFADelete } = ver.value;
    config.Versioning = redactObject({ Status, MFADelete }) as S3BucketConfig['Versioning'];
  }

  if (log.ok) config.Logging = log.value.LoggingEnabled ? redactObject(log.value.LoggingEnabled) : null;

  ctx.sink.resource({
    uid: `arn:aws:s3:::${Bucket}`,
    provider: 'aws',
    service: 's3',
    type: AWS_TYPES.s3Bucket,
    region,
    name: Bucket,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
