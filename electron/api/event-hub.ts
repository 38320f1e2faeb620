import type { StudioEvent } from "../../shared/contract.js";

export type EventListener = (event: StudioEvent) => void;

/** Fans events out to every connected transport (windows, sockets). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  /** `onListenerError` hears what a listener threw (logged, not dropped). */
  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StudioEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken transport (a closed window, a dead socket) must not starve the others; its error is logged.
        this.onListenerError(error);
      }
    }
  }
}
