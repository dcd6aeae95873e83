// Per-resource follow-up calls (GetRolePolicy for one role, ListUserPolicies for one user...) fail one
// resource at a time, and AWS's error text does not always say which one. This wraps a call context so the
// gaps recorded through it start with the resource they concern ("role vendor-support, inline policy x: ..."),
// which is what the analyst needs to grant the missing permission or explain the error finding.
import type { CollectionSink } from '../types';
import type { CallContext } from './client-config';

export function withGapSubject(ctx: CallContext, subject: string): CallContext {
  const inner = ctx.sink;
  const sink: CollectionSink = {
    resource: (r) => inner.resource(r),
    raw: (r) => inner.raw(r),
    gap: (e) => inner.gap({ ...e, message: `${subject}: ${e.message}` }),
    progress: (p) => inner.progress(p),
    get signal() {
      return inner.signal;
    },
  };
  return { ...ctx, sink };
}
