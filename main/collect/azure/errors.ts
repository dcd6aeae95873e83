// Turns whatever an Azure call threw into a stable gap code plus a sentence an analyst can act on. Codes are
// evidence (hashed into the snapshot), so they come from the wire (ARM's error.code, the HTTP status) or from
// our own client's error classes, never from SDK internals. The messages name the subscription and the RBAC
// action (or Graph permission) so "grant Reader on X" is one step.
import { MALFORMED_RESPONSE } from '../errors';
import { redactText, RedactionTally } from '../secret-shapes';
import { AzureHttpError, AzureMalformedResponseError, AzureTimeoutError } from './arm-client';
import { explainAzureCredentialError, isAzureCredentialError } from './credentials';
import { azurePermissionFor, type AzureCall } from './registry';

export type ClassifiedAzureError = { code: string; message: string };

/** The gap code for a call that Azure kept throttling (429) after every retry, or asked to wait too long. */
export const AZURE_THROTTLED = 'Throttled';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
]);
/** ARM's "you may not": RBAC denial, a deny assignment, a policy, a disabled subscription. */
const DENIED_CODES = new Set([
  'AuthorizationFailed',
  'LinkedAuthorizationFailed',
  'Authorization_RequestDenied',
  'Forbidden',
]);
const NOT_FOUND_CODES = new Set([
  'ResourceNotFound',
  'SubscriptionNotFound',
  'ResourceGroupNotFound',
  'NotFound',
]);
/** The subscription never registered the resource provider (ARM answers 409 or 404 depending on the call). */
const UNREGISTERED_CODES = new Set(['MissingSubscriptionRegistration', 'NoRegisteredProviderFound']);
const BAD_TOKEN_CODES = new Set([
  'InvalidAuthenticationToken',
  'ExpiredAuthenticationToken',
  'InvalidAuthenticationTokenTenant',
  'InvalidAuthenticationTokenAudience',
]);

export function isAzureAccessDeniedCode(code: string): boolean {
  return DENIED_CODES.has(code);
}

/** First line, at most 300 characters, with anything secret-shaped withheld (error text echoes requests). */
function detailOf(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return redactText(raw.split('\n')[0].slice(0, 300), new RedactionTally());
}

/** Classifies one failed call made for `subscriptionId` (null for tenant-wide calls). */
export function classifyAzureError(
  err: unknown,
  call: AzureCall,
  subscriptionId: string | null,
): ClassifiedAzureError {
  const permission = azurePermissionFor(call);
  const where = subscriptionId ? `subscription ${subscriptionId}` : 'the tenant';
  const detail = detailOf(err);
  const said = `Azure said: ${detail}`;
  if (err instanceof AzureHttpError) {
    const { status, code } = err;
    if (status === 429) {
      const why = err.retryAfterMs
        ? `asked to wait ${Math.ceil(err.retryAfterMs / 1000)} s, longer than a snapshot waits`
        : `on all ${err.attempts} attempts`;
      return {
        code: AZURE_THROTTLED,
        message: `Azure Resource Manager throttled ${call.operation} in ${where} (${why}). Take the snapshot again later or collect fewer subscriptions at once. ${said}`,
      };
    }
    if (status === 403 || DENIED_CODES.has(code)) {
      const grant =
        call.api === 'arm'
          ? `Grant it the Reader role (or the Evidence Desk custom role, which includes ${permission}) on ${where}`
          : `Grant the app the ${call.permission} permission with admin consent`;
      return {
        code: DENIED_CODES.has(code) ? code : 'AuthorizationFailed',
        message: `The snapshot identity is not allowed to perform ${permission} (${call.operation}) in ${where}. ${grant} and take a new snapshot. ${said}`,
      };
    }
    if (status === 401 || BAD_TOKEN_CODES.has(code)) {
      return {
        code: BAD_TOKEN_CODES.has(code) ? code : 'InvalidAuthenticationToken',
        message: `Azure refused the access token for ${call.operation} in ${where}: it is expired or for another tenant or cloud. Sign in again (az login --tenant <tenant id>) and retry. ${said}`,
      };
    }
    if (UNREGISTERED_CODES.has(code)) {
      return {
        code,
        message: `The resource provider ${call.namespace} is not registered in ${where}, so it holds none of these resources; ${call.operation} could not be read. ${said}`,
      };
    }
    if (status === 404 || NOT_FOUND_CODES.has(code)) {
      return {
        code: NOT_FOUND_CODES.has(code) ? code : 'ResourceNotFound',
        message: `${call.operation} found nothing in ${where}: the resource was deleted while the snapshot ran, or the subscription is not visible to this identity. ${said}`,
      };
    }
    return { code, message: `${call.operation} failed in ${where} (HTTP ${status}). ${said}` };
  }
  if (err instanceof AzureMalformedResponseError) {
    return {
      code: MALFORMED_RESPONSE,
      message: `Azure sent a response to ${call.operation} in ${where} that could not be read (not the API's JSON, or cut short). Check for a proxy answering in Azure's place, or a custom cloud endpoint that does not implement this call. (${detail})`,
    };
  }
  if (err instanceof AzureTimeoutError) {
    return {
      code: 'TimeoutError',
      message: `${call.operation} in ${where} did not answer in time. Check the network or proxy to Azure and retry the snapshot. (${detail})`,
    };
  }
  if (isAzureCredentialError(err)) {
    return { code: 'CredentialUnavailable', message: explainAzureCredentialError(err) };
  }
  const netCode = (err as { code?: unknown } | null)?.code;
  if (typeof netCode === 'string' && NETWORK_CODES.has(netCode)) {
    return {
      code: 'NetworkError',
      message: `Could not reach Azure for ${call.operation} in ${where}: ${detail}. Check the network or proxy settings.`,
    };
  }
  return { code: 'UnknownError', message: `${call.operation} failed in ${where}: ${detail}` };
}
