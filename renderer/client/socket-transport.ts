import type { CommandName, CommandResult, StudioEvent, WireServerMessage } from "../../shared/contract.js";
import { Listeners, type ConnectionState, type StudioTransport } from "./transport.js";

/** The part of the browser's WebSocket this uses; the `ws` package's class fits it too (tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open" | "close" | "error" | "message", listener: (event: unknown) => void): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface SocketTransportOptions {
  /** ws:// or wss:// URL, token included. */
  url: string;
  createSocket?: SocketFactory;
  /** Delay before reconnect attempt `n` (from 1). */
  reconnectDelayMs?: (attempt: number) => number;
  /** How long a command may go unanswered before it is answered "unavailable" (default 10 minutes: model loads are long). */
  invokeTimeoutMs?: number;
  /** Hears what could not be used (a message that is not JSON); default: the console. */
  onProblem?: (message: string) => void;
  /**
   * Asked after a reconnect attempt fails: whether the server is up but refuses this client's
   * token. A browser's WebSocket does not say why a handshake failed; an HTTP request does.
   */
  tokenRefused?: () => Promise<boolean>;
}

const OPEN = 1;
const lost = (message: string): CommandResult => ({ ok: false, error: { code: "unavailable", message } });

/**
 * Web mode: commands and events over one WebSocket that reconnects after a drop. Commands
 * issued while disconnected wait for the connection; one in flight when it drops is answered
 * "unavailable" rather than re-sent, since it may already have taken effect.
 */
export function createSocketTransport(options: SocketTransportOptions): StudioTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const delay = options.reconnectDelayMs ?? ((attempt: number) => Math.min(5000, 250 * 2 ** (attempt - 1)));
  const events = new Listeners<StudioEvent>();
  const states = new Listeners<ConnectionState>();
  const inFlight = new Map<number, (result: CommandResult) => void>();
  const timeoutMs = options.invokeTimeoutMs ?? 10 * 60_000;
  const problem = options.onProblem ?? ((message: string) => console.error(`studio connection: ${message}`));
  const waiting: { send: () => void; fail: () => void }[] = [];
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let socket: SocketLike | null = null;
  let state: ConnectionState = "connecting";
  let retry: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: ConnectionState) => {
    if (state === next) return;
    state = next;
    states.emit(next);
  };

  const connect = () => {
    const current = createSocket(options.url);
    socket = current;
    current.addEventListener("open", () => {
      attempt = 0;
      setState("open");
      for (const request of waiting.splice(0)) request.send();
    });
    current.addEventListener("message", (event) => {
      const data = (event as { data?: unknown }).data;
      receive(typeof data === "string" ? data : String(data));
    });
    let opened = false;
    current.addEventListener("open", () => (opened = true));
    current.addEventListener("close", () => {
      if (socket !== current) return;
      socket = null;
      for (const [id, resolve] of inFlight) {
        inFlight.delete(id);
        resolve(lost("the connection to the studio was lost"));
      }
      if (closed) return setState("closed");
      setState("reconnecting");
      const again = () => {
        if (!closed) retry = setTimeout(connect, delay(++attempt));
      };
      // A handshake that failed may be a refused token: retrying cannot help, the new address can.
      if (opened || !options.tokenRefused) return again();
      options.tokenRefused().then(
        (refused) => {
          if (closed) return;
          if (!refused) return again();
          setState("refused");
          for (const request of waiting.splice(0)) request.fail();
        },
        again,
      );
    });
    // "error" is always followed by "close", which does the work.
    current.addEventListener("error", () => undefined);
  };

  const receive = (text: string) => {
    let message: WireServerMessage;
    try {
      message = JSON.parse(text) as WireServerMessage;
    } catch {
      problem(`a message from the studio is not JSON and was ignored: ${text.slice(0, 200)}`);
      return;
    }
    if (message.kind === "event") events.emit(message.event);
    else if (message.kind === "result" && typeof message.id === "number") {
      const resolve = inFlight.get(message.id);
      inFlight.delete(message.id);
      resolve?.(message.result);
    } else if (message.kind === "result") {
      // The studio could not read one of our requests well enough to say which.
      problem(`the studio refused a request it could not read: ${message.result.ok ? "" : message.result.error.message}`);
    } else problem(`a message of unknown kind from the studio was ignored: ${text.slice(0, 200)}`);
  };

  connect();
  return {
    kind: "web",
    get state() {
      return state;
    },
    invoke(command: CommandName, input: unknown) {
      if (closed) return Promise.resolve(lost("the client was closed"));
      return new Promise<CommandResult>((resolve) => {
        const send = () => {
          const id = nextId++;
          // An answer lost on the way must not leave the caller waiting forever.
          const timer = setTimeout(() => {
            if (!inFlight.delete(id)) return;
            resolve(lost(`no answer from the studio to ${command} within ${Math.ceil(timeoutMs / 1000)} s`));
          }, timeoutMs);
          inFlight.set(id, (result) => {
            clearTimeout(timer);
            resolve(result);
          });
          socket?.send(JSON.stringify({ id, command, input: input ?? {} }));
        };
        if (socket?.readyState === OPEN) send();
        else if (state === "refused") resolve(lost("the studio no longer accepts this page: open the address it printed"));
        else waiting.push({ send, fail: () => resolve(lost(state === "refused" ? "the studio no longer accepts this page: open the address it printed" : "the client was closed")) });
      });
    },
    onEvent: (listener) => events.add(listener),
    onConnection: (listener) => states.add(listener),
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      for (const request of waiting.splice(0)) request.fail();
      socket?.close(1000, "client closed");
      if (!socket) setState("closed");
    },
  };
}
