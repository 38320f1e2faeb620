/**
 * A test double behind the renderer's client interface: `studio.call` answers from per-command
 * handlers the test sets, and `watchDiscussion` hands back a watch whose changes the test drives.
 * Tests install it with `vi.mock("../../renderer/app/studio.js", ...)`.
 */
import { vi } from "vitest";
import type { CommandInput, CommandName, CommandOutput } from "../../shared/contract.js";
import type { DiscussionView } from "../../renderer/client/index.js";

type Handler<N extends CommandName> = (input: CommandInput<N>) => CommandOutput<N> | Promise<CommandOutput<N>>;

export class FakeWatch {
  readonly view: DiscussionView;
  readonly listeners = new Set<(view: DiscussionView) => void>();
  stopped = false;
  ready = Promise.resolve();
  constructor(discussionId: string) {
    this.view = { discussionId, status: "running", awaitingHuman: null, awaitingSpeaker: null, comments: [], currentTurn: null, error: null, saveError: null, warnings: [], seq: 0 };
  }
  onChange(listener: (view: DiscussionView) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** Applies a change to the view the way the real watch does (in place), then notifies. */
  change(update: (view: DiscussionView) => void) {
    update(this.view);
    for (const listener of this.listeners) listener(this.view);
  }
  stop() {
    this.stopped = true;
  }
}

export function createStudioDouble() {
  const handlers = new Map<CommandName, Handler<CommandName>>();
  const calls: { command: CommandName; input: unknown }[] = [];
  const watches: FakeWatch[] = [];
  const studio = {
    connection: "open",
    transport: { kind: "web" },
    call: vi.fn(async (command: CommandName, input: unknown) => {
      calls.push({ command, input });
      const handler = handlers.get(command);
      if (!handler) throw Object.assign(new Error(`no handler for ${command}`), { code: "internal" });
      return handler(input as never);
    }),
    on: () => () => undefined,
    onEvent: () => () => undefined,
    onConnection: () => () => undefined,
    watchDiscussion: (discussionId: string) => {
      const watch = new FakeWatch(discussionId);
      watches.push(watch);
      return watch;
    },
  };
  return {
    studio,
    calls,
    watches,
    handle<N extends CommandName>(command: N, handler: Handler<N>) {
      handlers.set(command, handler as unknown as Handler<CommandName>);
    },
    reset() {
      handlers.clear();
      calls.length = 0;
      watches.length = 0;
    },
  };
}

/** The one double the mocked `renderer/app/studio.js` module exports (see vi.mock in each test). */
export const double = createStudioDouble();
