import { copyName, type Persona } from "../../shared/domain/persona.js";
import type { ImportConflict } from "../../shared/contract-personas.js";
import type { FileContent, FileProblem } from "../../shared/contract.js";
import { parsePersonasFile, serializePersonasFile } from "./personas-file.js";
import { writeFileAtomic } from "./atomic-write.js";
import { CorruptFileError, readTextIfExists, WriteQueue } from "./data-file.js";

interface StoredPersonas {
  personas: Persona[];
  problems: FileProblem[];
}

/**
 * The user's personas, kept as one SynDisco personas file so it can be used by SynDisco as is.
 * If any entry is unusable the file is reported and every change is refused: rewriting it
 * would silently drop the entries we could not read.
 */
export class PersonaStore {
  private readonly writes = new WriteQueue();

  constructor(readonly file: string) {}

  async list(): Promise<StoredPersonas> {
    const text = await readTextIfExists(this.file);
    if (text === null) return { personas: [], problems: [] };
    try {
      const parsed = parsePersonasFile(text);
      const problems = parsed.problems.map((problem) => ({ file: this.file, message: `entry ${problem.index}: ${problem.reason}` }));
      return { personas: parsed.personas, problems };
    } catch (error) {
      return { personas: [], problems: [{ file: this.file, message: error instanceof Error ? error.message : String(error) }] };
    }
  }

  save(persona: Persona): Promise<Persona> {
    return this.change((personas) => {
      const at = personas.findIndex((existing) => existing.username === persona.username);
      if (at >= 0) personas[at] = persona;
      else personas.push(persona);
      return persona;
    });
  }

  delete(username: string): Promise<boolean> {
    return this.change((personas) => {
      const at = personas.findIndex((existing) => existing.username === username);
      if (at >= 0) personas.splice(at, 1);
      return at >= 0;
    });
  }

  /**
   * Adds the usable personas of a SynDisco personas file. A username already in the pool is
   * skipped, replaced, or kept both (the imported one under a "(copy)" name), as asked.
   */
  async importFile(file: FileContent, onConflict: ImportConflict): Promise<{ imported: string[]; skipped: string[] }> {
    let incoming: ReturnType<typeof parsePersonasFile>;
    try {
      incoming = parsePersonasFile(file.content);
    } catch (error) {
      throw new ImportRefusedError(`${file.fileName}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.change((personas) => {
      const imported: string[] = [];
      const skipped = incoming.problems.map((problem) => `entry ${problem.index}: ${problem.reason}`);
      for (const persona of incoming.personas) {
        const at = personas.findIndex((existing) => existing.username === persona.username);
        if (at < 0) personas.push(persona);
        else if (onConflict === "replace") personas[at] = persona;
        else if (onConflict === "keep-both") {
          const username = copyName(persona.username, new Set(personas.map((existing) => existing.username)));
          personas.push({ ...persona, username });
          imported.push(username);
          continue;
        } else {
          skipped.push(`${persona.username}: already exists`);
          continue;
        }
        imported.push(persona.username);
      }
      return { imported, skipped };
    });
  }

  async exportFile(usernames?: readonly string[]): Promise<FileContent> {
    const { personas } = await this.list();
    const chosen = usernames ? personas.filter((persona) => usernames.includes(persona.username)) : personas;
    return { fileName: "personas.json", content: serializePersonasFile(chosen) };
  }

  private change<T>(edit: (personas: Persona[]) => T): Promise<T> {
    return this.writes.run(async () => {
      const { personas, problems } = await this.list();
      if (problems.length > 0) throw new CorruptFileError(this.file, problems.map((problem) => problem.message).join("; "));
      const result = edit(personas);
      await writeFileAtomic(this.file, serializePersonasFile(personas));
      return result;
    });
  }
}

/** A file offered for import is not usable; nothing was changed. */
export class ImportRefusedError extends Error {
  override readonly name = "ImportRefusedError";
}
