import type { StudioBridge } from "../../shared/contract.js";
import { createBridgeTransport } from "./bridge-transport.js";
import { createSocketTransport } from "./socket-transport.js";
import { StudioClient } from "./studio-client.js";

/**
 * The client for this page: the preload's `window.studio` in the desktop app, else a
 * WebSocket to the web-mode server that served the page (its cookie carries the token).
 */
export function connectStudio(): StudioClient {
  const bridge = (globalThis as { studio?: StudioBridge }).studio;
  if (bridge) return new StudioClient(createBridgeTransport(bridge));
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return new StudioClient(createSocketTransport({ url: `${scheme}//${location.host}/ws`, tokenRefused: pageRefused }));
}

/** The server is up but refuses this page's cookie: it restarted with a new token. */
async function pageRefused(): Promise<boolean> {
  try {
    const response = await fetch(location.pathname, { method: "HEAD", cache: "no-store", credentials: "same-origin" });
    return response.status === 401;
  } catch {
    return false; // not reachable: down, or restarting
  }
}
