import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { SavedSpec } from "../../shared/contract-experiments.js";
import { experimentSpecSchema, type ExperimentSpec } from "../../shared/domain/index.js";
import { CorruptFileError, NotFoundError, readDataFile, writeDataFile, writeQueueFor } from "../storage/data-file.js";
import { folderName } from "./experiments-service.js";

/** Saved study specs, `<data>/experiment-specs/<name>.json`: the very file `cli experiment run` takes. */
export class ExperimentSpecStore {
  constructor(readonly directory: string) {}

  async save(spec: ExperimentSpec): Promise<SavedSpec> {
    const id = folderName(spec.name);
    const file = path.join(this.directory, `${id}.json`);
    await writeQueueFor(path.resolve(file)).run(() => writeDataFile(file, spec));
    return { id, name: spec.name, savedAt: new Date().toISOString(), file };
  }

  async list(): Promise<SavedSpec[]> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    const specs: SavedSpec[] = [];
    for (const name of names.filter((entry) => entry.endsWith(".json")).sort()) {
      const file = path.join(this.directory, name);
      const spec = await readDataFile(file, experimentSpecSchema).catch(() => null);
      if (!spec) continue;
      specs.push({ id: name.slice(0, -".json".length), name: spec.name, savedAt: (await stat(file)).mtime.toISOString(), file });
    }
    return specs;
  }

  async load(id: string): Promise<ExperimentSpec> {
    const file = path.join(this.directory, `${id}.json`);
    const spec = await readDataFile(file, experimentSpecSchema).catch((error: unknown) => {
      if (error instanceof CorruptFileError) throw error;
      return null;
    });
    if (!spec) throw new NotFoundError(`no saved study "${id}"`);
    return spec;
  }
}
