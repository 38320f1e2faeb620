/**
 * Issue 11 item 12: errors that vanished are logged to `<data>/logs/studio.log` (rotated) and
 * listed by `diagnostics.errors`: a throwing event listener, a handler's internal failure, an
 * API key that cannot be decrypted; the web client reports unreadable messages and gives up on
 * a command nobody answers.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStudio } from "../../electron/api/studio.js";
import { SafeStorageApiKeyStore } from "../../electron/api/api-keys.js";
import { ErrorLog } from "../../electron/storage/error-log.js";
import type { Handlers } from "../../electron/api/router.js";
import { createSocketTransport, type SocketLike } from "../../renderer/client/socket-transport.js";

let data: string;
beforeEach(async () => {
  data = await mkdtemp(path.join(tmpdir(), "logged-errors-"));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

describe("the error log", () => {
  it("writes each error with its source and stack, keeps the recent ones, and rotates", async () => {
    const log = new ErrorLog(path.join(data, "logs", "studio.log"), { maxBytes: 2000, keep: 2 });
    for (let index = 0; index < 30; index++) log.record(`source-${index}`, new Error(`failure ${index}`));
    await log.flushed();
    expect(log.recent().at(-1)).toMatchObject({ source: "source-29", message: "failure 29" });
    expect((await readdir(path.join(data, "logs"))).sort()).toEqual(["studio.log", "studio.log.1", "studio.log.2"]);
    const current = await readFile(path.join(data, "logs", "studio.log"), "utf8");
    expect(current).toMatch(/\[source-29\] failure 29\n {4}Error: failure 29\n {8}at /);
    for (const file of ["studio.log", "studio.log.1", "studio.log.2"]) expect((await readFile(path.join(data, "logs", file))).length).toBeLessThanOrEqual(2000);
  });
});

describe("errors the studio used to drop", () => {
  it("a throwing event listener and a handler's internal failure are logged and listed", async () => {
    const studio = await createStudio({
      dataDirectory: data,
      wrapHandlers: (handlers) => ({ ...handlers, "personas.list": async () => Promise.reject(new Error("the persona list broke")) }) as Handlers,
    });
    try {
      studio.events.subscribe(() => {
        throw new Error("a window that went away");
      });
      let delivered = false;
      studio.events.subscribe(() => void (delivered = true));
      studio.events.emit({ name: "progress", payload: { operationId: "x", label: "x", done: 0, total: null } });
      expect(delivered).toBe(true);
      expect(await studio.router.invoke("personas.list", {})).toMatchObject({ ok: false, error: { code: "internal" } });
      const listed = await studio.router.invoke("diagnostics.errors", {});
      expect(listed).toMatchObject({
        ok: true,
        value: {
          logFile: path.join(data, "logs", "studio.log"),
          errors: [
            { source: "events", message: "a window that went away" },
            { source: "personas.list", message: "the persona list broke" },
          ],
        },
      });
      await studio.services.errorLog.flushed();
      expect(await readFile(path.join(data, "logs", "studio.log"), "utf8")).toContain("[personas.list] the persona list broke");
    } finally {
      await studio.dispose();
    }
  });

  it("the window's own failures are logged with source renderer and their stack; a report of the wrong shape is refused", async () => {
    const studio = await createStudio({ dataDirectory: data });
    try {
      const stack = "TypeError: rows is undefined\n    at LibraryView (app.js:1:2)\nComponents:\n    at LibraryView";
      expect(await studio.router.invoke("diagnostics.report", { where: "view Library", message: "rows is undefined", stack })).toEqual({ ok: true, value: {} });
      expect(await studio.router.invoke("diagnostics.errors", {})).toMatchObject({ ok: true, value: { errors: [{ source: "renderer", message: "view Library: rows is undefined" }] } });
      await studio.services.errorLog.flushed();
      expect(await readFile(path.join(data, "logs", "studio.log"), "utf8")).toMatch(
        /\[renderer\] view Library: rows is undefined\n {4}TypeError: rows is undefined\n {8}at LibraryView \(app.js:1:2\)\n {4}Components:\n/,
      );
      // A report cannot forge an entry of its own: its message stays on its line, its stack indented.
      await studio.router.invoke("diagnostics.report", { where: "window", message: "x\n2026-01-01T00:00:00.000Z [engine] forged", stack: "y\n2026-01-01T00:00:00.000Z [engine] forged too" });
      await studio.services.errorLog.flushed();
      const lines = (await readFile(path.join(data, "logs", "studio.log"), "utf8")).split("\n");
      expect(lines.filter((line) => line.includes("forged"))).toEqual([
        expect.stringMatching(/^\S+ \[renderer\] window: x 2026-01-01T00:00:00.000Z \[engine\] forged$/),
        "    2026-01-01T00:00:00.000Z [engine] forged too",
      ]);
      for (const wrong of [{ where: "window" }, { where: "", message: "x" }, { where: "window", message: "x".repeat(2001) }, { where: "window", message: "x", path: "/etc" }]) {
        expect(await studio.router.invoke("diagnostics.report", wrong as never)).toMatchObject({ ok: false, error: { code: "bad-request" } });
      }
      expect((await studio.router.invoke("diagnostics.errors", {})) as { value: { errors: unknown[] } }).toMatchObject({ value: { errors: [{ source: "renderer" }, { source: "renderer" }] } });
    } finally {
      await studio.dispose();
    }
  });

  it("an API key that cannot be decrypted is reported by name, not dropped in silence", async () => {
    const file = path.join(data, "api-keys.json");
    await writeFile(file, JSON.stringify({ version: 1, keys: { LAB_KEY: Buffer.from("from another machine").toString("base64"), OK_KEY: Buffer.from("enc:fine").toString("base64") } }));
    // The OS keychain's stand-in: this machine can decrypt only what it encrypted.
    const keychain = {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`enc:${text}`),
      decryptString: (bytes: Buffer) => {
        const text = bytes.toString();
        if (!text.startsWith("enc:")) throw new Error("Error while decrypting the ciphertext provided to safeStorage.decryptString.");
        return text.slice(4);
      },
    };
    const studio = await createStudio({ dataDirectory: data, apiKeys: new SafeStorageApiKeyStore(keychain, file) });
    try {
      const listed = await studio.router.invoke("diagnostics.errors", {});
      expect(listed).toMatchObject({ ok: true, value: { errors: [{ source: "api-keys", message: expect.stringContaining("the stored key for LAB_KEY cannot be decrypted") }] } });
      expect(JSON.stringify(listed)).not.toContain("OK_KEY");
    } finally {
      await studio.dispose();
    }
  });
});

/** A socket that opens and then does only what the test says (the server side is not needed to show the client's handling). */
function scriptedSocket() {
  const listeners = new Map<string, ((event: unknown) => void)[]>();
  const socket: SocketLike & { deliver(data: string): void } = {
    readyState: 1,
    send: () => undefined,
    close: () => undefined,
    addEventListener: (type, listener) => void listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    deliver: (data) => listeners.get("message")?.forEach((listener) => listener({ data })),
  };
  setTimeout(() => listeners.get("open")?.forEach((listener) => listener({})), 0);
  return socket;
}

describe("the web client", () => {
  it("reports a message it cannot read and answers a command nobody answers as unavailable", async () => {
    const socket = scriptedSocket();
    const problems: string[] = [];
    const transport = createSocketTransport({ url: "ws://127.0.0.1:1/ws", createSocket: () => socket, invokeTimeoutMs: 50, onProblem: (message) => problems.push(message) });
    const answer = transport.invoke("personas.list", {});
    socket.deliver("{ not json");
    expect(problems).toEqual([expect.stringContaining("a message from the studio is not JSON and was ignored: { not json")]);
    expect(await answer).toEqual({ ok: false, error: { code: "unavailable", message: "no answer from the studio to personas.list within 1 s" } });
    transport.close();
  });
});
