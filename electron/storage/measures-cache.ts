import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import {
  commentRoleSchema,
  measuredDiscussionSchema,
  type MeasuredComment,
  type MeasuredDiscussion,
} from "../../shared/analysis/measured-discussion.js";
import { readDataFile } from "./data-file.js";
import { writeFileAtomic } from "./atomic-write.js";

/** Bump when a measure's definition changes: every cached value is then recomputed. */
export const MEASURES_VERSION = 1;

const nullableNumbers = z.array(z.number().nullable());
/** Comments stored column by column: a study of 50,000 comments reads back in a fraction of the time objects take. */
const commentColumnsSchema = z.object({
  index: z.array(z.number().int().nonnegative()),
  turn: z.array(z.number().int()),
  author: z.array(z.string()),
  role: z.array(commentRoleSchema),
  model: z.array(z.string()),
  words: z.array(z.number().int().nonnegative()),
  characters: z.array(z.number().int().nonnegative()),
  tokens: nullableNumbers,
  intervention: z.array(z.boolean().nullable()),
  authorShare: nullableNumbers,
  diversity: nullableNumbers,
  annotations: z.record(z.string(), nullableNumbers),
}).refine(
  (columns) => [...Object.values(columns).filter(Array.isArray), ...Object.values(columns.annotations)].every((values) => values.length === columns.index.length),
  "comment columns of different lengths",
);
type CommentColumns = z.infer<typeof commentColumnsSchema>;

const cachedDiscussionSchema = measuredDiscussionSchema.omit({ comments: true }).extend({ comments: commentColumnsSchema });
type CachedDiscussion = z.infer<typeof cachedDiscussionSchema>;

const cacheSchema = z.object({
  version: z.literal(MEASURES_VERSION),
  entries: z.record(z.string(), z.object({ key: z.string(), measured: cachedDiscussionSchema })),
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
    return entry && entry.key === key ? fromColumns(entry.measured) : null;
  }

  set(discussionId: string, key: string, measured: MeasuredDiscussion): void {
    this.entries[discussionId] = { key, measured: toColumns(measured) };
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
    await writeFileAtomic(this.file, JSON.stringify({ version: MEASURES_VERSION, entries: this.entries } satisfies CacheFile)).catch(() => undefined);
    this.changed = false;
  }
}

function toColumns(measured: MeasuredDiscussion): CachedDiscussion {
  const column = <K extends keyof MeasuredComment>(key: K) => measured.comments.map((comment) => comment[key]);
  const dimensions = Object.keys(measured.comments[0]?.annotations ?? {});
  return {
    ...measured,
    comments: {
      index: column("index"),
      turn: column("turn"),
      author: column("author"),
      role: column("role"),
      model: column("model"),
      words: column("words"),
      characters: column("characters"),
      tokens: column("tokens"),
      intervention: column("intervention"),
      authorShare: column("authorShare"),
      diversity: column("diversity"),
      annotations: Object.fromEntries(dimensions.map((dimension) => [dimension, measured.comments.map((comment) => comment.annotations[dimension] ?? null)])),
    },
  };
}

function fromColumns(cached: CachedDiscussion): MeasuredDiscussion {
  const c: CommentColumns = cached.comments;
  const dimensions = Object.keys(c.annotations);
  return {
    ...cached,
    comments: c.index.map((index, row) => ({
      index,
      turn: c.turn[row] as number,
      author: c.author[row] as string,
      role: c.role[row] as MeasuredComment["role"],
      model: c.model[row] as string,
      words: c.words[row] as number,
      characters: c.characters[row] as number,
      tokens: c.tokens[row] ?? null,
      intervention: c.intervention[row] ?? null,
      authorShare: c.authorShare[row] ?? null,
      diversity: c.diversity[row] ?? null,
      annotations: Object.fromEntries(dimensions.map((dimension) => [dimension, c.annotations[dimension]?.[row] ?? null])),
    })),
  };
}

/** A file's identity for the cache: size and modification time, or "-" when it does not exist. */
export async function fileKey(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  return info ? `${info.size}:${info.mtimeMs}` : "-";
}
