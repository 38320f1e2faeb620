import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { SavedSpec } from "../../shared/contract-experiments.js";
import type { FileProblem } from "../../shared/contract.js";
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

  /** Every saved spec; a file that cannot be read is a problem in the answer (named, left as it is), never silently skipped. */
  async list(): Promise<{ specs: SavedSpec[]; problems: FileProblem[] }> {
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw error;
    });
    const specs: SavedSpec[] = [];
    const problems: FileProblem[] = [];
    for (const name of names.filter((entry) => entry.endsWith(".json")).sort()) {
      const file = path.join(this.directory, name);
      try {
        const spec = await readDataFile(file, experimentSpecSchema);
        if (spec) specs.push({ id: name.slice(0, -".json".length), name: spec.name, savedAt: (await stat(file)).mtime.toISOString(), file });
      } catch (error) {
        problems.push({ file, message: error instanceof CorruptFileError ? error.reason : error instanceof Error ? error.message : String(error) });
      }
    }
    return { specs, problems };
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
