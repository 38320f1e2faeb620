import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchSizeFor, kvBytesPerToken, largestFitting, MEMORY_HEADROOM } from "../../electron/llm/context-sizing.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { headDimension, MODEL_SHAPES } from "../fixtures/tiny-gguf/model-shapes.js";

describe("sizing a context from memory", () => {
  it("finds the most sequences whose cost fits the budget, never fewer than one", async () => {
    const cost = async (sequences: number) => 100 + 10 * sequences;
    expect(await largestFitting(64, 10_000, cost)).toBe(64);
    expect(await largestFitting(64, 400, cost)).toBe(30);
    expect(await largestFitting(64, 50, cost)).toBe(1);
    expect(await largestFitting(1, 0, cost)).toBe(1);
  });

  it("batches at least one token per sequence, larger chunks on a GPU", () => {
    expect(batchSizeFor(8, false)).toBe(512);
    expect(batchSizeFor(8, true)).toBe(2048);
    expect(batchSizeFor(4096, false)).toBe(4096);
  });

  it("knows the KV size per token of the benchmark shapes (32, 128 and 56 KiB)", () => {
    const kv = (id: keyof typeof MODEL_SHAPES) => {
      const shape = MODEL_SHAPES[id];
      return kvBytesPerToken({ block_count: shape.layers, embedding_length: shape.embeddingLength, attention: { head_count: shape.heads, head_count_kv: shape.headsKv } });
    };
    expect(headDimension(MODEL_SHAPES["8b"])).toBe(128);
    expect([kv("1b"), kv("8b"), kv("qwen7b")]).toEqual([32 * 1024, 128 * 1024, 56 * 1024]);
  });
});

describe("LlamaChatModel sizes its context to free memory", () => {
  let ample: LlamaChatModel;
  let tight: LlamaChatModel;
  beforeAll(async () => {
    const file = await ensureTinyModel();
    ample = await LlamaChatModel.load(file, { contextSize: 1024, sequences: 64, threads: 1 });
    // Enough for a few sequences only.
    tight = await LlamaChatModel.load(file, { contextSize: 1024, sequences: 64, threads: 1, fitSequencesToMemory: { free: 20 * 1024 * 1024 } });
  });
  afterAll(async () => {
    await ample?.dispose();
    await tight?.dispose();
  });

  it("gets every sequence it wants when they fit, and as many as fit otherwise; the rest wait", () => {
    expect(ample.capacity.sequences).toBe(64);
    expect(ample.contextShape.batchSize).toBe(512);
    expect(tight.capacity.sequences).toBeGreaterThan(1);
    expect(tight.capacity.sequences).toBeLessThan(64);
    expect(tight.capacity.reason).toMatch(new RegExp(`of 64 wanted: more would not fit in ${MEMORY_HEADROOM * 100} %`));
  });
});
