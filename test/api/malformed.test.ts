/** Hundreds of generated malformed payloads: none reaches a handler, each gets a typed error, the server stays up. */
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandNames, type WireServerMessage } from "../../shared/contract.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { malformedCases, type MalformedCase } from "./malformed-payloads.js";
import { startHarness, type Harness } from "./studio-harness.js";

let harness: Harness;
let cases: MalformedCase[];
beforeAll(async () => {
  harness = await startHarness();
  cases = malformedCases(await ensureTinyModel());
});
afterAll(async () => harness.close());

/** Sends raw frames on one socket and collects one reply per frame. */
async function exchange(frames: (string | Buffer)[]): Promise<WireServerMessage[]> {
  const socket = new WebSocket(`ws://127.0.0.1:${harness.server.port}/ws?token=${harness.server.token}`);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const replies: WireServerMessage[] = [];
  const done = new Promise<void>((resolve) =>
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as WireServerMessage;
      if (message.kind === "result") replies.push(message);
      if (replies.length === frames.length) resolve();
    }),
  );
  for (const frame of frames) socket.send(frame, { binary: Buffer.isBuffer(frame) });
  await done;
  socket.close();
  return replies;
}

describe("malformed payloads", () => {
  it("generates several hundred, across every command", () => {
    expect(cases.length).toBeGreaterThan(300);
    expect(new Set(cases.map((entry) => entry.command)).size).toBe(commandNames.length);
  });

  it("in process: each is a bad-request and no handler runs", async () => {
    for (const entry of cases) {
      const result = await harness.studio.router.invoke(entry.command, entry.input);
      expect(result, `${entry.command}: ${entry.label}`).toMatchObject({ ok: false, error: { code: "bad-request" } });
    }
    expect([...harness.handlerCalls.keys()]).toEqual([]);
  });

  it("over the socket: each gets a bad-request answer with its own id, and the server keeps serving", async () => {
    const frames = cases.map((entry, id) => JSON.stringify({ id, command: entry.command, input: entry.input }));
    const replies = await exchange(frames);
    const byId = new Map(replies.map((reply) => [reply.kind === "result" ? reply.id : null, reply]));
    cases.forEach((_, id) => expect(byId.get(id)).toMatchObject({ result: { ok: false, error: { code: "bad-request" } } }));
    expect([...harness.handlerCalls.keys()]).toEqual([]);
    const [alive] = await exchange([JSON.stringify({ id: 1, command: "personas.list", input: {} })]);
    expect(alive).toMatchObject({ id: 1, result: { ok: true } });
  });

  it("over the socket: frames that are not requests at all", async () => {
    harness.handlerCalls.clear();
    const frames: (string | Buffer)[] = [
      "not json",
      "",
      "null",
      "[]",
      "42",
      JSON.stringify({ command: "personas.list", input: {} }),
      JSON.stringify({ id: { nested: 1 }, command: "personas.list", input: {} }),
      JSON.stringify({ id: -1, command: "personas.list", input: {} }),
      JSON.stringify({ id: 7, command: 12, input: {} }),
      JSON.stringify({ id: 8, command: "x".repeat(1000), input: {} }),
      JSON.stringify({ id: 9, command: "__proto__", input: {} }),
      JSON.stringify({ id: 10, command: "constructor", input: {} }),
      JSON.stringify({ id: 11, command: "personas.list", input: {}, extra: true }),
      "{".repeat(10_000),
      Buffer.from([0, 1, 2, 3]),
    ];
    const replies = await exchange(frames);
    for (const reply of replies) expect(reply).toMatchObject({ kind: "result", result: { ok: false, error: { code: "bad-request" } } });
    expect(replies.filter((reply) => reply.kind === "result" && reply.id === 9)).toHaveLength(1);
    expect([...harness.handlerCalls.keys()]).toEqual([]);
  });
});
