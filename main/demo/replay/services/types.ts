// What a per-service responder gets: the parsed request, the estate and the server's mutable state.
import type { Estate } from '../../estate/types';
import type { ReplayResponse } from '../wire';

export type ReplayRequest = {
  service: string;
  region: string;
  operation: string;
  /** Query/form parameters (query protocols, S3 query string) or the JSON body's top level (CloudTrail). */
  params: Record<string, unknown>;
  /** S3: the bucket in the path (path-style addressing). */
  bucket?: string;
  /** Request time: every "days ago" in the estate is relative to it. */
  now: Date;
};

export type ReplayState = {
  /** GenerateCredentialReport calls so far: the first answers STARTED, later ones COMPLETE, like IAM. */
  credentialReportRequests: number;
};

export type Responder = (estate: Estate, req: ReplayRequest, state: ReplayState) => ReplayResponse;

export class UnknownOperation extends Error {}

/** Opaque pagination token over an index (AWS tokens are opaque too; clients must not parse them). */
export function pageOf<T>(items: T[], token: unknown, size: number): { page: T[]; next: string | undefined } {
  const start =
    typeof token === 'string' && token
      ? Number(Buffer.from(token, 'base64url').toString('utf8').replace('page:', ''))
      : 0;
  const from = Number.isFinite(start) && start > 0 ? start : 0;
  const page = items.slice(from, from + size);
  const nextIndex = from + size;
  return {
    page,
    next: nextIndex < items.length ? Buffer.from(`page:${nextIndex}`).toString('base64url') : undefined,
  };
}
