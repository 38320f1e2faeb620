import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import type { CommandName, CommandResult, StudioEvent } from "../../shared/contract.js";
import { createStudio, type Studio } from "../../electron/api/studio.js";
import type { Handlers } from "../../electron/api/router.js";
import { startWebServer, type WebServer } from "../../electron/api/web/web-server.js";
import { StudioClient, StudioClientError } from "../../renderer/client/studio-client.js";
import { expect } from "vitest";
import { Listeners, type StudioTransport } from "../../renderer/client/transport.js";
import { createSocketTransport, type SocketLike } from "../../renderer/client/socket-transport.js";

export type TransportKind = "in-process" | "websocket";

/** The router called directly; payloads pass through JSON both ways, as on a real wire. */
export function createInProcessTransport(studio: Studio): StudioTransport {
  const events = new Listeners<StudioEvent>();
  const off = studio.events.subscribe((event) => events.emit(JSON.parse(JSON.stringify(event)) as StudioEvent));
  return {
    kind: "in-process",
    state: "open",
    async invoke(command: CommandName, input: unknown) {
      const wire = input === undefined ? undefined : (JSON.parse(JSON.stringify(input)) as unknown);
      return JSON.parse(JSON.stringify(await studio.router.invoke(command, wire))) as CommandResult;
    },
    onEvent: (listener) => events.add(listener),
    onConnection: () => () => undefined,
    close: off,
  };
}

export interface Harness {
  studio: Studio;
  dataDirectory: string;
  /** How many times each handler ran. */
  handlerCalls: Map<string, number>;
  server: WebServer;
  client(kind: TransportKind, options?: { reconnectDelayMs?: (attempt: number) => number; gate?: () => boolean }): StudioClient;
  /** Sockets the websocket clients opened, newest last. */
  sockets: SocketLike[];
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDirectory = await mkdtemp(path.join(tmpdir(), "studio-api-"));
  const handlerCalls = new Map<string, number>();
  const studio = await createStudio({
    dataDirectory,
    registry: { threads: 1, contextSize: 2048, gpu: false },
    wrapHandlers: (handlers) => countCalls(handlers, handlerCalls),
  });
  const server = await startWebServer({ router: studio.router, events: studio.events, staticDirectory: path.join(dataDirectory, "no-renderer") });
  const clients: StudioClient[] = [];
  const sockets: SocketLike[] = [];
  return {
    studio,
    dataDirectory,
    handlerCalls,
    server,
    sockets,
    client(kind, options = {}) {
      const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
      const transport =
        kind === "in-process"
          ? createInProcessTransport(studio)
          : createSocketTransport({
              url,
              reconnectDelayMs: options.reconnectDelayMs,
              createSocket: (target) => {
                // A closed gate sends reconnects to a refused address, as if the network were still down.
                const socket = new WebSocket(options.gate && !options.gate() ? target.replace(/token=[^&]*/, "token=closed") : target);
                sockets.push(socket);
                return socket;
              },
            });
      const client = new StudioClient(transport);
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await server.close();
      await studio.dispose();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

function countCalls(handlers: Handlers, calls: Map<string, number>): Handlers {
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: never) => Promise<unknown>][]) {
    wrapped[name] = (input) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return handler(input);
    };
  }
  return wrapped as unknown as Handlers;
}

/** Resolves when `predicate` holds for an event, collecting every event of the discussion until then. */
export function collectUntil(client: StudioClient, predicate: (event: StudioEvent) => boolean): { events: StudioEvent[]; done: Promise<StudioEvent[]> } {
  const events: StudioEvent[] = [];
  let off = () => undefined as unknown;
  const done = new Promise<StudioEvent[]>((resolve) => {
    off = client.onEvent((event) => {
      events.push(event);
      if (predicate(event)) {
        off();
        resolve(events);
      }
    });
  });
  return { events, done };
}

/** The typed error a command failed with (the test fails if it succeeded or threw something else). */
export async function failure(promise: Promise<unknown>): Promise<StudioClientError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(StudioClientError);
  return error as StudioClientError;
}
