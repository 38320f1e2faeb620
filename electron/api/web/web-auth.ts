import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import os from "node:os";

/**
 * The token cookie's name, one per instance: browsers send a cookie to every port of a host,
 * so a shared name let two studios on 127.0.0.1 overwrite each other's token (a reload then
 * got 401). Named by port, each instance reads only its own.
 */
export function tokenCookieName(port: number): string {
  return `studio_token_${port}`;
}

/** The Set-Cookie value that trades the printed link's token for a cookie of this instance only. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function createToken(): string {
  return randomBytes(24).toString("base64url");
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** host:port strings a browser may put in `Host` for this server; anything else is DNS rebinding or a proxy we do not know. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(["127.0.0.1", "localhost", "[::1]"]);
  if (bindHost === "0.0.0.0" || bindHost === "::") {
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.family === "IPv6" ? `[${address.address}]` : address.address);
    }
  } else {
    names.add(bindHost.includes(":") ? `[${bindHost}]` : bindHost);
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

/** The token a request carries: `?token=` (the printed link), this instance's cookie set from it, or a bearer header. */
export function requestToken(request: IncomingMessage, url: URL, cookieName: string): string | null {
  const fromQuery = url.searchParams.get("token");
  if (fromQuery) return fromQuery;
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "");
  if (bearer?.[1]) return bearer[1];
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookieName) return value.join("=");
  }
  return null;
}

export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type Refusal = { status: 401 | 403 | 421; reason: string } | null;

/**
 * Whether a request (page or socket) may go on. The Host check defeats DNS rebinding; the
 * Origin check stops other web sites from driving the studio through the user's browser;
 * the token stops everyone else on the machine or network.
 */
export function checkRequest(request: IncomingMessage, url: URL, hosts: ReadonlySet<string>, token: string, cookieName: string): Refusal {
  const host = request.headers.host ?? "";
  if (!hosts.has(host)) return { status: 421, reason: `unexpected Host "${host.slice(0, 100)}"` };
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return { status: 403, reason: "foreign Origin" };
  if (!tokenMatches(requestToken(request, url, cookieName), token)) return { status: 401, reason: "missing or wrong token" };
  return null;
}
