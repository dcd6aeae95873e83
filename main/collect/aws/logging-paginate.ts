// Follows a token-paginated list call to the end through recordedCall (each page is its own raw evidence).
// Answers undefined when any page failed: a partial list must not pass for the whole population.
import { recordedCall, type CallContext, type CallSpec } from './client-config';

export async function allPages<P extends object, T>(
  ctx: CallContext,
  spec: Omit<CallSpec, 'params'>,
  tokenKey: string,
  send: (params: Record<string, unknown>, abortSignal: AbortSignal) => Promise<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[] | undefined> {
  const out: T[] = [];
  let token: unknown;
  do {
    const params: Record<string, unknown> = token ? { [tokenKey]: token } : {};
    const page = await recordedCall(ctx, { ...spec, params }, (signal) => send(params, signal));
    if (!page.ok) return undefined;
    out.push(...(items(page.value) ?? []));
    token = (page.value as Record<string, unknown>)[tokenKey];
  } while (typeof token === 'string' && token !== '');
  return out;
}
