import { appendFile, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { WriteQueue } from "../../shared/write-queue.js";

export interface LoggedError {
  at: string;
  /** Where it happened: a command name, "events", "api-keys", "socket"... */
  source: string;
  message: string;
}

/**
 * Errors that used to vanish (a throwing event listener, a handler's internal failure, an API
 * key that cannot be decrypted) go to `<data>/logs/studio.log`, one entry per error with its
 * stack, rotated at `maxBytes` (studio.log.1 ... .<keep>); the recent ones are kept in memory
 * so the app can show them. Writing the log never throws: a log that fails must not add a
 * second failure to the first.
 */
export class ErrorLog {
  private readonly writes = new WriteQueue();
  private readonly recentErrors: LoggedError[] = [];

  constructor(
    readonly file: string,
    private readonly options: { maxBytes?: number; keep?: number; recent?: number } = {},
  ) {}

  record(source: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.recordText(source, message, error instanceof Error ? error.stack : undefined);
  }

  /** An error known only as text (one another process reported): its message and, indented below it, its stack. */
  recordText(source: string, message: string, stack?: string): void {
    const entry: LoggedError = { at: new Date().toISOString(), source, message };
    this.recentErrors.push(entry);
    if (this.recentErrors.length > (this.options.recent ?? 100)) this.recentErrors.shift();
    const detail = stack ? `\n${stack.replace(/^/gm, "    ")}` : "";
    void this.writes.run(() => this.append(`${entry.at} [${source}] ${message}${detail}\n`)).catch(() => undefined);
  }

  /** The most recent errors, oldest first. */
  recent(): LoggedError[] {
    return this.recentErrors.slice();
  }

  /** Settles when every entry recorded so far is on disk (or has failed to get there). */
  async flushed(): Promise<void> {
    await this.writes.run(async () => undefined);
  }

  private async append(text: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const size = await stat(this.file).then((info) => info.size, () => 0);
    if (size > 0 && size + text.length > (this.options.maxBytes ?? 1_000_000)) await this.rotate();
    await appendFile(this.file, text);
  }

  private async rotate(): Promise<void> {
    const keep = this.options.keep ?? 3;
    await rm(`${this.file}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index--) await rename(`${this.file}.${index}`, `${this.file}.${index + 1}`).catch(() => undefined);
    await rename(this.file, `${this.file}.1`);
  }
}
