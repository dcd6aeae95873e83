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
  /** HTTP method and path (REST protocols route on them). */
  method: string;
  path: string;
  /** The raw request body (REST-XML bodies, e.g. S3 Control; JSON bodies are already in params). */
  body: string;
  /** Request time: every "days ago" in the estate is relative to it. */
  now: Date;
};

export type ReplayState = {
  /** GenerateCredentialReport calls so far: the first answers STARTED, later ones COMPLETE, like IAM. */
  credentialReportRequests: number;
  /** Free counters for responders that answer differently on later calls (keyed by the responder). */
  counters: Record<string, number>;
};

export type Responder = (estate: Estate, req: ReplayRequest, state: ReplayState) => ReplayResponse;

/**
 * A service the replay server answers. REST protocols (rest-json, and rest-xml other than S3) name the
 * operation by method and path, so they route first: `route` returns the operation and the path's
 * parameters (merged into params, so denials and faults can match them), or undefined for an unknown path.
 */
export type ReplayService = {
  respond: Responder;
  route?: (
    method: string,
    path: string,
    query: URLSearchParams,
  ) => { operation: string; params?: Record<string, unknown> } | undefined;
};

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
