// Turns whatever an SDK call threw into a stable gap code plus a sentence an analyst can act on. Gap codes
// are evidence (they are hashed into the snapshot), so they must not depend on SDK versions' error classes:
// we read the wire error code (name / Code), the HTTP status and the transport error name, nothing else.
import { actionFor } from './registry';

export type ClassifiedError = { code: string; message: string };

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'Forbidden',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
]);
const BAD_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'AuthFailure',
  'CredentialsProviderError',
  'TokenRefreshRequired',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** Code for a response the SDK could not parse (truncated body, HTML from a proxy...). */
export const MALFORMED_RESPONSE = 'MalformedResponse';

type SdkLikeError = Error & {
  Code?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: unknown;
};

/** The AbortError-like error collectors throw when the analyst cancels. */
export function abortError(): Error {
  const err = new Error('The snapshot was cancelled by the analyst.');
  err.name = 'AbortError';
  return err;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

/** The error code: the service's own code for service errors, a stable name for transport failures. */
export function errorCode(err: unknown): string {
  if (!(err instanceof Error)) return 'UnknownError';
  const e = err as SdkLikeError;
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT' || e.name === 'RequestTimeout')
    return 'TimeoutError';
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'NetworkError';
  if (isDeserializationFailure(e)) return MALFORMED_RESPONSE;
  if (e.$fault !== undefined || e.$metadata !== undefined) {
    if (typeof e.Code === 'string' && e.Code) return e.Code;
    // An unmodelled error with no code (e.g. S3's body-less 403 on HEAD) surfaces as the HTTP status.
    if (e.name && e.name !== 'Error' && e.name !== 'ServiceException' && !/^\d+$/.test(e.name)) return e.name;
    const status = e.$metadata?.httpStatusCode;
    if (status === 403) return 'AccessDenied';
    if (status === 429 || status === 503) return 'Throttling';
    return status ? `Http${status}` : 'UnknownError';
  }
  if (e.name && e.name !== 'Error') return e.name;
  return 'UnknownError';
}

function isDeserializationFailure(e: SdkLikeError): boolean {
  // The SDK wraps parser failures in an error whose message says "Deserialization error" (and keeps the
  // raw response on $response); XML/JSON parser errors themselves are SyntaxError / "Unexpected ..." errors.
  if (/deserializ/i.test(e.message)) return true;
  if (e.name === 'SyntaxError') return true;
  if (e.$response !== undefined && e.$fault === undefined) return true;
  return /unexpected end|unclosed|invalid xml|not well-formed|expected .* but found/i.test(e.message);
}

export function isThrottlingCode(code: string): boolean {
  return THROTTLED.has(code);
}

export function isAccessDeniedCode(code: string): boolean {
  return ACCESS_DENIED.has(code);
}

export function isCredentialsCode(code: string): boolean {
  return BAD_CREDENTIALS.has(code);
}

/** Classifies one failed call of `service`:`operation` into a gap code and an actionable message. */
export function classifyAwsError(err: unknown, service: string, operation: string): ClassifiedError {
  const code = errorCode(err);
  const detail = err instanceof Error ? err.message.split('\n')[0].slice(0, 300) : String(err);
  const action = actionFor(service, operation);
  const attempts = (err as SdkLikeError | undefined)?.$metadata?.attempts;
  if (isAccessDeniedCode(code)) {
    return {
      code,
      message: `The snapshot identity is not allowed to call ${action}. Grant it (see the least-privilege policy in Settings) and take a new snapshot. AWS said: ${detail}`,
    };
  }
  if (isThrottlingCode(code)) {
    return {
      code,
      message: `AWS throttled ${action}${attempts ? ` on all ${attempts} attempts` : ''}. Take the snapshot again later or limit it to fewer regions. AWS said: ${detail}`,
    };
  }
  if (code === 'TimeoutError') {
    return {
      code,
      message: `${action} did not answer in time. Check the network/proxy to AWS and retry the snapshot. (${detail})`,
    };
  }
  if (code === 'NetworkError') {
    return {
      code,
      message: `Could not reach AWS for ${action}: ${detail}. Check the network or proxy settings.`,
    };
  }
  if (code === MALFORMED_RESPONSE) {
    // The call reached a server and got an answer: this is not a network fault, and retrying rarely helps.
    // The usual causes are something answering in AWS's place (a custom endpoint or emulator that does not
    // implement the call, a proxy or captive portal page) or a body cut short.
    return {
      code,
      message: `AWS sent a response that could not be read for ${action} (not in the service's format, or cut short). If the snapshot uses a custom endpoint or emulator, check that it implements this call; otherwise check for a proxy answering in AWS's place. (${detail})`,
    };
  }
  if (isCredentialsCode(code)) {
    return {
      code,
      message: `AWS rejected the credentials for ${action} (${code}): they are invalid or expired. Refresh them (e.g. aws sso login) and retry. (${detail})`,
    };
  }
  return { code, message: `${action} failed: ${detail}` };
}
