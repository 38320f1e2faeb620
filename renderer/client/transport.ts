import type { CommandName, CommandResult, StudioEvent } from "../../shared/contract.js";

/** "refused": the server answers but no longer takes this page's token (it restarted with a new one). */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "refused" | "closed";

/** How the client reaches the engine: the preload's `window.studio`, a WebSocket, or (in tests) the router itself. */
export interface StudioTransport {
  readonly kind: "desktop" | "web" | "in-process";
  readonly state: ConnectionState;
  /** Resolves with a result for every outcome, including a lost connection; never rejects. */
  invoke(command: CommandName, input: unknown): Promise<CommandResult>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** Listener bookkeeping shared by the transports. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}
