import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OpenAiChatModel, OpenAiRequestError } from "../../electron/llm/openai-chat-model.js";
import { fixedProfiles, type ResolvedServer } from "../../electron/llm/server-resolver.js";
import type { ServerProfile } from "../../shared/domain/server-profile.js";
import type { ChatModel, GenerationRequest } from "../../electron/llm/types.js";
import { Discussion } from "../../electron/engine/discussion.js";
import type { DiscussionEvent } from "../../shared/domain/index.js";
import { testDesign } from "../support/designs.js";
import { FakeServer, pause, stream, type ChatBody } from "../support/fake-openai-server.js";

let server: FakeServer;
beforeEach(async () => {
  server = new FakeServer();
  await server.start();
});
afterEach(async () => {
  await server.stop();
});

function resolved(profile: Partial<ServerProfile> = {}, apiKey?: string): ResolvedServer {
  return { profile: { id: "p", name: "test-profile", baseUrl: server.baseUrl, modelName: "test-model", maxConcurrent: 4, ...profile }, apiKey, displayName: profile.modelName ?? "test-model" };
}

function model(profile: Partial<ServerProfile> = {}, apiKey?: string): OpenAiChatModel {
  return new OpenAiChatModel(resolved(profile, apiKey), { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } });
}

function request(extra: Partial<GenerationRequest> = {}): GenerationRequest {
  return {
    sequenceKey: "d:Ann",
    prompt: { system: "You are Ann.\nBe brief.", user: "Ann: hi\n\nReply as Ann." },
    sampling: { temperature: 0.7, topP: 0.9, seed: 42, maxTokens: 64, stopStrings: ["\nUser:"] },
    seed: 1234,
    ...extra,
  };
}

describe("OpenAiChatModel", () => {
  it("streams deltas, sends exactly the prompt and sampling, and takes token counts from usage", async () => {
    server.handler = (_, res) => stream(res, ["Hel", "lo, ", "world"], { usage: { prompt_tokens: 17, completion_tokens: 4 } });
    const deltas: string[] = [];
    const result = await model({ apiKeyEnv: "TEST_KEY" }, "sk-test").generate(request({ onText: (d) => deltas.push(d) }));
    expect(result).toMatchObject({ text: "Hello, world", promptTokens: 17, evaluatedPromptTokens: 17, minimumPromptTokens: 17, generatedTokens: 4, stopReason: "eos" });
    expect(deltas).toEqual(["Hel", "lo, ", "world"]);
    const [{ body, headers }] = server.requests as [(typeof server.requests)[number]];
    expect(body).toEqual({
      model: "test-model",
      messages: [
        { role: "system", content: "You are Ann.\nBe brief." },
        { role: "user", content: "Ann: hi\n\nReply as Ann." },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 64,
      seed: 1234,
      stop: ["\nUser:"],
    });
    expect(headers.authorization).toBe("Bearer sk-test");
  });

  it("estimates generated tokens as chunks when the server sends no usage, and maps length to max-tokens", async () => {
    server.handler = (_, res) => stream(res, ["a", "b", "c"], { finish: "length" });
    const result = await model().generate(request());
    expect(result).toMatchObject({ text: "abc", promptTokens: 0, generatedTokens: 3, stopReason: "max-tokens" });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("returns an empty reply as empty text", async () => {
    server.handler = (_, res) => stream(res, []);
    expect(await model().generate(request())).toMatchObject({ text: "", generatedTokens: 0, stopReason: "eos" });
  });

  it("retries a 429, honouring Retry-After over its own backoff", async () => {
    server.handler = (_, res, index) => {
      if (index === 0) return void res.writeHead(429, { "retry-after": "0" }).end('{"error":{"message":"slow down"}}');
      return stream(res, ["ok"]);
    };
    const slowBackoff = new OpenAiChatModel(
      resolved({ modelName: "m", maxConcurrent: 1 }),
      { retry: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    const started = Date.now();
    expect((await slowBackoff.generate(request())).text).toBe("ok");
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives up on a persistent 500 with a clear error after the attempts", async () => {
    server.handler = (_, res) => void res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"message":"CUDA out of memory"}}');
    const error = await model().generate(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAiRequestError);
    expect((error as Error).message).toMatch(/chat\/completions failed after 3 attempts; last: 500 Internal Server Error: CUDA out of memory$/);
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a 401", async () => {
    server.handler = (_, res) => void res.writeHead(401).end('{"error":"bad key"}');
    await expect(model().generate(request())).rejects.toThrow(/answered 401 Unauthorized: bad key/);
    expect(server.requests).toHaveLength(1);
  });

  it("retries network errors, then says so", async () => {
    const unreachable = new OpenAiChatModel(
      resolved({ baseUrl: "http://127.0.0.1:9/v1", modelName: "m", maxConcurrent: 1 }),
      { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } },
    );
    await expect(unreachable.generate(request())).rejects.toThrow(/failed after 2 attempts; last: network error: /);
  });

  it("refuses to connect through a profile whose API key variable is unset", async () => {
    const profiles = fixedProfiles([resolved({ apiKeyEnv: "MISSING_KEY" }).profile], {});
    await expect(OpenAiChatModel.connect({ backend: "openai", profile: "test-profile" }, profiles)).rejects.toThrow('server profile "test-profile": its API key variable MISSING_KEY is not set');
  });

  it("keeps at most maxConcurrent requests in flight per profile", async () => {
    server.handler = (_, res) => stream(res, ["x"], { delayMs: 40 });
    const a = model({ maxConcurrent: 2 });
    const b = model({ maxConcurrent: 2 });
    const waits: boolean[][] = [];
    const results = await Promise.all(
      [a, b, a, b, a, b].map((m, i) => m.generate(request({ onWaiting: (waiting) => (waits[i] ??= []).push(waiting) }))),
    );
    expect(results.map((r) => r.text)).toEqual(Array(6).fill("x"));
    expect(server.maxInFlight).toBe(2);
    // The four beyond the limit said they waited for a free slot, then that they had one.
    expect(Array.from({ length: 6 }, (_, i) => waits[i] ?? [])).toEqual([[], [], [true, false], [true, false], [true, false], [true, false]]);
  });

  it("with several servers, retries a failure on another at once (no backoff) and records which server wrote the reply", async () => {
    const second = new FakeServer();
    await second.start();
    try {
      server.handler = (_, res) => void res.writeHead(503).end('{"error":"overloaded"}');
      second.handler = (_, res) => stream(res, ["from ", "second"]);
      // A backoff of a minute would time the test out: the retry must not wait for it.
      const fleet = new OpenAiChatModel(resolved({ extraBaseUrls: [second.baseUrl], apiKeyEnv: "K" }, "sk-fleet"), { retry: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
      const result = await fleet.generate(request());
      expect(result).toMatchObject({ text: "from second", endpoint: second.baseUrl });
      expect([server.requests.length, second.requests.length]).toEqual([1, 1]);
      // The key goes to each of the profile's own servers.
      expect([server.requests[0]?.headers.authorization, second.requests[0]?.headers.authorization]).toEqual(["Bearer sk-fleet", "Bearer sk-fleet"]);
    } finally {
      await second.stop();
    }
  });

  it("starts a reply over on another server when the stream breaks mid-reply, and says so", async () => {
    const second = new FakeServer();
    await second.start();
    try {
      server.handler = async (_, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: "half a " } }] })}\n\n`);
        await pause(20);
        res.destroy();
      };
      second.handler = (_, res) => stream(res, ["a whole ", "reply"]);
      const seen: string[] = [];
      const result = await model({ extraBaseUrls: [second.baseUrl] }).generate(
        request({ onText: (delta) => seen.push(delta), onRestart: (reason) => seen.push(`<restart: ${reason}>`) }),
      );
      expect(result).toMatchObject({ text: "a whole reply", endpoint: second.baseUrl });
      expect(seen.slice(0, 1)).toEqual(["half a "]);
      expect(seen[1]).toMatch(/^<restart: the reply started over: .*chat\/completions: the reply stream broke/);
      expect(seen.slice(2)).toEqual(["a whole ", "reply"]);
    } finally {
      await second.stop();
    }
  });

  it("stops on abort mid-stream and keeps what was written", async () => {
    server.handler = async (_, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const content of ["one ", "two "]) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`);
      await new Promise((resolve) => res.on("close", resolve));
    };
    const controller = new AbortController();
    const deltas: string[] = [];
    const onText = (delta: string) => {
      deltas.push(delta);
      if (deltas.length === 2) controller.abort();
    };
    const result = await model().generate(request({ signal: controller.signal, onText }));
    expect(result).toMatchObject({ text: "one two ", stopReason: "aborted", generatedTokens: 2 });
  });

  it("drives a whole discussion: comments are the server's replies, and it received the engine's exact prompts", async () => {
    let reply = 0;
    server.handler = (body, res) => stream(res, [`Reply ${++reply} `, `to ${body.messages.length} messages.`], { usage: { prompt_tokens: 10, completion_tokens: 2 } });
    const remote = model();
    const sent: GenerationRequest["prompt"][] = [];
    const spy: ChatModel = {
      identity: remote.identity,
      generate: (r) => (sent.push(r.prompt), remote.generate(r)),
      releaseSequences: () => remote.releaseSequences(),
      dispose: () => remote.dispose(),
    };
    const design = testDesign("unused.gguf", { model: { backend: "openai", profile: "test-profile" } });
    const events: DiscussionEvent[] = [];
    for await (const event of new Discussion(design, { modelFor: () => spy }).events()) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "completed" });
    const comments = events.flatMap((e) => (e.type === "comment" ? [e.comment] : []));
    // Seed, then each of 4 round-robin turns answered by the moderator.
    expect(comments.map((c) => c.name)).toEqual(["Ann", "Ann", "Mod", "Bo", "Mod", "Cy", "Mod", "Ann", "Mod"]);
    expect(comments.slice(1).map((c) => c.text)).toEqual(Array.from({ length: 8 }, (_, i) => `Reply ${i + 1} to 2 messages.`));
    // The log names the model by the profile the design chose.
    expect(comments.slice(1).every((c) => c.model === "test-profile")).toBe(true);
    expect(server.requests.map((r) => r.body.messages)).toEqual(
      sent.map((p) => [
        { role: "system", content: p.system },
        { role: "user", content: p.user },
      ]),
    );
    expect(sent[1]?.user).toContain("Reply 1 to 2 messages.");
  });

  it("native chat: the server receives each actor's growing chat, its own comments as assistant turns", async () => {
    let reply = 0;
    server.handler = (_, res) => stream(res, [`Reply ${++reply}.`]);
    const design = testDesign("unused.gguf", { model: { backend: "openai", profile: "test-profile" }, promptStyle: "native-chat", historyWindow: 3 });
    const events: DiscussionEvent[] = [];
    for await (const event of new Discussion(design, { modelFor: () => model() }).events()) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "completed" });
    const moderator = server.requests.filter((r) => r.body.messages[0]?.content.includes('"username": "Mod"')).map((r) => r.body.messages);
    expect(moderator).toHaveLength(4);
    // Its second chat is its first, its own reply and the next user comment: the messages so far are a prefix.
    const [first, second] = moderator as [ChatBody["messages"], ChatBody["messages"]];
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.slice(first.length)).toEqual([
      { role: "assistant", content: "Reply 2." },
      { role: "user", content: "User Bo posted:\nReply 3." },
    ]);
    // Every request alternates user and assistant after the system prompt and ends with the user.
    for (const { body } of server.requests) {
      expect(body.messages.map((m) => m.role)).toEqual(["system", ...body.messages.slice(1).map((_, i) => (i % 2 === 0 ? "user" : "assistant"))]);
      expect(body.messages.at(-1)?.role).toBe("user");
    }
  });
});
