/**
 * Our own bounds-checked GGUF header walk (issue 11 item 1): each damaged file is refused with a
 * sentence naming the file and what is wrong, before node-llama-cpp or llama.cpp read a byte of
 * it; real files pass. The ggml type table is checked against the native library's own answer.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkGgufHeader } from "../../electron/llm/gguf-header.js";
import { GGML_TYPE_BLOCKS } from "../../electron/llm/ggml-types.js";
import { sharedLlama } from "../../electron/llm/llama-runtime.js";
import { ModelFileError } from "../../electron/llm/model-file-error.js";
import { damagedGgufs, smallValidGguf, writeDamagedGgufs, type GgufDamage } from "../fixtures/damaged-gguf/damaged-gguf.js";
import { buildTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

/** What the message says for each damage (after the file name where it leads). */
const expected: Record<GgufDamage, RegExp> = {
  "magic only": /^not a complete GGUF file \(4 bytes; a header alone takes 24\)/,
  "version 99": /^unknown GGUF version 99 \(llama\.cpp reads versions 2 and 3\)/,
  "key length 2^31 + 16": /the key of metadata entry 0 claims a length of 2147483664 bytes/,
  "string value length 2^32 - 16": /"general\.architecture" claims a length of 4294967280 bytes/,
  "array of 2^40 strings": /"tokenizer\.ggml\.tokens" claims 1099511627776 elements, more than the \d+ bytes left can hold/,
  "array element type 99": /"tokenizer\.ggml\.tokens" is an array of the unsupported type 99/,
  "value type 42": /"general\.name" has the unknown value type 42/,
  "2^60 metadata entries": /it claims 1152921504606846976 metadata entries, more than its 288 bytes can hold/,
  "2^33 tensors": /it claims 8589934592 tensors, more than its 288 bytes can hold/,
  "tensor name length 2^31 + 1": /the name of tensor 0 claims a length of 2147483649 bytes/,
  "tensor with 9 dimensions": /tensor "token_embd\.weight" has 9 dimensions \(llama\.cpp allows at most 4\)/,
  "tensor type 1000": /tensor "token_embd\.weight" has the unknown type 1000/,
  "tensor data past the end": /^the GGUF file is truncated: .* \(tensor "token_embd\.weight" ends past the end\)/,
  "cut inside the metadata": /the length of "general\.name" needs 8 bytes at offset 93 but the file has 7 left/,
};

describe("checkGgufHeader", () => {
  let files: Map<GgufDamage, string>;
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "gguf-header-"));
    files = await writeDamagedGgufs(directory);
  });

  it.each(Object.keys(damagedGgufs) as GgufDamage[])("refuses %s, naming the file and the problem", async (damage) => {
    const file = files.get(damage) as string;
    const error = await checkGgufHeader(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message.replace(`damaged GGUF header in ${file}: `, "")).toMatch(expected[damage]);
  });

  it("passes a valid file and a generated model, with their counts", async () => {
    const small = path.join(directory, "valid.gguf");
    await writeFile(small, smallValidGguf());
    await expect(checkGgufHeader(small)).resolves.toEqual({ version: 3, tensorCount: 1, metadataCount: 3, dataOffset: 256, fileSize: 288 });
    const tiny = path.join(directory, "tiny.gguf");
    const bytes = buildTinyModel();
    await writeFile(tiny, bytes);
    const header = await checkGgufHeader(tiny);
    expect(header).toMatchObject({ version: 3, fileSize: bytes.length });
    expect(header.tensorCount).toBeGreaterThan(5);
    // The same model cut inside its weights keeps a whole header; the tensors' extents tell.
    const cut = path.join(directory, "cut.gguf");
    await writeFile(cut, bytes.slice(0, bytes.length - 1000));
    await expect(checkGgufHeader(cut)).rejects.toThrow(/^the GGUF file is truncated: .* has \d+ bytes but its tensors need at least \d+/);
  });

  it("names a missing file and a folder plainly", async () => {
    await expect(checkGgufHeader(path.join(directory, "nope.gguf"))).rejects.toThrow(`model file not found: ${path.join(directory, "nope.gguf")}`);
    await expect(checkGgufHeader(directory)).rejects.toThrow(`model path is not a file: ${directory}`);
  });

  it("knows every ggml type the bundled llama.cpp knows, with its block sizes", async () => {
    const llama = await sharedLlama(false);
    const bindings = (llama as unknown as { _bindings: { getBlockSizeForGgmlType(type: number): number | undefined; getTypeSizeForGgmlType(type: number): number | undefined } })._bindings;
    const native: Record<number, [number, number]> = {};
    for (let type = 0; type < 128; type++) {
      const blockSize = bindings.getBlockSizeForGgmlType(type) ?? 0;
      const blockBytes = bindings.getTypeSizeForGgmlType(type) ?? 0;
      if (blockSize > 0 && blockBytes > 0) native[type] = [blockSize, blockBytes];
    }
    expect(GGML_TYPE_BLOCKS).toEqual(native);
  });
});
