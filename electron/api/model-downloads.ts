import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type { DownloadStatus } from "../../shared/contract-models.js";
import type { DownloadProgress } from "../../shared/domain/model-info.js";
import { startDownload, type DownloadHandle, type StartDownloadOptions } from "../llm/downloader.js";
import { NotFoundError } from "../storage/data-file.js";

export interface ModelDownloadsOptions {
  /** Where finished models go (the models folder, read when a download starts). */
  directory: () => Promise<string>;
  emit: (status: DownloadStatus) => void;
  /** Least time between two progress events of one download (state changes are sent at once). */
  intervalMs?: number;
  /** Tests replace the downloader (e.g. to simulate a full disk). */
  start?: (options: StartDownloadOptions) => DownloadHandle;
}

interface Entry {
  status: DownloadStatus;
  handle: DownloadHandle;
  lastEmit: number;
}

/** The engine's downloads: one handle each, their progress throttled into events for every window. */
export class ModelDownloads {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: ModelDownloadsOptions) {}

  async start(uri: string, name: string | undefined): Promise<DownloadStatus> {
    const active = [...this.entries.values()].find((entry) => entry.status.uri === uri && !isFinal(entry.status.state));
    if (active) return active.status;
    const directory = await this.options.directory();
    await mkdir(directory, { recursive: true });
    const downloadId = randomUUID();
    const status: DownloadStatus = { downloadId, uri, name: name ?? uri, state: "starting", progress: null, error: null, file: null };
    const handle = (this.options.start ?? startDownload)({ uri, directory, onProgress: (progress) => this.progressed(downloadId, progress) });
    const entry: Entry = { status, handle, lastEmit: 0 };
    this.entries.set(downloadId, entry);
    handle.done.then(
      (file) => this.changed(entry, { state: "done", file }),
      (error: unknown) => this.changed(entry, { state: handle.state === "cancelled" ? "cancelled" : "failed", error: handle.state === "cancelled" ? null : message(error) }),
    );
    return { ...status };
  }

  async control(downloadId: string, action: "pause" | "resume" | "cancel"): Promise<DownloadStatus> {
    const entry = this.entries.get(downloadId);
    if (!entry) throw new NotFoundError(`no download "${downloadId}"`);
    if (action === "pause") await entry.handle.pause();
    else if (action === "resume") entry.handle.resume();
    else await entry.handle.cancel();
    if (entry.handle.state !== "done") this.changed(entry, { state: entry.handle.state });
    return { ...entry.status };
  }

  list(): DownloadStatus[] {
    return [...this.entries.values()].map((entry) => ({ ...entry.status }));
  }

  async dispose(): Promise<void> {
    // Paused, not cancelled: the partial file stays so the next start can resume it.
    await Promise.allSettled([...this.entries.values()].map((entry) => entry.handle.pause()));
  }

  private progressed(downloadId: string, progress: DownloadProgress): void {
    const entry = this.entries.get(downloadId);
    if (!entry || isFinal(entry.status.state)) return;
    entry.status.progress = progress;
    // "done" is announced with its file when `done` resolves, not by the last progress report.
    const state = entry.handle.state === "done" ? "downloading" : entry.handle.state;
    const now = Date.now();
    if (state === entry.status.state && now - entry.lastEmit < (this.options.intervalMs ?? 250)) return;
    this.changed(entry, { state });
  }

  private changed(entry: Entry, change: Partial<DownloadStatus>): void {
    // A late progress report must not turn a finished download back into a running one.
    if (isFinal(entry.status.state) && change.state !== undefined && !isFinal(change.state)) return;
    Object.assign(entry.status, change);
    entry.lastEmit = Date.now();
    this.options.emit({ ...entry.status });
  }
}

function isFinal(state: DownloadStatus["state"]): boolean {
  return state === "done" || state === "cancelled" || state === "failed";
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
