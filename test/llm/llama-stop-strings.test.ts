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

  const reply = async (maxTokens: number, stopStrings: string[] = []) => {
    const streamed: string[] = [];
    const result = await model.generate({
      sequenceKey: "stop:Ann",
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
});
