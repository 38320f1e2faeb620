import type { WebSocket, RawData } from "ws";
import { wireRequestSchema, type WireServerMessage } from "../../../shared/contract.js";
import type { EventHub } from "../event-hub.js";
import type { Router } from "../router.js";
import { badRequest } from "../studio-error.js";

/** Bytes queued on a socket beyond which a slow client gets disconnected rather than exhaust memory. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Serves one authenticated socket: requests go through the router, every event goes out. */
export function serveSocket(socket: WebSocket, router: Router, hub: EventHub): void {
  const send = (message: WireServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, "client too slow");
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const unsubscribe = hub.subscribe((event) => send({ kind: "event", event }));
  socket.on("close", unsubscribe);
  // A socket error (reset, bad frame) ends this session only; without a listener it would crash the server.
  socket.on("error", () => socket.terminate());
  socket.on("message", (data: RawData, isBinary: boolean) => {
    void handle(data, isBinary).then(send);
  });

  async function handle(data: RawData, isBinary: boolean): Promise<WireServerMessage> {
    if (isBinary) return { kind: "result", id: null, result: { ok: false, error: badRequest("binary frames are not part of the protocol") } };
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      return { kind: "result", id: null, result: { ok: false, error: badRequest("the message is not valid JSON") } };
    }
    const request = wireRequestSchema.safeParse(json);
    if (!request.success) {
      const id = wireRequestSchema.shape.id.safeParse((json as { id?: unknown } | null)?.id);
      return { kind: "result", id: id.success ? id.data : null, result: { ok: false, error: badRequest("not a request", request.error) } };
    }
    return { kind: "result", id: request.data.id, result: await router.invoke(request.data.command, request.data.input) };
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}
