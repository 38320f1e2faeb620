import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OpenAiChatModel } from "../../electron/llm/openai-chat-model.js";
import type { GenerationRequest, ReplyJsonSchema } from "../../electron/llm/types.js";
import { FakeServer, stream } from "../support/fake-openai-server.js";

const schema: ReplyJsonSchema = { type: "object", properties: { toxicity: { enum: [1, 2, 3, 4, 5] }, note: { type: "string", maxLength: 20 } } };

let server: FakeServer;
beforeEach(async () => {
  server = new FakeServer();
  await server.start();
});
afterEach(async () => {
  await server.stop();
});

function model(jsonAttempts = 3): OpenAiChatModel {
  const profile = { id: "judge", name: "judge", baseUrl: server.baseUrl, modelName: "judge", maxConcurrent: 2 };
  return new OpenAiChatModel({ profile, apiKey: undefined, displayName: "judge" }, { jsonAttempts, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
}

function request(): GenerationRequest {
  return {
    sequenceKey: "job:a1",
    prompt: { system: "Rate it.", user: "Conversation so far:\nUser A posted:\nhi\nOutput:" },
    sampling: { temperature: 0.5, topP: 0.9, seed: 1, maxTokens: 40, stopStrings: [] },
    seed: 500,
    replySchema: schema,
  };
}

describe("JSON replies from an OpenAI-compatible server", () => {
  it("asks for structured output with the schema made strict, and returns the parsed value", async () => {
    server.handler = (_, res) => stream(res, ['{"toxicity": 2,', ' "note": "calm"}'], { usage: { prompt_tokens: 30, completion_tokens: 9 } });
    const result = await model().generate(request());
    expect(result.json).toEqual({ ok: true, value: { toxicity: 2, note: "calm" }, attempts: 1 });
    expect(result.seed).toBe(500);
    expect(server.requests[0]?.body.response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "reply",
        strict: true,
        schema: {
          type: "object",
          properties: { toxicity: { enum: [1, 2, 3, 4, 5] }, note: { type: "string", maxLength: 20 } },
          required: ["toxicity", "note"],
          additionalProperties: false,
        },
      },
    });
  });

  it("falls back to a plain request when the server refuses structured output, and retries an invalid reply with the next seed", async () => {
    server.handler = (body, res, index) => {
      if (body.response_format !== undefined) return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "response_format is not supported" } }));
      return stream(res, [index === 1 ? "I think it is a 3." : '{"toxicity": 3, "note": ""}'], { usage: { prompt_tokens: 30, completion_tokens: 7 } });
    };
    const first = await model().generate(request());
    expect(server.requests.map((r) => [r.body.response_format === undefined, r.body.seed])).toEqual([[false, 500], [true, 500], [true, 501]]);
    expect(first.json).toEqual({ ok: true, value: { toxicity: 3, note: "" }, attempts: 2 });
    expect(first.seed).toBe(501);
    // Both tries count: what the annotation cost.
    expect(first).toMatchObject({ promptTokens: 60, generatedTokens: 14 });
    // The server is remembered as one without structured output.
    await model().generate(request());
    expect(server.requests[3]?.body.response_format).toBeUndefined();
  });

  it("records a reply that never parses as such after the bounded tries, with the last raw text", async () => {
    server.handler = (_, res, index) => stream(res, [`{"toxicity": ${6 + index}, "note": "x"}`]);
    const result = await model(2).generate(request());
    expect(server.requests).toHaveLength(2);
    expect(result.text).toBe('{"toxicity": 7, "note": "x"}');
    expect(result.json).toEqual({ ok: false, attempts: 2, error: "reply.toxicity is 7, expected one of 1, 2, 3, 4, 5" });
  });

  it("does not retry other client errors without structured output forever: a 401 is thrown", async () => {
    server.handler = (_, res) => void res.writeHead(401).end("{}");
    await expect(model().generate(request())).rejects.toThrow(/401/);
  });
});
