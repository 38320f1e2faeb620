/** ModelDownloads with a fake downloader: throttled progress, pause/resume/cancel states, and a full disk reported. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DownloadStatus } from "../../shared/contract-models.js";
import { DownloadCancelledError, DownloadError, type DownloadHandle, type DownloadState, type StartDownloadOptions } from "../../electron/llm/downloader.js";
import { ModelDownloads } from "../../electron/api/model-downloads.js";

class FakeDownload implements DownloadHandle {
  state: DownloadState = "starting";
  readonly done: Promise<string>;
  resolve!: (file: string) => void;
  reject!: (error: Error) => void;
  constructor(readonly options: StartDownloadOptions) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.done.catch(() => undefined);
  }
  progress(downloaded: number): void {
    this.state = "downloading";
    this.options.onProgress?.({ downloadedBytes: downloaded, totalBytes: 100, bytesPerSecond: 10, etaSeconds: (100 - downloaded) / 10 });
  }
  async pause() {
    this.state = "paused";
  }
  resume() {
    this.state = "downloading";
  }
  async cancel() {
    this.state = "cancelled";
    this.reject(new DownloadCancelledError("cancelled"));
  }
}

describe("model downloads", () => {
  let directory: string;
  beforeAll(async () => void (directory = await mkdtemp(path.join(tmpdir(), "downloads-"))));
  afterAll(() => rm(directory, { recursive: true, force: true }));

  function setup() {
    const events: DownloadStatus[] = [];
    const fakes: FakeDownload[] = [];
    const downloads = new ModelDownloads({
      directory: async () => directory,
      emit: (status) => events.push(status),
      intervalMs: 1000,
      start: (options) => {
        const fake = new FakeDownload(options);
        fakes.push(fake);
        return fake;
      },
    });
    return { downloads, events, fakes };
  }

  it("throttles progress, sends state changes at once, and finishes with the file", async () => {
    const { downloads, events, fakes } = setup();
    const started = await downloads.start("hf:a/b:Q4", "B");
    expect(await downloads.start("hf:a/b:Q4", "B")).toEqual(started); // the same URI is not downloaded twice
    const fake = fakes[0] as FakeDownload;
    for (let done = 1; done <= 50; done++) fake.progress(done);
    expect(events.map((event) => event.state)).toEqual(["downloading"]);
    expect(events[0]?.progress?.downloadedBytes).toBe(1);
    await downloads.control(started.downloadId, "pause");
    expect(events.at(-1)).toMatchObject({ state: "paused", progress: { downloadedBytes: 50 } });
    await downloads.control(started.downloadId, "resume");
    expect(events.at(-1)?.state).toBe("downloading");
    fake.resolve(path.join(directory, "b.gguf"));
    await fake.done;
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.at(-1)).toMatchObject({ state: "done", file: path.join(directory, "b.gguf"), error: null });
  });

  it("reports a full disk as the download's error, and a cancel without one", async () => {
    const { downloads, events, fakes } = setup();
    await downloads.start("hf:a/full:Q4", undefined);
    (fakes[0] as FakeDownload).state = "failed";
    (fakes[0] as FakeDownload).reject(new DownloadError(`not enough disk space in ${directory}: the model needs 4.1 GB more and 1.0 GB is free`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.at(-1)).toMatchObject({ state: "failed", name: "hf:a/full:Q4", error: expect.stringMatching(/not enough disk space/) });
    const second = await downloads.start("hf:a/c:Q4", "C");
    await downloads.control(second.downloadId, "cancel");
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.at(-1)).toMatchObject({ downloadId: second.downloadId, state: "cancelled", error: null });
  });
});
