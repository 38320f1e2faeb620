import { settingsSchema, type FileProblem, type Settings } from "../../shared/contract.js";
import { CorruptFileError, readDataFile, writeDataFile, WriteQueue } from "./data-file.js";

/** The app's settings file. A corrupt file yields the defaults plus a problem, and refuses saves. */
export class SettingsStore {
  private readonly writes = new WriteQueue();

  constructor(readonly file: string) {}

  async read(): Promise<{ settings: Settings; problems: FileProblem[] }> {
    try {
      const stored = await readDataFile(this.file, settingsSchema);
      return { settings: stored ?? settingsSchema.parse({}), problems: [] };
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      return { settings: settingsSchema.parse({}), problems: [{ file: error.file, message: error.reason }] };
    }
  }

  update(changes: Partial<Settings>): Promise<Settings> {
    return this.writes.run(async () => {
      const current = (await readDataFile(this.file, settingsSchema)) ?? settingsSchema.parse({});
      const next = settingsSchema.parse({ ...current, ...changes });
      await writeDataFile(this.file, next);
      return next;
    });
  }
}
