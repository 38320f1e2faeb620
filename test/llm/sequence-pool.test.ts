import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LlamaContext, LlamaContextSequence, LlamaModel } from "node-llama-cpp";
import { SequencePool } from "../../electron/llm/sequence-pool.js";
import { sharedLlama } from "../../electron/llm/llama-runtime.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

describe("SequencePool on a real 2-sequence context", () => {
  let model: LlamaModel;
  let context: LlamaContext;
  beforeAll(async () => {
    model = await (await sharedLlama("auto")).loadModel({ modelPath: await ensureTinyModel() });
  });
  afterAll(async () => model?.dispose());

  const pool = async () => {
    await context?.dispose();
    context = await model.createContext({ contextSize: 256, sequences: 2, threads: 1 });
    return new SequencePool(context);
  };

  it("keeps each key's own sequence while there are enough, and reassigns the least recently used idle one after", async () => {
    const sequences = await pool();
    const a = (await sequences.acquire("d1:Ann")) as LlamaContextSequence;
    sequences.release(a);
    const b = (await sequences.acquire("d1:Bo")) as LlamaContextSequence;
    sequences.release(b);
    expect(b).not.toBe(a);
    expect(await sequences.acquire("d1:Ann")).toBe(a);
    sequences.release(a);
    // Cy gets Bo's sequence: Bo's was used less recently than Ann's.
    expect(await sequences.acquire("d1:Cy")).toBe(b);
  });

  it("makes callers wait when every sequence is busy and serves them first come, first served", async () => {
    const sequences = await pool();
    const first = (await sequences.acquire("d1:Ann")) as LlamaContextSequence;
    const second = (await sequences.acquire("d2:Ann")) as LlamaContextSequence;
    const served: string[] = [];
    const waits: string[] = [];
    const waiters = ["d3:Ann", "d4:Ann", "d5:Ann"].map((key) =>
      sequences.acquire(key, { onWaiting: (waiting) => waits.push(`${key} ${waiting}`) }).then((sequence) => {
        served.push(key);
        return sequence as LlamaContextSequence;
      }),
    );
    expect(sequences.waiting).toBe(3);
    sequences.release(second);
    const third = await waiters[0]!;
    expect(third).toBe(second);
    sequences.release(first);
    sequences.release(third);
    await Promise.all(waiters);
    expect(served).toEqual(["d3:Ann", "d4:Ann", "d5:Ann"]);
    expect(waits).toEqual(["d3:Ann true", "d4:Ann true", "d5:Ann true", "d3:Ann false", "d4:Ann false", "d5:Ann false"]);
  });

  it("lets a stopped caller leave the queue, and fails waiters when the model goes away", async () => {
    const sequences = await pool();
    await sequences.acquire("d1:Ann");
    await sequences.acquire("d2:Ann");
    const abort = new AbortController();
    const stopped = sequences.acquire("d3:Ann", { signal: abort.signal });
    const unloaded = sequences.acquire("d4:Ann");
    abort.abort();
    expect(await stopped).toBeNull();
    expect(sequences.waiting).toBe(1);
    sequences.close();
    await expect(unloaded).rejects.toThrow(/unloaded/);
    await context.dispose();
  });
});
