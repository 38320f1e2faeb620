import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { measuredDiscussionSchema, type MeasuredDiscussion } from "../engine/analysis/measured-discussion.js";
import { readDataFile } from "./data-file.js";
import { writeFileAtomic } from "./atomic-write.js";

/** Bump when a measure's definition changes: every cached value is then recomputed. */
export const MEASURES_VERSION = 1;

const cacheSchema = z.object({
  version: z.literal(MEASURES_VERSION),
  entries: z.record(z.string(), z.object({ key: z.string(), measured: measuredDiscussionSchema })),
});
type CacheFile = z.infer<typeof cacheSchema>;

/**
 * Measures of a study's discussions, kept in `<study>/measures-cache.json` and keyed by the
 * size and modification time of every file they were computed from (discussion, run record,
 * annotations) and the annotation dimensions: a discussion is measured again only when one
 * of those changed. An unreadable or outdated cache is a cache miss, never an error; a folder
 * that cannot be written to (read-only data) simply goes uncached.
 */
export class MeasuresCache {
  private entries: CacheFile["entries"] = {};
  private changed = false;

  private constructor(readonly file: string) {}

  static async open(folder: string): Promise<MeasuresCache> {
    const cache = new MeasuresCache(path.join(folder, "measures-cache.json"));
    const stored = await readDataFile(cache.file, cacheSchema).catch(() => null);
    cache.entries = stored?.entries ?? {};
    return cache;
  }

  get(discussionId: string, key: string): MeasuredDiscussion | null {
    const entry = this.entries[discussionId];
    return entry && entry.key === key ? entry.measured : null;
  }

  set(discussionId: string, key: string, measured: MeasuredDiscussion): void {
    this.entries[discussionId] = { key, measured };
    this.changed = true;
  }

  /** Keeps only these discussions (files deleted since are forgotten). */
  retain(discussionIds: ReadonlySet<string>): void {
    for (const id of Object.keys(this.entries)) {
      if (!discussionIds.has(id)) {
        delete this.entries[id];
        this.changed = true;
      }
    }
  }

  async save(): Promise<void> {
    if (!this.changed) return;
    // Compact: a study of 50,000 comments is tens of megabytes indented.
    await writeFileAtomic(this.file, JSON.stringify({ version: MEASURES_VERSION, entries: this.entries } satisfies CacheFile)).catch(() => undefined);
    this.changed = false;
  }
}

/** A file's identity for the cache: size and modification time, or "-" when it does not exist. */
export async function fileKey(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  return info ? `${info.size}:${info.mtimeMs}` : "-";
}
