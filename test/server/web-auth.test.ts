/** Web mode refuses requests and sockets without the token, with a wrong one, or from a foreign Origin; binds 127.0.0.1 by default. */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventHub } from "../../electron/api/event-hub.js";
import { createRouter, type Handlers } from "../../electron/api/router.js";
import { startWebServer, type WebServer } from "../../electron/api/web/web-server.js";

let server: WebServer;
let root: string;
let base: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "studio-web-"));
  await mkdir(path.join(root, "assets"));
  await writeFile(path.join(root, "index.html"), "<!doctype html><title>studio</title>");
  await writeFile(path.join(root, "assets", "app.js"), "console.log(1)");
  await writeFile(path.join(path.dirname(root), "secret.txt"), "secret");
  const router = createRouter({ "personas.list": async () => ({ personas: [], problems: [] }) } as unknown as Handlers);
  server = await startWebServer({ router, events: new EventHub(), staticDirectory: root });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
  await rm(path.join(path.dirname(root), "secret.txt"), { force: true });
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<number | "open"> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on("open", () => {
      socket.close();
      resolve("open");
    });
    socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.on("error", () => resolve(0));
  });
}

describe("web mode", () => {
  it("binds to 127.0.0.1 by default and prints a URL with a long random token", () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it("refuses pages without the token, with a wrong token, or from a foreign Origin", async () => {
    expect((await get(`${base}/`)).status).toBe(401);
    expect((await get(`${base}/assets/app.js`)).status).toBe(401);
    expect((await get(`${base}/?token=wrong`)).status).toBe(401);
    expect((await get(`${base}/`, { Cookie: `studio_token_${server.port}=wrong` })).status).toBe(401);
    expect((await get(`${base}/?token=${server.token}`, { Origin: "http://evil.example" })).status).toBe(403);
    expect((await get(`${base}/?token=${server.token}`, { Host: `evil.example:${server.port}` })).status).toBe(421);
  });

  it("trades the token for a strict cookie, then serves the renderer with a CSP, never outside its folder", async () => {
    const first = await get(`${base}/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe("/");
    expect(first.headers["set-cookie"]?.[0]).toBe(`studio_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
    const cookie = { Cookie: `studio_token_${server.port}=${server.token}` };
    const page = await get(`${base}/`, cookie);
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect((await get(`${base}/assets/app.js`, cookie)).headers["content-type"]).toContain("javascript");
    expect((await get(`${base}/..%2fsecret.txt`, cookie)).status).toBe(404);
    expect((await get(`${base}/%2e%2e/secret.txt`, cookie)).status).toBe(404);
  });

  it("refuses sockets without the token, with a wrong one, or from a foreign Origin", async () => {
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    expect(await openSocket(ws)).toBe(401);
    expect(await openSocket(`${ws}?token=wrong`)).toBe(401);
    expect(await openSocket(`${ws}?token=${server.token}`, { Origin: "http://evil.example" })).toBe(403);
    expect(await openSocket(`${ws}?token=${server.token}`, { Origin: `http://localhost:${server.port}` })).toBe(403);
    expect(await openSocket(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).toBe(404);
    expect(await openSocket(`${ws}?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` })).toBe("open");
    expect(await openSocket(ws, { Cookie: `studio_token_${server.port}=${server.token}` })).toBe("open");
  });

  it("scopes its cookie to the instance: two studios on 127.0.0.1 keep their own tokens (issue 11 item 6)", async () => {
    const router = createRouter({} as Handlers);
    const other = await startWebServer({ router, events: new EventHub(), staticDirectory: root });
    try {
      // A browser sends every cookie of 127.0.0.1 to both ports: each instance reads only its own.
      const both = { Cookie: `studio_token_${server.port}=${server.token}; studio_token_${other.port}=${other.token}` };
      expect((await get(`${base}/`, both)).status).toBe(200);
      expect((await get(`http://127.0.0.1:${other.port}/`, both)).status).toBe(200);
      // One instance's cookie opens nothing at the other, by its name or by the old shared name.
      expect((await get(`http://127.0.0.1:${other.port}/`, { Cookie: `studio_token_${server.port}=${server.token}` })).status).toBe(401);
      expect((await get(`http://127.0.0.1:${other.port}/`, { Cookie: `studio_token=${other.token}` })).status).toBe(401);
      const second = await get(`http://127.0.0.1:${other.port}/?token=${other.token}`);
      expect(second.headers["set-cookie"]?.[0]).toMatch(new RegExp(`^studio_token_${other.port}=`));
      expect(await openSocket(`ws://127.0.0.1:${other.port}/ws`, both)).toBe("open");
    } finally {
      await other.close();
    }
  });
});
