import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { DiscussionLog } from "../../shared/domain/index.js";
import { importDiscussionFile } from "./discussion-import.js";
import { readDataFile, readTextIfExists, writeQueueFor, type WriteQueue } from "./data-file.js";
import { writeFileAtomic } from "./atomic-write.js";
import type { LibrarySource } from "./library-sources.js";

/** Between fields, so a search never matches across a name and a comment. */
const FIELD = "\u0000";
/** Files read at once while the index is built: enough to overlap reading and parsing, few enough to stay light. */
const READS_AT_ONCE = 8;

const indexedSchema = z.object({ modifiedMs: z.number(), size: z.number(), id: z.string(), text: z.string() });
type Indexed = z.infer<typeof indexedSchema>;
const cacheSchema = z.object({ version: z.literal(1), files: z.record(z.string(), indexedSchema) });

/** What a search looks in: the moderator, participants, models, then each comment's author and text, lower case. */
export function searchableText(log: DiscussionLog): string {
  const models = new Set(log.comments.map((comment) => comment.model).filter((model) => model !== "hardcoded"));
  const fields = [log.moderator ?? "", ...log.users, ...models];
  for (const comment of log.comments) fields.push(comment.name, comment.text);
  return fields.join(FIELD).toLowerCase();
}

/**
 * The library's searchable text, in memory by file and cached on disk beside the listing's index
 * (`cacheFile`, written when the studio closes, read by the next start): a search scans strings instead of reading and parsing every discussion (seconds
 * for a study's 1,800). Before each search, files that are new or changed (size or modification
 * time) are read and files that are gone forgotten, so runs, studies and imports are found
 * without being told; imports are indexed from the text in hand.
 */
export class LibrarySearchIndex {
  private files: Map<string, Indexed> | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** The index changed since the cache was read or written. */
  private unsaved = false;
  private readonly writes: WriteQueue;

  constructor(private readonly cacheFile: string) {
    this.writes = writeQueueFor(cacheFile);
  }

  /**
   * Waits for the updates asked for so far, then writes the cache if anything changed: when the
   * studio closes, never in the background (a write racing a folder's removal would fail it).
   */
  async settled(): Promise<void> {
    await this.queue;
    if (!this.unsaved || !this.files) return;
    this.unsaved = false;
    await this.saveCache({ version: 1, files: Object.fromEntries(this.files) });
  }

  /** Brings the index up to `sources`; one update at a time (a search waits for the listing's warm-up, then checks only what changed). */
  update(sources: readonly LibrarySource[]): Promise<void> {
    const next = this.queue.then(() => this.apply(sources));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A file the library just read or wrote (`file` its size and time then): indexed from the log in hand, not read again. */
  put(source: LibrarySource, log: DiscussionLog, file: { mtimeMs: number; size: number }): Promise<void> {
    const next = this.queue.then(async () => {
      (await this.loaded()).set(source.key, { modifiedMs: file.mtimeMs, size: file.size, id: source.id, text: searchableText(log) });
      this.unsaved = true;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ids of the `sources` whose text holds `text` (any case), in their order. Call `update` first. */
  search(text: string, sources: readonly LibrarySource[]): string[] {
    const needle = text.toLowerCase();
    return sources.filter((source) => this.files?.get(source.key)?.text.includes(needle)).map((source) => source.id);
  }

  private async apply(sources: readonly LibrarySource[]): Promise<void> {
    const files = await this.loaded();
    const keys = new Set(sources.map((source) => source.key));
    let changed = false;
    for (const key of files.keys()) if (!keys.has(key)) changed = files.delete(key);
    let next = 0;
    const worker = async () => {
      while (next < sources.length) if (await this.refresh(files, sources[next++]!)) changed = true;
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, sources.length) }, worker));
    if (changed) this.unsaved = true;
  }

  /** Reads one file again when it changed; a file that is gone or unreadable is not found (the listing names it). */
  private async refresh(files: Map<string, Indexed>, source: LibrarySource): Promise<boolean> {
    const info = await stat(source.file).catch(() => null);
    const known = files.get(source.key);
    if (!info) return files.delete(source.key);
    if (known && known.modifiedMs === info.mtimeMs && known.size === info.size && known.id === source.id) return false;
    const text = await readTextIfExists(source.file).catch(() => null);
    const parsed = text === null ? null : importDiscussionFile(text, source.file);
    if (!parsed?.ok) return files.delete(source.key);
    files.set(source.key, { modifiedMs: info.mtimeMs, size: info.size, id: source.id, text: searchableText(parsed.value) });
    return true;
  }

  /** The cache only spares the next process the reading: a failed write costs nothing else, and a data folder removed meanwhile is not made again for it. */
  private async saveCache(cache: z.infer<typeof cacheSchema>): Promise<void> {
    await this.writes
      .run(async () => {
        // Compact, unlike our other data files: it holds every comment, and nobody reads it by eye.
        if (await stat(path.dirname(this.cacheFile)).catch(() => null)) await writeFileAtomic(this.cacheFile, JSON.stringify(cache));
      })
      .catch(() => undefined);
  }

  /** The cache is what the files said: unreadable, it is rebuilt from them, not reported. */
  private async loaded(): Promise<Map<string, Indexed>> {
    if (!this.files) {
      const cache = await readDataFile(this.cacheFile, cacheSchema).catch(() => null);
      this.files = new Map(Object.entries(cache?.files ?? {}));
    }
    return this.files;
  }
}
