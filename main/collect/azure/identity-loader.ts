// @azure/identity (about 20 MiB with MSAL) is loaded the first time a token is asked for, never at start-up:
// an AWS snapshot, an export or verify job and every CLI command that does not reach Azure then skip it, the
// same reason the AWS SDK is loaded lazily (main/collect/aws/sdk-loader.ts). Credentials keep their synchronous
// constructor shape: a lazy credential builds the real one on its first getToken.
//
// Its errors are recognised by name, not instanceof, so recognising one never loads the package; the names
// are the ones @azure/identity sets (CredentialUnavailableErrorName and so on in its errors module).
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type * as IdentityModule from '@azure/identity';
import { loadOnce } from '../load-once';

type Identity = typeof IdentityModule;

const identity = loadOnce((): Promise<Identity> => import('@azure/identity'));

/** A TokenCredential that builds `make(identity)` on its first token request, and reuses it (its cache) after. */
export function lazyCredential(make: (identity: Identity) => TokenCredential): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      credential ??= identity().then(make);
      return (await credential).getToken(scopes, options);
    },
  };
}

export type IdentityErrorName =
  | 'CredentialUnavailableError'
  | 'AuthenticationRequiredError'
  | 'AggregateAuthenticationError'
  | 'AuthenticationError';

/** Whether `err` is one of @azure/identity's errors (by the name it gives them). */
export function isIdentityError(
  err: unknown,
  ...names: IdentityErrorName[]
): err is Error & { errors?: unknown[] } {
  return err instanceof Error && (names as string[]).includes(err.name);
}
