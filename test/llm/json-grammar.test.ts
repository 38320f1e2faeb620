import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { parseJsonReply } from "../../electron/llm/reply-schema.js";
import type { GenerationRequest, ReplyJsonSchema } from "../../electron/llm/types.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

const schema: ReplyJsonSchema = {
  type: "object",
  properties: {
    toxicity: { enum: [1, 2, 3, 4, 5] },
    stance: { enum: ["for", "against", "neutral"] },
    note: { type: "string", maxLength: 24 },
  },
};

function request(seed: number, temperature: number, extra: Partial<GenerationRequest> = {}): GenerationRequest {
  return {
    sequenceKey: "annotator",
    prompt: { system: '{"type": "2"}', user: `Conversation so far:\nUser Ann posted:\ncomment ${seed}\nOutput:` },
    sampling: { temperature, topP: 0.95, seed, maxTokens: 80, stopStrings: [] },
    seed,
    replySchema: schema,
    ...extra,
  };
}

describe("replies under a JSON-schema grammar on llama.cpp (tiny model, random weights)", () => {
  let model: LlamaChatModel;
  beforeAll(async () => {
    model = await LlamaChatModel.load(await ensureTinyModel(), { contextSize: 1024, sequences: 1, threads: 1 });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it("every reply parses and fits the schema, greedy and sampled, and ends without trailing filler", async () => {
    for (const [seed, temperature] of [[1, 0], [2, 0.8], [3, 1.5], [4, 0], [5, 1]] as const) {
      const result = await model.generate(request(seed, temperature));
      expect(result.json, result.text).toMatchObject({ ok: true, attempts: 1 });
      expect(result.json).toEqual(parseJsonReply(result.text, schema));
      expect(result.text).toBe(result.text.trim());
      expect(result.generatedTokens).toBeLessThan(80);
    }
  });

  it("the same prompts without the schema are not JSON: the grammar is what makes them parse", async () => {
    for (const seed of [1, 2]) {
      const result = await model.generate(request(seed, seed === 1 ? 0 : 0.8, { replySchema: undefined }));
      expect(result.json).toBeUndefined();
      expect(parseJsonReply(result.text, schema).ok).toBe(false);
    }
  });

  it("a reply cut short by max tokens is reported as unparsed, with its raw text", async () => {
    const result = await model.generate(request(7, 0, { sampling: { temperature: 0, topP: 1, seed: 7, maxTokens: 3, stopStrings: [] } }));
    expect(result.stopReason).toBe("max-tokens");
    expect(result.json).toMatchObject({ ok: false, attempts: 1 });
    expect(result.text.length).toBeGreaterThan(0);
  });
});
