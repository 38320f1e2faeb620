import type { CommandName, CommandResult, StudioBridge, StudioEvent } from "../../shared/contract.js";
import type { StudioTransport } from "./transport.js";

/** Desktop: the object the preload exposed. IPC cannot drop, so the state is always open. */
export function createBridgeTransport(bridge: StudioBridge): StudioTransport {
  return {
    kind: "desktop",
    state: "open",
    invoke(command: CommandName, input: unknown): Promise<CommandResult> {
      const method = bridge[command] as (input: unknown) => Promise<CommandResult>;
      return method(input).catch((error: unknown) => ({
        ok: false as const,
        error: { code: "internal" as const, message: error instanceof Error ? error.message : String(error) },
      }));
    },
    onEvent: (listener: (event: StudioEvent) => void) => bridge.onEvent(listener),
    onConnection: () => () => undefined,
    close: () => undefined,
  };
}
