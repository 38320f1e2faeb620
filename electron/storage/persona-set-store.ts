import { z } from "zod";
import { personaSetSchema, type PersonaSet } from "../../shared/contract-personas.js";
import { readDataFile, writeDataFile, WriteQueue } from "./data-file.js";

/** `<data>/persona-sets.json`. */
export const personaSetsFileSchema = z.object({ version: z.literal(1), sets: z.array(personaSetSchema) });

/**
 * Named persona sets ("pilot panel"), kept in the data folder so every window and every start of
 * web mode sees the same ones. A corrupt file is reported and never overwritten.
 */
export class PersonaSetStore {
  private readonly writes = new WriteQueue();

  constructor(readonly file: string) {}

  async list(): Promise<PersonaSet[]> {
    return (await readDataFile(this.file, personaSetsFileSchema))?.sets ?? [];
  }

  /** Saves a set, replacing one of the same name. */
  save(set: PersonaSet): Promise<PersonaSet[]> {
    return this.change((sets) => [...sets.filter((existing) => existing.name !== set.name), set]);
  }

  delete(name: string): Promise<PersonaSet[]> {
    return this.change((sets) => sets.filter((existing) => existing.name !== name));
  }

  /** Adds sets from elsewhere (a browser's old local storage); a name already here keeps what is here. */
  merge(incoming: readonly PersonaSet[]): Promise<{ sets: PersonaSet[]; added: string[] }> {
    let added: string[] = [];
    return this.change((sets) => {
      const names = new Set(sets.map((set) => set.name));
      const fresh = incoming.filter((set) => !names.has(set.name) && names.add(set.name));
      added = fresh.map((set) => set.name);
      return [...sets, ...fresh];
    }).then((sets) => ({ sets, added }));
  }

  private change(edit: (sets: PersonaSet[]) => PersonaSet[]): Promise<PersonaSet[]> {
    return this.writes.run(async () => {
      const next = edit(await this.list()).sort((a, b) => a.name.localeCompare(b.name));
      await writeDataFile(this.file, { version: 1, sets: next });
      return next;
    });
  }
}
