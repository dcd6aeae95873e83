// The renderer's only door to the core: window.api = { call, on }, generated from the names in
// shared/api.ts. It is bundled to CommonJS (sandboxed preloads cannot load ESM or node_modules) and exposes
// plain functions only - never ipcRenderer or an IPC event object, which would hand the page raw IPC.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  callNames,
  eventNames,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  type Api,
  type CallName,
  type CallRequest,
  type CallResponse,
  type EventName,
  type EventPayload,
  type Result,
} from '../../shared/api';

const knownCalls = new Set<string>(callNames);
const knownEvents = new Set<string>(eventNames);

function call<K extends CallName>(name: K, request: CallRequest<K>): Promise<Result<CallResponse<K>>> {
  if (!knownCalls.has(name)) {
    return Promise.resolve({
      ok: false,
      error: { code: 'unknown-call', message: `Unknown call "${String(name)}"` },
    });
  }
  // invoke resolves with the dispatcher's Result; the dispatcher never throws across the boundary.
  return ipcRenderer.invoke(IPC_CALL_CHANNEL, name, request);
}

function on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  if (!knownEvents.has(name)) throw new TypeError(`Unknown event "${String(name)}"`);
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const handler = (_event: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
    if (eventName === name) listener(payload as EventPayload<K>);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  };
}

const api: Api = { call, on };

// Freeze so page scripts cannot swap the functions out from under other page code.
contextBridge.exposeInMainWorld('api', Object.freeze(api));
