/**
 * The GGUF reader's child process (issue 11 item 1): a reader that aborts (SIGABRT, as
 * node-llama-cpp's did with exit 134) or hangs fails that one file with a message naming it,
 * this process carries on, and the next file gets a fresh child. The crashing reader is a
 * stand-in script (we know of no file that still crashes node-llama-cpp once our own header
 * check has passed it); the real child reads a real file at the end.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GgufReaderProcess, ggufReaderProcess } from "../../electron/llm/gguf-reader-process.js";
import { ModelFileError } from "../../electron/llm/model-file-error.js";
import { smallValidGguf } from "../fixtures/damaged-gguf/damaged-gguf.js";

const crashingChild = path.resolve(import.meta.dirname, "../fixtures/damaged-gguf/crashing-reader-child.mjs");

describe("GgufReaderProcess", () => {
  const reader = new GgufReaderProcess(crashingChild, 1500);
  afterAll(() => reader.close());

  it("a reader that aborts fails only that file, naming it and the signal; the next file is read by a fresh child", async () => {
    const results = await Promise.allSettled([reader.read("/models/first.gguf"), reader.read("/models/abort-me.gguf"), reader.read("/models/after.gguf")]);
    expect(results[0]).toMatchObject({ status: "fulfilled", value: { name: "/models/first.gguf", parameters: "42" } });
    expect(results[1]).toMatchObject({ status: "rejected", reason: expect.any(ModelFileError) });
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/^the GGUF reader crashed on \/models\/abort-me\.gguf \(SIGABRT\); the file is damaged/);
    expect(results[2]).toMatchObject({ status: "fulfilled", value: { name: "/models/after.gguf" } });
  });

  it("a reader that never answers is ended after the timeout and the file reported", async () => {
    await expect(reader.read("/models/hang.gguf")).rejects.toThrow("reading the GGUF header of /models/hang.gguf did not finish in 1.5 s; the file is damaged");
    await expect(reader.read("/models/fine.gguf")).resolves.toMatchObject({ name: "/models/fine.gguf" });
  });

  it("the real child reads a real header", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "gguf-reader-")), "small.gguf");
    await writeFile(file, smallValidGguf());
    await expect(ggufReaderProcess().read(file)).resolves.toEqual({ name: "damaged", architecture: "llama", fileType: null, contextLength: 0, hasChatTemplate: false, parameters: "8" });
  });
});
