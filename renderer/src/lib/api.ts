// The ONE place the renderer reaches the core. In Electron the preload exposes window.api (exactly the Api
// interface); in browser mode the same interface is implemented over the loopback HTTP bridge. Everything
// else in the UI imports `api` / `call` from here and cannot tell the two apart.
import {
  events,
  type Api,
  type ApiError,
  type CallName,
  type CallRequest,
  type CallResponse,
  type EventName,
  type EventPayload,
  type Result,
} from '../../../shared/api';

declare global {
  interface Window {
    api?: Api;
  }
}

const TOKEN_KEY = 'evidence-desk.token';

/**
 * The bridge token arrives once in the URL fragment (never sent to the server in a request line, never in a
 * Referer). It moves to sessionStorage so a reload keeps working, and leaves the address bar so it is not
 * shoulder-surfed, bookmarked or pasted into a ticket.
 */
function takeBridgeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function failure(message: string, code: ApiError['code'] = 'failed'): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { message?: unknown } };
  return v.ok === true || (v.ok === false && typeof v.error?.message === 'string');
}

function createHttpApi(): Api {
  const token = takeBridgeToken();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureEventSource(): void {
    if (source || !token) return;
    // One shared stream for every subscriber: browsers cap connections per host, and events are few.
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (msg: MessageEvent<string>) => {
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(msg.data) as { event?: unknown; payload?: unknown };
      } catch {
        return;
      }
      const name = parsed.event as EventName;
      const schema = events[name];
      if (!schema) return;
      // Validate like the preload would: a malformed event must not crash a view that trusts its type.
      const checked = schema.safeParse(parsed.payload);
      if (!checked.success) return;
      for (const listener of listeners.get(name) ?? []) listener(checked.data);
    };
  }

  return {
    async call<K extends CallName>(name: K, request: CallRequest<K>): Promise<Result<CallResponse<K>>> {
      if (!token) {
        return failure(
          'This page has no access token. Open the full URL printed by Evidence Desk when it started ' +
            '(it ends with #token=...).',
          'refused',
        );
      }
      let response: Response;
      try {
        response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(request),
          cache: 'no-store',
        });
      } catch (err) {
        return failure(
          `Cannot reach the Evidence Desk core (${(err as Error).message}). Is the evidence-desk process still running?`,
        );
      }
      let body: unknown = null;
      try {
        body = await response.json();
      } catch {
        // Fall through: a non-JSON error page is reported by status below.
      }
      if (response.status === 401) {
        return failure(
          'The core refused the access token (it changes every time Evidence Desk starts). Open the new URL it printed.',
          'refused',
        );
      }
      if (isResult(body)) return body as Result<CallResponse<K>>;
      return failure(`The core answered ${name} with HTTP ${response.status} and no result.`);
    },

    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
      ensureEventSource();
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

export const api: Api = window.api ?? createHttpApi();

/** True when running inside the Electron shell (the preload exposed window.api). */
export const isElectron = window.api !== undefined;

/** A failed call as an exception, carrying the core's code so views can react to e.g. 'not-found'. */
export class ApiCallError extends Error {
  constructor(
    readonly call: CallName,
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Calls the core and unwraps the Result: the value, or an ApiCallError with the core's own message. */
export async function call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>> {
  const result = await api.call(name, request);
  if (result.ok) return result.value;
  throw new ApiCallError(name, result.error.code, result.error.message);
}
