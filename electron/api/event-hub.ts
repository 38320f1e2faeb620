import type { StudioEvent } from "../../shared/contract.js";

export type EventListener = (event: StudioEvent) => void;

/** Fans events out to every connected transport (windows, sockets). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StudioEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken transport (a closed window, a dead socket) must not starve the others.
      }
    }
  }
}
