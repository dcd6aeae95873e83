// Credentials for a member account of an organisation: STS AssumeRole from the connection's own identity
// into the role the analyst named. Like the SDK credential provider chain's calls (registry.ts
// CREDENTIAL_PROVIDER_CALLS) this obtains credentials on the analyst's behalf: it is not a collector call, is
// not in the read-only snapshot policy, and goes through its own STS client rather than the guarded ones.
// The management-side permission and the member role's trust policy are printed beside the policy
// (main/collect/aws/org-policy.ts).
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { classifyAwsError, errorCode, isAccessDeniedCode } from '../errors';
import type { AwsTarget } from './client-config';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_REQUEST_TIMEOUT_MS } from './client-config';
import { awsSdk } from './sdk-loader';

/** Re-assume this long before the credentials expire, so no request is signed with a key about to lapse. */
const REFRESH_BEFORE_MS = 5 * 60_000;

export class AssumeRoleError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'AssumeRoleError';
  }
}

export function memberRoleArn(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

/**
 * A provider of the role's temporary credentials, shared by every client of the account's collection: it
 * assumes the role once, and again only when the credentials near expiry (a large account can take longer
 * than the default one-hour session). `first()` assumes it up front so a role that cannot be assumed is
 * known before anything is recorded for the account.
 */
export function assumedRoleCredentials(
  base: Pick<AwsTarget, 'credentials' | 'endpoint' | 'homeRegion' | 'maxAttempts' | 'requestTimeoutMs'>,
  roleArn: string,
  sessionName: string,
  signal: AbortSignal,
): { provider: AwsCredentialIdentityProvider; first(): Promise<AwsCredentialIdentity> } {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const { AssumeRoleCommand, STSClient } = await awsSdk.sts();
    const sts = new STSClient({
      region: base.homeRegion,
      credentials: base.credentials,
      endpoint: base.endpoint,
      maxAttempts: base.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      requestHandler: new NodeHttpHandler({
        requestTimeout: base.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
      }),
    });
    try {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }), {
        abortSignal: signal,
      });
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
        throw new AssumeRoleError(
          `STS AssumeRole of ${roleArn} returned no credentials.`,
          'MalformedResponse',
        );
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    } catch (err) {
      if (err instanceof AssumeRoleError || signal.aborted) throw err;
      const code = errorCode(err);
      const said = err instanceof Error ? err.message.split('\n')[0].slice(0, 300) : String(err);
      throw new AssumeRoleError(
        isAccessDeniedCode(code)
          ? `Could not assume the role ${roleArn} (${code}): the role must exist, its trust policy must allow ` +
              `sts:AssumeRole from the management account, and this identity must be allowed sts:AssumeRole ` +
              `on it. AWS said: ${said}`
          : `Could not assume the role ${roleArn}: ${classifyAwsError(err, 'sts', 'AssumeRole').message}`,
        code,
      );
    } finally {
      sts.destroy();
    }
  };
  const provider: AwsCredentialIdentityProvider = async () => {
    const fresh =
      current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS);
    if (fresh && current) return current;
    pending ??= assume().then(
      (c) => {
        current = c;
        pending = undefined;
        return c;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
  return { provider, first: () => provider() };
}
