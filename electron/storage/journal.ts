import { mkdir, open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { idSchema } from "../../shared/contract.js";
import { commentSchema, commentStatsSchema, discussionDesignSchema, modelIdentitySchema, speakerChoiceSchema } from "../../shared/domain/index.js";

export const runtimeSchema = z.object({
  app: z.string(),
  gpu: z.string(),
  threads: z.number().int().nonnegative(),
  contextSize: z.number().int().nonnegative(),
});

/** One line of a run's journal. The first is always `start`. */
export const journalEntrySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("start"),
    // Paths are made from it (recover): an id that could leave its folder is refused on read.
    discussionId: idSchema,
    /** The writing process (absent in journals of older versions). */
    pid: z.number().int().positive().optional(),
    startedAt: z.string(),
    design: discussionDesignSchema,
    turnManagerSeed: z.number().int().nonnegative(),
    models: z.array(modelIdentitySchema),
    runtime: runtimeSchema,
  }),
  z.object({ kind: z.literal("turn"), turn: z.number().int(), speaker: z.string() }),
  /** How an LLM-selected or manual turn manager chose a speaker (with the LLM's prompt and answer). */
  z.object({ kind: z.literal("choice"), choice: speakerChoiceSchema }),
  z.object({ kind: z.literal("comment"), index: z.number().int(), comment: commentSchema, stats: commentStatsSchema.nullable() }),
  z.object({ kind: z.literal("silent-turn"), turn: z.number().int(), speaker: z.string(), stats: commentStatsSchema }),
  z.object({ kind: z.literal("end"), reason: z.enum(["completed", "stopped", "failed"]), at: z.string() }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/**
 * Appends each entry as one JSON line the moment it exists, flushed to disk. The file is opened
 * for each line (by its path), and a line that could not be written whole (a full disk) is cut
 * off again, so the journal only ever holds whole lines and a later append continues it cleanly.
 */
export class JournalWriter<Entry = JournalEntry> {
  private constructor(
    readonly path: string,
    /** Bytes of whole lines in the file. */
    private size: number,
  ) {}

  /**
   * Opens a journal for appending, creating it if absent. What it holds is kept (a job resumes
   * it), except a truncated last line left by a kill, which is cut off so the next line starts
   * cleanly; creating needs no free space.
   */
  static async create<Entry = JournalEntry>(path: string): Promise<JournalWriter<Entry>> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, "a+");
    try {
      const held = await handle.readFile();
      const whole = held.lastIndexOf(0x0a) + 1;
      if (whole < held.length) await handle.truncate(whole);
      return new JournalWriter<Entry>(path, whole);
    } finally {
      await handle.close();
    }
  }

  async append(entry: Entry): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`);
    const handle = await open(this.path, "a");
    try {
      await handle.writeFile(line);
      await handle.datasync();
      this.size += line.length;
    } catch (error) {
      // Cutting a file shorter needs no space; a half line would spoil every later one.
      await handle.truncate(this.size).catch(() => undefined);
      throw error;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
}

/** Reads a journal, skipping a truncated last line; earlier damage is an error. */
export async function readJournal(path: string): Promise<JournalEntry[]> {
  const entries = await readJsonLines(path, journalEntrySchema);
  if (entries[0]?.kind !== "start") throw new Error(`journal ${path} does not begin with a start entry`);
  return entries;
}

/** Reads a JSON-lines file of entries of one schema, skipping a truncated last line (a kill mid-write); earlier damage is an error. */
export async function readJsonLines<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>[]> {
  const lines = (await readFile(path, "utf8")).split("\n");
  const entries: z.output<S>[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const isLast = index >= lines.length - 2;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (isLast) return;
      throw new Error(`journal ${path}: line ${index + 1} is not valid JSON`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw new Error(`journal ${path}: line ${index + 1}: ${result.error.issues[0]?.message ?? "bad entry"}`);
    entries.push(result.data);
  });
  return entries;
}
