import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LlamaModel, Token } from "node-llama-cpp";
import { ReplyDecoder } from "../../electron/llm/reply-decoder.js";
import { sharedLlama } from "../../electron/llm/llama-runtime.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

describe("ReplyDecoder on the generated model's tokenizer", () => {
  let model: LlamaModel;
  beforeAll(async () => {
    model = await (await sharedLlama("auto")).loadModel({ modelPath: await ensureTinyModel() });
  });
  afterAll(async () => model?.dispose());

  it("returns, token by token, text that adds up to what decoding the whole reply gives (spaces, punctuation, multi-byte characters)", () => {
    const text = "  Well, I think the café's new naïve menu — 😀 emoji too — is fine.\nOk?  Yes!";
    const tokens = model.tokenize(text);
    const decoder = new ReplyDecoder(model);
    const seen: Token[] = [];
    let incremental = "";
    for (const token of tokens) {
      seen.push(token);
      const full = model.detokenize(seen);
      incremental += decoder.push(token);
      // While a character is half-decoded the full decode ends in U+FFFD; the returns hold it back.
      expect(incremental).toBe(full.replace(/\uFFFD+$/, ""));
    }
    expect(decoder.count).toBe(tokens.length);
  });

  it("does the same small amount of decoding for every token, however long the reply", () => {
    const tokens = model.tokenize("Well, I think the park is a good idea for the people who live here. ".repeat(60));
    const calls: number[] = [];
    const decoder = new ReplyDecoder({ detokenize: (part: readonly Token[]) => (calls.push(part.length), model.detokenize(part)) });
    let text = "";
    for (const token of tokens) text += decoder.push(token);
    expect(text).toBe(model.detokenize(tokens));
    expect(tokens.length).toBeGreaterThan(600);
    // About one short decode per token, never of more than a window of 17 tokens.
    expect(calls.length).toBeLessThan(tokens.length * 1.2);
    expect(Math.max(...calls)).toBeLessThanOrEqual(17);
  });

  it("decodes held tokens in one go when asked, adding up to the same text whatever the slices", () => {
    const text = "Well, the café's naïve 😀 plan — fine.\nOk? ".repeat(8);
    const tokens = model.tokenize(text);
    for (const slice of [1, 3, 7, 50]) {
      const calls: number[] = [];
      const decoder = new ReplyDecoder({ detokenize: (part: readonly Token[]) => (calls.push(part.length), model.detokenize(part)) });
      let joined = "";
      tokens.forEach((token, index) => {
        decoder.hold(token);
        if ((index + 1) % slice === 0) joined += decoder.take();
      });
      joined += decoder.take();
      expect(joined).toBe(model.detokenize(tokens));
      expect(decoder.count).toBe(tokens.length);
      // One or two decodes per slice, not per token.
      expect(calls.length).toBeLessThanOrEqual(2 * Math.ceil(tokens.length / slice) + 1);
    }
  });

  it("matches on a long sampled generation too", async () => {
    const context = await model.createContext({ contextSize: 1024, threads: 1 });
    try {
      const sequence = context.getSequence();
      const decoder = new ReplyDecoder(model);
      const generated: Token[] = [];
      let last = "";
      for await (const token of sequence.evaluate(model.tokenize("The park"), { temperature: 1.2, seed: 3 })) {
        generated.push(token);
        last += decoder.push(token);
        if (generated.length >= 400) break;
      }
      expect(last).toBe(model.detokenize(generated).replace(/\uFFFD+$/, ""));
    } finally {
      await context.dispose();
    }
  });
});
