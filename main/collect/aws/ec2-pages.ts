// Full pagination of one EC2 Describe* call, every page through recordedCall (one raw row or one gap each).
import type { CallContext } from './client-config';
import { recordedCall } from './client-config';

/** Items of the pages that answered, and whether every page did (false = the list is incomplete). */
export type Paged<T> = { items: T[]; complete: boolean };

/**
 * Calls `operation` page by page until AWS stops returning a NextToken. A failed page ends the walk: the
 * items so far are kept (they exist), but `complete` is false so a caller never treats the list as the
 * whole population ("no flow log for this VPC" must not be concluded from half the flow logs).
 */
export async function describeAll<P extends Record<string, unknown>, O extends { NextToken?: string }, T>(
  ctx: CallContext,
  region: string,
  operation: string,
  base: P,
  send: (params: P & { NextToken?: string }, abortSignal: AbortSignal) => Promise<O>,
  pick: (out: O) => T[] | undefined,
): Promise<Paged<T>> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const params: P & { NextToken?: string } = { ...base, ...(token ? { NextToken: token } : {}) };
    const page = await recordedCall(ctx, { service: 'ec2', region, operation, params }, (abortSignal) =>
      send(params, abortSignal),
    );
    if (!page.ok) return { items, complete: false };
    items.push(...(pick(page.value) ?? []));
    token = page.value.NextToken || undefined;
    // A token seen before would loop forever; stop and say the list is incomplete rather than guess.
    if (token && seen.has(token)) return { items, complete: false };
    if (token) seen.add(token);
  } while (token);
  return { items, complete: true };
}

/** "Name (id)" when the resource has a Name tag, else the id. */
export function displayName(tags: Record<string, string>, id: string): string {
  return tags.Name ? `${tags.Name} (${id})` : id;
}
