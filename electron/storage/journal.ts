import { open, readFile, type FileHandle } from "node:fs/promises";
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
 * Appends each entry as one JSON line the moment it exists. A line is written with a single
 * write() call, so a killed process leaves at worst one truncated last line.
 */
export class JournalWriter<Entry = JournalEntry> {
  private constructor(private readonly handle: FileHandle) {}

  static async create<Entry = JournalEntry>(path: string): Promise<JournalWriter<Entry>> {
    return new JournalWriter<Entry>(await open(path, "a"));
  }

  async append(entry: Entry): Promise<void> {
    await this.handle.write(`${JSON.stringify(entry)}\n`);
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
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
