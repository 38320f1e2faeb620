import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

/**
 * Stop strings on the real llama.cpp path: the reply ends at the first token that completes one
 * (each token's text is checked before the next is asked for), the stream never shows it, and
 * without stop strings the text, streamed in slices, is the same reply.
 */
describe("stop strings with llama.cpp", () => {
  let model: LlamaChatModel;
  beforeAll(async () => {
    model = await LlamaChatModel.load(await ensureTinyModel(), { contextSize: 512, sequences: 1, threads: 1, reuse: "none", ignoreEndOfGeneration: true });
  });
  afterAll(async () => model?.dispose());

  const reply = async (maxTokens: number, stopStrings: string[] = [], sequenceKey = "stop:Ann") => {
    const streamed: string[] = [];
    const result = await model.generate({
      sequenceKey,
      prompt: { system: "You are Ann.", user: "Say something about the park." },
      sampling: { temperature: 0, topP: 1, seed: 1, maxTokens, stopStrings },
      seed: 1,
      onText: (text) => streamed.push(text),
    });
    return { ...result, streamed: streamed.join("") };
  };

  it("ends the reply at the first token that completes a stop string, and streams none of it", async () => {
    const free = await reply(48);
    expect(free.streamed).toBe(free.text);
    expect(free.generatedTokens).toBe(48);
    // A stop string from the middle of the free reply: three characters a third of the way in.
    const at = Math.floor(free.text.length / 3);
    const stop = free.text.slice(at, at + 3);
    const first = free.text.indexOf(stop);
    expect(stop.length).toBe(3);

    const stopped = await reply(48, [stop]);
    expect(stopped.stopReason).toBe("stop-string");
    expect(stopped.text).toBe(free.text.slice(0, first));
    expect(stopped.streamed).toBe(stopped.text);
    // Not one token later than needed: the reply capped one token earlier has not completed it yet.
    const k = stopped.generatedTokens;
    expect((await reply(k)).text).toContain(stop);
    expect((await reply(k - 1)).text.indexOf(stop)).toBe(-1);
  });

  it("without stop strings streams a long reply while it is written, in pieces that add up to it", async () => {
    const pieces: { text: string; at: number }[] = [];
    const started = performance.now();
    const result = await model.generate({
      sequenceKey: "stream:Bo",
      prompt: { system: "You are Bo.", user: "Tell a long story about the park." },
      sampling: { temperature: 0, topP: 1, seed: 1, maxTokens: 400, stopStrings: [] },
      seed: 1,
      onText: (text) => pieces.push({ text, at: performance.now() - started }),
    });
    expect(result.generatedTokens).toBe(400);
    expect(pieces.map((piece) => piece.text).join("")).toBe(result.text);
    // At least one piece arrives every 16 ms while tokens come: 400 tokens take well over
    // 48 ms here, so the text came in several pieces, the first long before the reply ended.
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces[0]!.at).toBeLessThan((result.seconds * 1000) / 2);
  });
});
