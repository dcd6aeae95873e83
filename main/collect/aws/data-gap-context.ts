// Gaps of per-resource follow-up calls must say WHICH resource they are about: an analyst reading "GetKeyPolicy
// was denied" cannot tell which key's finding is an error without it. This wraps a call context so every gap
// recorded through it carries the resource (its uid in `resource`, and a label at the start of the message),
// while raw responses, resources and progress pass through unchanged.
import type { CollectionSink } from '../types';
import type { CallContext } from './client-config';

export function aboutResource(ctx: CallContext, uid: string, label: string): CallContext {
  const inner = ctx.sink;
  const sink: CollectionSink = {
    resource: (r) => inner.resource(r),
    raw: (r) => inner.raw(r),
    gap: (e) => inner.gap({ ...e, resource: e.resource ?? uid, message: `${label}: ${e.message}` }),
    progress: (p) => inner.progress(p),
    get signal() {
      return inner.signal;
    },
  };
  return { ...ctx, sink };
}
