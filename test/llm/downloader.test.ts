import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bundledResources, resourcesDirectory } from "../../electron/resources.js";
import { DownloadCancelledError, readModelCatalog, startDownload, type DownloadHandle } from "../../electron/llm/downloader.js";
import { ModelStore } from "../../electron/llm/model-store.js";
import type { DownloadProgress } from "../../shared/domain/model-info.js";
import { buildTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { FileServer } from "../support/file-server.js";

/** ipull's chunk size: progress is saved (and resumable) per completed 5 MiB chunk. */
const CHUNK = 5 * 1024 * 1024;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let file: Uint8Array;
let server: FileServer;
let data: string;
let store: ModelStore;
beforeAll(() => {
  file = buildTinyModel({ embeddingLength: 256, layers: 6 });
  expect(file.length).toBeGreaterThan(3 * CHUNK);
});
beforeEach(async () => {
  server = new FileServer(file);
  await server.start();
  data = await mkdtemp(join(tmpdir(), "downloader-"));
  store = new ModelStore(data);
});
afterEach(async () => {
  await server.stop();
  await rm(data, { recursive: true, force: true });
});

function download(progress: DownloadProgress[] = []): DownloadHandle {
  return startDownload({ uri: server.url, directory: store.modelsDirectory, onProgress: (p) => progress.push(p) });
}

/** Lets the first chunk through, waits until ipull has written its progress record, then pauses. */
async function pauseAfterFirstChunk(handle: DownloadHandle, progress: DownloadProgress[]): Promise<void> {
  server.limit = CHUNK + 100_000;
  await waitFor(() => progress.some((p) => p.downloadedBytes >= CHUNK));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await handle.pause();
  expect(handle.state).toBe("paused");
  expect((await readdir(store.modelsDirectory)).some((name) => name.endsWith(".gguf.ipull"))).toBe(true);
}

describe("startDownload", () => {
  it("downloads a file over HTTP with progress events, and the store lists it", async () => {
    const progress: DownloadProgress[] = [];
    const path = await download(progress).done;
    expect(sha256(await readFile(path))).toBe(sha256(file));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.totalBytes === file.length)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ downloadedBytes: file.length, etaSeconds: 0 });
    const { models } = await store.list();
    expect(models.map((m) => [m.fileName, m.info?.architecture])).toEqual([["tiny-17m.gguf", "llama"]]);
  });

  it("continues a partial file after a restart (a new downloader) to a byte-identical file", async () => {
    const progress: DownloadProgress[] = [];
    const first = download(progress);
    await pauseAfterFirstChunk(first, progress);
    expect((await store.list()).models).toEqual([]);
    server.limit = Infinity;
    server.rangeStarts = [];
    const path = await download().done;
    expect(sha256(await readFile(path))).toBe(sha256(file));
    // The first chunk came from the partial file: no ranged read after the restart starts before it.
    expect(server.rangeStarts.length).toBeGreaterThan(0);
    expect(Math.min(...server.rangeStarts)).toBeGreaterThanOrEqual(CHUNK);
  });

  it("pauses and resumes the same handle", async () => {
    const progress: DownloadProgress[] = [];
    const handle = download(progress);
    await pauseAfterFirstChunk(handle, progress);
    server.limit = Infinity;
    handle.resume();
    expect(sha256(await readFile(await handle.done))).toBe(sha256(file));
    expect(handle.state).toBe("done");
  });

  it("survives the server dropping the connection mid-file", async () => {
    server.limit = CHUNK + 100_000;
    server.cut = true;
    const handle = download();
    await waitFor(() => server.bytesServed >= CHUNK);
    server.limit = Infinity;
    expect(sha256(await readFile(await handle.done))).toBe(sha256(file));
  });

  it("cancel removes the partial file, so the store lists nothing", async () => {
    const progress: DownloadProgress[] = [];
    server.limit = CHUNK + 100_000;
    const handle = download(progress);
    await waitFor(() => progress.some((p) => p.downloadedBytes > 1_000_000));
    await handle.cancel();
    await expect(handle.done).rejects.toBeInstanceOf(DownloadCancelledError);
    expect(handle.state).toBe("cancelled");
    expect(await readdir(store.modelsDirectory)).toEqual([]);
    expect((await store.list()).models).toEqual([]);
  });

  it("cancel after pause removes the partial file too", async () => {
    const progress: DownloadProgress[] = [];
    const handle = download(progress);
    await pauseAfterFirstChunk(handle, progress);
    await handle.cancel();
    await expect(handle.done).rejects.toBeInstanceOf(DownloadCancelledError);
    expect(await readdir(store.modelsDirectory)).toEqual([]);
  });

  it("refuses to start without enough free disk space", async () => {
    const handle = startDownload({ uri: server.url, directory: store.modelsDirectory, freeBytes: async () => 1_000 });
    await expect(handle.done).rejects.toThrow(/not enough disk space in .*: the model needs 17\.\d MB more and 1\.0 KB is free/);
    expect(handle.state).toBe("failed");
  });

  it("reports an HTTP error as one line", async () => {
    const handle = startDownload({ uri: server.url.replace("/files/", "/missing/"), directory: store.modelsDirectory });
    const error = await handle.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^download of .* failed: /);
    expect((error as Error).message).not.toContain("\n");
  }, 20_000);
});

describe("model catalog", () => {
  it("is valid, has unique ids, and runs from small to large", async () => {
    const { models } = await readModelCatalog(bundledResources(resourcesDirectory()).modelCatalog);
    expect(models.length).toBeGreaterThanOrEqual(5);
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    const sizes = models.map((m) => m.sizeBytes);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    for (const model of models) expect(model.uri).toMatch(/^hf:[\w.-]+\/[\w.-]+-GGUF:Q\d_K_M$/);
  });
});
