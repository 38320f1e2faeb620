import { randomUUID } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { discussionDesignSchema, type DiscussionDesign } from "../../shared/domain/design.js";
import { idSchema, type DesignSummary, type FileProblem } from "../../shared/contract.js";
import { CorruptFileError, NotFoundError, readDataFile, writeDataFile, WriteQueue } from "./data-file.js";

const storedDesignSchema = z.object({
  kind: z.literal("syndisco-studio.design"),
  version: z.literal(1),
  id: z.string(),
  savedAt: z.string(),
  design: discussionDesignSchema,
});
type StoredDesign = z.infer<typeof storedDesignSchema>;

/** Saved designs, one `<id>.json` each, so one damaged file never hides the others. */
export class DesignStore {
  private readonly writes = new WriteQueue();

  constructor(readonly directory: string) {}

  async list(): Promise<{ designs: DesignSummary[]; problems: FileProblem[] }> {
    const designs: DesignSummary[] = [];
    const problems: FileProblem[] = [];
    for (const id of await this.ids()) {
      try {
        const stored = await this.read(id);
        if (stored) designs.push(summarize(stored));
      } catch (error) {
        if (!(error instanceof CorruptFileError)) throw error;
        problems.push({ file: error.file, message: error.reason });
      }
    }
    designs.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    return { designs, problems };
  }

  async load(id: string): Promise<{ summary: DesignSummary; design: DiscussionDesign }> {
    const stored = await this.read(id);
    if (!stored) throw new NotFoundError(`no saved design "${id}"`);
    return { summary: summarize(stored), design: stored.design };
  }

  /** Saves under `id` (a new id when absent). An existing file that is corrupt is not replaced. */
  save(design: DiscussionDesign, id: string = randomUUID()): Promise<DesignSummary> {
    return this.writes.run(async () => {
      await this.read(id);
      const stored: StoredDesign = { kind: "syndisco-studio.design", version: 1, id, savedAt: new Date().toISOString(), design };
      await writeDataFile(this.file(id), stored);
      return summarize(stored);
    });
  }

  async remove(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  private async read(id: string): Promise<StoredDesign | null> {
    const stored = await readDataFile(this.file(id), storedDesignSchema);
    if (stored && stored.id !== id) throw new CorruptFileError(this.file(id), `it names design "${stored.id}"`);
    return stored;
  }

  private file(id: string): string {
    return path.join(this.directory, `${id}.json`);
  }

  private async ids(): Promise<string[]> {
    try {
      const names = await readdir(this.directory);
      // Temporary files of an interrupted save and foreign names are not designs.
      return names
        .filter((name) => name.endsWith(".json"))
        .map((name) => name.slice(0, -".json".length))
        .filter((id) => idSchema.safeParse(id).success);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }
}

function summarize(stored: StoredDesign): DesignSummary {
  return {
    id: stored.id,
    name: stored.design.name,
    savedAt: stored.savedAt,
    participants: stored.design.participants.map((actor) => actor.persona.username),
    turns: stored.design.turns,
  };
}
