// Main -> UI events (snapshot progress etc.). Typed by the contract so a payload cannot drift from it.
import type { EventName, EventPayload } from '../../shared/api';

export type EventListener = (event: EventName, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A broken listener (closed window, dropped SSE client) must not stop a snapshot.
      }
    }
  }
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
