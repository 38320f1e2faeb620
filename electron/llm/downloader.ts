import { readFile, statfs, unlink } from "node:fs/promises";
import path from "node:path";
import { formatBytes } from "../../shared/format.js";
import { createModelDownloader, type ModelDownloader } from "node-llama-cpp";
import { modelCatalogSchema, type DownloadProgress, type ModelCatalog } from "../../shared/domain/model-info.js";
import { unreachableReason } from "./reachability.js";

/**
 * node-llama-cpp downloads through ipull, which writes `<final name>.ipull` (data, then its
 * progress record after the data) and renames it to the final name only when complete.
 * A later downloader for the same URI and folder reads that record and continues.
 */
export const PARTIAL_SUFFIX = ".ipull";

export class DownloadError extends Error {
  override readonly name = "DownloadError";
}
export class DownloadCancelledError extends DownloadError {}

export type DownloadState = "starting" | "downloading" | "paused" | "done" | "cancelled" | "failed";

export interface StartDownloadOptions {
  /** `hf:owner/repo:quant`, `hf:owner/repo/file.gguf` or an http(s) URL. */
  uri: string;
  directory: string;
  /** Overrides the name the server or URI gives. */
  fileName?: string;
  onProgress?: (progress: DownloadProgress) => void;
  headers?: Record<string, string>;
  /** Why the URI's host cannot be reached, or null; tests replace it (default: one TCP connect). */
  reachable?: (uri: string) => Promise<string | null>;
  /** Free bytes where the file goes; tests replace it to simulate a full disk. */
  freeBytes?: (directory: string) => Promise<number>;
}

export interface DownloadHandle {
  /** The final model path; never settles while paused; rejects with DownloadCancelledError on cancel. */
  readonly done: Promise<string>;
  readonly state: DownloadState;
  /** Stops the transfer and keeps the partial file, so resume (or a later run) continues it. */
  pause(): Promise<void>;
  resume(): void;
  /** Stops and deletes the partial file: nothing half-downloaded is left for the store to list. */
  cancel(): Promise<void>;
}

/** The name a download is saved under: the last part of `raw`, only letters, digits, . - _, not hidden, ending in .gguf. */
export function safeModelFileName(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all: use it as it is.
  }
  const base = decoded.split(/[\\/]/).pop() ?? "";
  const name = base.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._-]+/, "").slice(0, 200);
  return /\.gguf$/i.test(name) ? name : `${name.replace(/\.+$/, "") || "model"}.gguf`;
}

export async function freeDiskBytes(directory: string): Promise<number> {
  const stats = await statfs(directory);
  return stats.bavail * stats.bsize;
}

export function startDownload(options: StartDownloadOptions): DownloadHandle {
  return new Download(options);
}

class Download implements DownloadHandle {
  readonly done: Promise<string>;
  state: DownloadState = "starting";
  private resolve!: (file: string) => void;
  private reject!: (error: Error) => void;
  private current: ModelDownloader | null = null;
  /** Bumped by pause/cancel so a run that is still settling knows it was superseded. */
  private generation = 0;
  private partialFiles: string[] = [];

  constructor(private readonly options: StartDownloadOptions) {
    this.done = new Promise<string>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // The caller may only look at `done` later; an unobserved cancel must not crash the process.
    this.done.catch(() => undefined);
    void this.run(this.generation);
  }

  private async run(generation: number): Promise<void> {
    this.state = "starting";
    let downloader: ModelDownloader | null = null;
    try {
      const unreachable = await (this.options.reachable ?? unreachableReason)(this.options.uri);
      if (unreachable) throw new DownloadError(unreachable);
      if (generation !== this.generation) return;
      downloader = await createModelDownloader({
        modelUri: this.options.uri,
        dirPath: this.options.directory,
        // Named by us, never by the server's Content-Disposition (which once named authorized_keys).
        fileName: this.options.fileName ?? (/^https?:\/\//.test(this.options.uri) ? safeModelFileName(new URL(this.options.uri).pathname) : undefined),
        headers: this.options.headers,
        // Pause is "stop and keep"; only cancel deletes, explicitly.
        deleteTempFileOnCancel: false,
        onProgress: (status) => {
          if (generation === this.generation) this.options.onProgress?.(toProgress(status.downloadedSize, status.totalSize, status.averageSpeed));
        },
      });
      this.partialFiles = downloader.filesInfo.map((file) => file.filePath + PARTIAL_SUFFIX);
      for (const { filePath } of downloader.filesInfo) {
        if (path.dirname(path.resolve(filePath)) !== path.resolve(this.options.directory) || safeModelFileName(filePath) !== path.basename(filePath)) {
          throw new DownloadError(`refusing to save ${this.options.uri} as ${filePath}: a model download is a .gguf file in the models folder`);
        }
      }
      if (generation !== this.generation) return void (await downloader.cancel({ deleteTempFile: this.currentState() === "cancelled" }));
      this.current = downloader;
      await this.checkDiskSpace(downloader);
      this.state = "downloading";
      const file = await downloader.download();
      // download() also returns when closed by pause or cancel; only an untouched run is finished.
      if (generation !== this.generation) return;
      this.state = "done";
      this.options.onProgress?.(toProgress(downloader.totalSize, downloader.totalSize, downloader.averageSpeed));
      this.resolve(file);
    } catch (error) {
      if (generation !== this.generation) return;
      this.state = "failed";
      await downloader?.cancel({ deleteTempFile: false }).catch(() => undefined);
      this.reject(error instanceof DownloadError ? error : new DownloadError(`download of ${this.options.uri} failed: ${oneLine(error)}`));
    } finally {
      if (this.current === downloader) this.current = null;
    }
  }

  /** Read through a method: TypeScript would otherwise keep a narrowing that awaits invalidate. */
  private currentState(): DownloadState {
    return this.state;
  }

  private async checkDiskSpace(downloader: ModelDownloader): Promise<void> {
    const needed = downloader.totalSize - downloader.downloadedSize;
    const free = await (this.options.freeBytes ?? freeDiskBytes)(this.options.directory);
    if (needed > free) {
      throw new DownloadError(
        `not enough disk space in ${this.options.directory}: the model needs ${formatBytes(needed)} more and ${formatBytes(free)} is free`,
      );
    }
  }

  async pause(): Promise<void> {
    if (this.state !== "starting" && this.state !== "downloading") return;
    this.generation++;
    this.state = "paused";
    const downloader = this.current;
    this.current = null;
    await downloader?.cancel({ deleteTempFile: false });
  }

  resume(): void {
    if (this.state !== "paused") return;
    void this.run(this.generation);
  }

  async cancel(): Promise<void> {
    if (this.state === "done" || this.state === "cancelled") return;
    this.generation++;
    this.state = "cancelled";
    const downloader = this.current;
    this.current = null;
    await downloader?.cancel({ deleteTempFile: true });
    // A paused download has no live downloader: delete what it left.
    for (const file of this.partialFiles) await unlink(file).catch(() => undefined);
    this.reject(new DownloadCancelledError(`download of ${this.options.uri} was cancelled`));
  }
}

function toProgress(downloadedBytes: number, totalBytes: number, bytesPerSecond: number): DownloadProgress {
  const speed = Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? bytesPerSecond : 0;
  const remaining = Math.max(0, totalBytes - downloadedBytes);
  return {
    downloadedBytes,
    totalBytes,
    bytesPerSecond: speed,
    etaSeconds: remaining === 0 ? 0 : speed > 0 ? remaining / speed : null,
  };
}


function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}


/** The curated catalog shipped with the app (electron/resources.ts says where it is). */
export async function readModelCatalog(file: string): Promise<ModelCatalog> {
  const parsed = modelCatalogSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid model catalog ${file} at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
