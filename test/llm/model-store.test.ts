import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelStore, ModelStoreError } from "../../electron/llm/model-store.js";
import { ModelFileError } from "../../electron/llm/gguf-file.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

let data: string;
let store: ModelStore;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), "model-store-"));
  store = new ModelStore(data);
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

describe("ModelStore", () => {
  it("lists nothing when the data folder is empty", async () => {
    expect(await store.list()).toEqual({ models: [], warnings: [] });
  });

  it("lists folder models with info, a broken file with its error, and skips partial downloads", async () => {
    await mkdir(store.modelsDirectory, { recursive: true });
    await copyFile(await ensureTinyModel(), join(store.modelsDirectory, "tiny.gguf"));
    await writeFile(join(store.modelsDirectory, "broken.gguf"), "not a model");
    await writeFile(join(store.modelsDirectory, "partial.gguf.ipull"), "GGUF...");
    await writeFile(join(store.modelsDirectory, "readme.txt"), "hello");
    const { models, warnings } = await store.list();
    expect(warnings).toEqual([]);
    expect(models.map((m) => m.fileName)).toEqual(["broken.gguf", "tiny.gguf"]);
    expect(models[0]?.info).toBeNull();
    expect(models[0]?.error).toMatch(/not a GGUF model file/);
    expect(models[1]?.info?.architecture).toBe("llama");
    expect(models[1]?.source).toBe("folder");
  });

  it("adds a valid file once, persists it, and removes it from the list without deleting it", async () => {
    const file = await ensureTinyModel();
    const info = await store.add(file);
    expect(info.path).toBe(file);
    await store.add(file);
    expect(JSON.parse(await readFile(store.listFile, "utf8"))).toEqual({ version: 1, paths: [file] });
    const listed = await new ModelStore(data).list();
    expect(listed.models.map((m) => [m.path, m.source])).toEqual([[file, "added"]]);
    expect(await store.remove(file)).toBe(true);
    expect(await store.remove(file)).toBe(false);
    expect((await store.list()).models).toEqual([]);
    await expect(readFile(file)).resolves.toBeInstanceOf(Buffer);
  });

  it("refuses to add a file that is not a model", async () => {
    const file = join(data, "fake.gguf");
    await writeFile(file, "hello");
    await expect(store.add(file)).rejects.toBeInstanceOf(ModelFileError);
    await expect(readFile(store.listFile)).rejects.toThrow();
  });

  it("reports a corrupt models.json and never overwrites it", async () => {
    await mkdir(store.modelsDirectory, { recursive: true });
    await copyFile(await ensureTinyModel(), join(store.modelsDirectory, "tiny.gguf"));
    for (const corrupt of ["{ not json", JSON.stringify({ version: 1, paths: [3] })]) {
      await writeFile(store.listFile, corrupt);
      const { models, warnings } = await store.list();
      expect(models.map((m) => m.fileName)).toEqual(["tiny.gguf"]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/left unchanged/);
      await expect(store.add(await ensureTinyModel())).rejects.toBeInstanceOf(ModelStoreError);
      await expect(store.remove("/x.gguf")).rejects.toBeInstanceOf(ModelStoreError);
      expect(await readFile(store.listFile, "utf8")).toBe(corrupt);
    }
  });
});
