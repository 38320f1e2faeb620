import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import type { EventHub } from "../event-hub.js";
import type { Router } from "../router.js";
import { contentSecurityPolicy } from "../content-security-policy.js";
import { readStaticFile } from "./static-files.js";
import { serveSocket } from "./socket-session.js";
import { allowedHosts, checkRequest, createToken, tokenCookie, tokenCookieName } from "./web-auth.js";

export interface WebServerOptions {
  router: Router;
  events: EventHub;
  /** 127.0.0.1 unless the user asks for another address. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** The built renderer (out/renderer). */
  staticDirectory: string;
}

export interface WebServer {
  /** The ready-to-open address, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const SOCKET_PATH = "/ws";
const MAX_MESSAGE_BYTES = 80 * 1024 * 1024;

/** Web mode: the router over a WebSocket plus the built renderer over HTTP, behind a token. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? "127.0.0.1";
  const token = options.token ?? createToken();
  const staticDirectory = path.resolve(options.staticDirectory);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let hosts = new Set<string>();
  let port = 0;

  const server = createServer((request, response) => {
    void servePage(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function servePage(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://studio.invalid");
    const refusal = checkRequest(request, url, hosts, token, tokenCookieName(port));
    if (refusal) return refuse(response, refusal.status, refusal.reason);
    if (request.method !== "GET" && request.method !== "HEAD") return refuse(response, 405, "method not allowed");
    const headers = securityHeaders(request.headers.host ?? "");
    if (url.searchParams.has("token")) {
      // Trade the token in the address bar for a cookie, so it does not linger in history or get copied along.
      response.writeHead(303, { ...headers, "Set-Cookie": tokenCookie(port, token), Location: url.pathname });
      return void response.end();
    }
    const file = await readStaticFile(staticDirectory, url.pathname);
    if (!file) {
      if (url.pathname === "/") return refuse(response, 503, "the renderer is not built: run `npm run build` first");
      return refuse(response, 404, "not found");
    }
    response.writeHead(200, { ...headers, "Content-Type": file.type, "Content-Length": file.body.length });
    response.end(request.method === "HEAD" ? undefined : file.body);
  }

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const url = new URL(request.url ?? "/", "http://studio.invalid");
    const refusal = url.pathname === SOCKET_PATH ? checkRequest(request, url, hosts, token, tokenCookieName(port)) : { status: 404 as const, reason: "not found" };
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.router, options.events));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function securityHeaders(host: string): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy({ connect: [`ws://${host}`] }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
  };
}

function refuse(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  response.end(`${reason}\n`);
}
