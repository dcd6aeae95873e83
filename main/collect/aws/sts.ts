// Who the snapshot runs as. This is the one call that is not allowed to fail quietly: without an identity
// there is no account to attribute the evidence to, so a failure stops the snapshot with a clear reason.
import { abortError, classifyAwsError, errorCode, isCredentialsCode } from '../errors';
import { redactObject } from '../redact';
import type { CallerIdentity } from '../types';
import type { CallContext } from './client-config';
import { throwIfAborted } from './client-config';
import { awsSdk } from './sdk-loader';

export class IdentityError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

export async function collectIdentity(ctx: CallContext, homeRegion: string): Promise<CallerIdentity> {
  throwIfAborted(ctx.sink.signal);
  // Loaded before the try: a package that cannot load is a broken install, not a credentials problem.
  const { GetCallerIdentityCommand } = await awsSdk.sts();
  let out;
  try {
    out = await ctx.scheduler.run('sts', homeRegion, async ({ signal }) =>
      (await ctx.clients.sts()).send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
    );
  } catch (err) {
    if (ctx.sink.signal.aborted) throw abortError();
    const code = errorCode(err);
    const { message } = classifyAwsError(err, 'sts', 'GetCallerIdentity');
    const lead = isCredentialsCode(code)
      ? 'AWS rejected the credentials (invalid or expired); refresh them (for SSO: aws sso login) and try again.'
      : 'Could not confirm which AWS identity these credentials belong to, so no snapshot was taken.';
    throw new IdentityError(`${lead} STS GetCallerIdentity failed with ${code}: ${message}`, code);
  }
  if (!out.Account || !out.Arn || !out.UserId) {
    throw new IdentityError(
      'STS GetCallerIdentity returned no account/ARN; cannot attribute the snapshot.',
      'MalformedResponse',
    );
  }
  ctx.sink.raw({
    service: 'sts',
    region: homeRegion,
    operation: 'GetCallerIdentity',
    params: {},
    response: redactObject(out),
  });
  return { account: out.Account, arn: out.Arn, userId: out.UserId };
}
