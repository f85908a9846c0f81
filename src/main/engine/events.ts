// A tiny typed emitter for the engine's events; `on` returns its unsubscribe function.
import type { EngineEvents, EventName } from '../../shared/api';

type Listener<E extends EventName> = (payload: EngineEvents[E]) => void;

export class EngineEmitter {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch {
        // why: one broken subscriber (a closed socket) must not stop delivery to the others
      }
    }
  }
}
