import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readModelInfo, quantizationLabel } from "../../electron/llm/model-info.js";
import { ModelFileError } from "../../electron/llm/gguf-file.js";
import { modelInfoSchema } from "../../shared/domain/model-info.js";
import { ensureTinyModel, resolveTinyModelOptions } from "../fixtures/tiny-gguf/tiny-model.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "model-info-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Parameter count of the tiny model, computed from its shapes independently of the reader. */
function expectedParameters(vocab: number): number {
  const o = resolveTinyModelOptions();
  const e = o.embeddingLength;
  const kv = (e / o.heads) * o.headsKv;
  const perLayer = 2 * e + e * e * 2 + e * kv * 2 + 3 * e * o.feedForwardLength;
  return 2 * vocab * e + e + o.layers * perLayer;
}

describe("readModelInfo", () => {
  it("describes a tiny model with a chat template", async () => {
    const file = await ensureTinyModel();
    const info = await readModelInfo(file);
    expect(modelInfoSchema.parse(info)).toEqual(info);
    expect(info.architecture).toBe("llama");
    expect(info.quantization).toBe("F32");
    expect(info.contextLength).toBe(4096);
    expect(info.hasChatTemplate).toBe(true);
    expect(info.name).toBe("syndisco-tiny-test");
    expect(info.sizeBytes).toBe((await readFile(file)).length);
    expect(info.parameters).toBeGreaterThan(0);
    // token_embd and output are [e, vocab]: solve the vocabulary size back from the total.
    const o = resolveTinyModelOptions();
    const vocab = (info.parameters - expectedParameters(0)) / (2 * o.embeddingLength);
    expect(Number.isInteger(vocab) && vocab > 100).toBe(true);
    expect(info.parameters).toBe(expectedParameters(vocab));
  });

  it("reports no chat template, F16 and the trained context length", async () => {
    const file = await ensureTinyModel({ chatTemplate: null, weightType: "F16", contextLength: 2048, name: "plain" });
    const info = await readModelInfo(file);
    expect(info.hasChatTemplate).toBe(false);
    expect(info.quantization).toBe("F16");
    expect(info.contextLength).toBe(2048);
    expect(info.name).toBe("plain");
  });

  it("rejects a text file renamed .gguf with one line", async () => {
    const file = join(dir, "notes.gguf");
    await writeFile(file, "just some notes, not a model\n");
    const error = await readModelInfo(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/not a GGUF model file/);
    expect((error as Error).message).not.toContain("\n");
  });

  it("rejects a GGUF truncated in the middle of its tensor data", async () => {
    const bytes = await readFile(await ensureTinyModel());
    const file = join(dir, "half.gguf");
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.75)));
    const error = await readModelInfo(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/truncated/);
  });

  it("rejects a GGUF truncated inside its header", async () => {
    const bytes = await readFile(await ensureTinyModel());
    const file = join(dir, "header.gguf");
    await writeFile(file, bytes.subarray(0, 2000));
    const error = await readModelInfo(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).not.toContain("\n");
  });

  it("rejects a missing file", async () => {
    const error = await readModelInfo(join(dir, "missing.gguf")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/not found/);
  });

  it("labels file types with llama.cpp's names", () => {
    expect(quantizationLabel(0)).toBe("F32");
    expect(quantizationLabel(15)).toBe("Q4_K_M");
    expect(quantizationLabel(undefined)).toBe("unknown");
  });
});
