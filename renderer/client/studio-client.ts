import type {
  CommandInput,
  CommandName,
  CommandOutput,
  ErrorCode,
  EventName,
  EventPayload,
  StudioErrorPayload,
  StudioEvent,
} from "../../shared/contract.js";
import type { ConnectionState, StudioTransport } from "./transport.js";
import { DiscussionWatch } from "./discussion-watch.js";

/** A command's typed failure, as the engine reported it. */
export class StudioClientError extends Error {
  override readonly name = "StudioClientError";
  readonly code: ErrorCode;
  readonly issues: StudioErrorPayload["issues"];
  constructor(payload: StudioErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.issues = payload.issues;
  }
}

/** The renderer's one way to the engine, the same over every transport. */
export class StudioClient {
  constructor(readonly transport: StudioTransport) {}

  get connection(): ConnectionState {
    return this.transport.state;
  }

  /** Runs a command; rejects with a StudioClientError carrying the contract's error code. */
  async call<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const result = await this.transport.invoke(command, input);
    if (!result.ok) throw new StudioClientError(result.error);
    return result.value as CommandOutput<N>;
  }

  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
    return this.transport.onEvent((event: StudioEvent) => {
      if (event.name === name) listener(event.payload as EventPayload<N>);
    });
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    return this.transport.onEvent(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.transport.onConnection(listener);
  }

  /** Follows one discussion: backlog first, then live events, resubscribing after every reconnect. */
  watchDiscussion(discussionId: string): DiscussionWatch {
    return new DiscussionWatch(this, discussionId);
  }

  close(): void {
    this.transport.close();
  }
}
