import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Persona } from "../../shared/domain/persona.js";
import { populationSpecSchema, type PopulationSpec } from "../../shared/domain/population.js";
import type { PoolRecord } from "../../shared/domain/population-pool.js";
import { serializePersonasFile } from "./personas-file.js";
import { writeFileAtomic } from "./atomic-write.js";
import { CorruptFileError, NotFoundError, readDataFile, writeDataFile } from "./data-file.js";

export interface SavedPopulation {
  id: string;
  name: string;
  savedAt: string;
  file: string;
}

/** A file-safe name from a display name ("US adults (2020)" -> "US-adults-2020"). */
export function fileStem(name: string, fallback: string): string {
  const safe = name.trim().replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "").slice(0, 100);
  return safe || fallback;
}

/** Saved population specs, `<data>/populations/<name>.json`: the very file `cli population sample` takes. */
export class PopulationSpecStore {
  constructor(readonly directory: string) {}

  async save(spec: PopulationSpec): Promise<SavedPopulation> {
    const id = fileStem(spec.name, "population");
    const file = path.join(this.directory, `${id}.json`);
    await writeDataFile(file, spec);
    return { id, name: spec.name, savedAt: new Date().toISOString(), file };
  }

  /** Saved specs, and the files among them that cannot be read (reported, never overwritten by a list). */
  async list(): Promise<{ populations: SavedPopulation[]; problems: { file: string; message: string }[] }> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    const populations: SavedPopulation[] = [];
    const problems: { file: string; message: string }[] = [];
    for (const name of names.filter((entry) => entry.endsWith(".json")).sort()) {
      const file = path.join(this.directory, name);
      try {
        const spec = await readDataFile(file, populationSpecSchema);
        if (spec) populations.push({ id: name.slice(0, -".json".length), name: spec.name, savedAt: (await stat(file)).mtime.toISOString(), file });
      } catch (error) {
        if (!(error instanceof CorruptFileError)) throw error;
        problems.push({ file, message: error.reason });
      }
    }
    return { populations, problems };
  }

  async load(id: string): Promise<PopulationSpec> {
    const spec = await readDataFile(path.join(this.directory, `${id}.json`), populationSpecSchema);
    if (!spec) throw new NotFoundError(`no saved population "${id}"`);
    return spec;
  }

  async remove(id: string): Promise<void> {
    await rm(path.join(this.directory, `${id}.json`), { force: true });
  }
}

/** Where a pool's two files go: `<stem>.json` (the SynDisco personas file) and `<stem>.population.json` beside it. */
export function poolFiles(directory: string, stem: string): { personasFile: string; recordFile: string } {
  return { personasFile: path.join(directory, `${stem}.json`), recordFile: path.join(directory, `${stem}.population.json`) };
}

/**
 * Writes a pool as a SynDisco personas file with its record beside it. The record names the
 * personas file, so the two can be moved together. Both are written atomically.
 */
export async function writePool(directory: string, stem: string, personas: readonly Persona[], record: Omit<PoolRecord, "personasFile">): Promise<{ personasFile: string; recordFile: string }> {
  const files = poolFiles(directory, stem);
  await writeFileAtomic(files.personasFile, serializePersonasFile(personas));
  const full: PoolRecord = { ...record, personasFile: path.basename(files.personasFile) };
  await writeDataFile(files.recordFile, full);
  return files;
}
