// The single entry from either transport (Electron IPC or the browser-mode HTTP bridge) into the core:
// unknown call -> error, payload validated against the contract's zod schema, handler errors turned into
// {ok:false} results. Nothing a renderer sends can crash the main process.
import { calls, type CallName, type EventName, type Result } from '../../shared/api';
import { CancelledError, NotFoundError, RefusedError } from '../core/errors';
import type { Workspace } from '../core/workspace';
import { createHandlers, type Platform } from './handlers';

export type { Platform } from './handlers';

export type Dispatcher = {
  dispatch(name: string, payload: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
};

export function createDispatcher(ws: Workspace, platform: Platform): Dispatcher {
  const handlers = createHandlers(ws, platform);
  return {
    async dispatch(name, payload) {
      if (!Object.hasOwn(calls, name)) {
        return {
          ok: false,
          error: { code: 'unknown-call', message: `Unknown call "${String(name).slice(0, 80)}".` },
        };
      }
      const call = calls[name as CallName];
      const parsed = call.request.safeParse(payload ?? {});
      if (!parsed.success) {
        const detail = parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`)
          .join('; ');
        return {
          ok: false,
          error: { code: 'invalid-request', message: `Invalid request for ${name}: ${detail}` },
        };
      }
      try {
        const handler = handlers[name as CallName] as (req: unknown) => unknown;
        const value = await handler(parsed.data);
        return { ok: true, value };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const code =
          err instanceof NotFoundError
            ? 'not-found'
            : err instanceof RefusedError
              ? 'refused'
              : err instanceof CancelledError
                ? 'cancelled'
                : 'failed';
        return { ok: false, error: { code, message } };
      }
    },
    subscribe: (listener) => ws.events.subscribe(listener),
  };
}
