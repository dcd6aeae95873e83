// Account-level S3 Block Public Access (S3 Control GetPublicAccessBlock): one resource per account. These
// four settings override every bucket's own, so the public-access judgement of each bucket needs them, and
// s3_bucket_public_access / s3_account_level_public_access_blocks read this resource.
import { redactObject } from '../redact';
import type { AwsModuleRun } from './module';
import { recordedCall } from './client-config';
import {
  accountPublicAccessBlockUid,
  S3_TYPES,
  type PublicAccessBlockFlags,
  type S3AccountPublicAccessBlockConfig,
} from './s3-shapes';
import { awsSdk } from './sdk-loader';

/**
 * S3 Control's endpoint rules put the account id in front of the host ("<account>.s3-control..."), also in
 * front of a custom endpoint, which a loopback address or an emulator's hostname cannot take. With an
 * endpoint override the request goes to the endpoint as given; the account still travels in the
 * x-amz-account-id header, which is what S3 Control reads.
 */
function pathStyleControl<C extends { endpoint?: string }>(common: C): C {
  const { endpoint } = common;
  if (!endpoint) return common;
  return { ...common, endpointProvider: () => ({ url: new URL(endpoint) }) };
}

export async function collectAccountPublicAccessBlock({ ctx, region, account }: AwsModuleRun): Promise<void> {
  const { GetPublicAccessBlockCommand, S3ControlClient } = await awsSdk.s3Control();
  const AccountId = account;
  const out = await recordedCall(
    ctx,
    { service: 's3-control', region: 'global', operation: 'GetPublicAccessBlock', params: { AccountId } },
    (abortSignal) =>
      ctx.clients
        .client('s3-control', region, (c) => new S3ControlClient(pathStyleControl(c)))
        .send(new GetPublicAccessBlockCommand({ AccountId }), { abortSignal }),
    ['NoSuchPublicAccessBlockConfiguration'],
  );
  // Gap convention: the resource exists either way (the account does), the key only when it was read.
  const config: S3AccountPublicAccessBlockConfig = { AccountId };
  if (out.ok) {
    config.PublicAccessBlock = redactObject(
      out.value.PublicAccessBlockConfiguration ?? {},
    ) as PublicAccessBlockFlags;
  } else if (out.notConfigured) config.PublicAccessBlock = null;
  ctx.sink.resource({
    uid: accountPublicAccessBlockUid(account),
    provider: 'aws',
    service: 's3',
    type: S3_TYPES.accountPublicAccessBlock,
    region: 'global',
    name: account,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
