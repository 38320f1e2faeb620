import { readdir } from "node:fs/promises";
import path from "node:path";
import type { FileProblem } from "../../shared/contract.js";
import { readJournal } from "./journal.js";
import { migrateDataFolder, type MigrationReport } from "./run-folder-migration.js";
import { DISCUSSIONS_FOLDER, RECORDS_FOLDER, isProcessAlive, removeStaleTemporaryFiles } from "./run-layout.js";
import { recoverJournal, type DiscussionLogBuilder } from "./run-files.js";

export interface DataFolderStartup {
  /** Runs a crash or kill interrupted, recovered now (every finished comment kept): their ids. */
  interrupted: string[];
  migration: MigrationReport;
  removedTemporaryFiles: string[];
  /** Journals that could not be recovered, and files the migration left in place. */
  problems: FileProblem[];
}

/**
 * What the app does with its data folder before anything else: bring an older layout to the
 * current one (run-layout.ts), remove temporary files a kill left, and turn the journal of every
 * run that is no longer running into a discussion file and run record (status "recovered"), so
 * a run killed in web mode or the desktop app appears in the Library instead of vanishing.
 * Studies' journals are left to the study, which reruns those discussions from their seeds.
 */
export async function openDataFolder(root: string, buildLog: DiscussionLogBuilder): Promise<DataFolderStartup> {
  const migration = await migrateDataFolder(root);
  const removedTemporaryFiles: string[] = [];
  for (const folder of [DISCUSSIONS_FOLDER, RECORDS_FOLDER, "experiments"]) removedTemporaryFiles.push(...(await removeStaleTemporaryFiles(path.join(root, folder))));
  const problems: FileProblem[] = migration.kept.map(({ file, reason }) => ({ file, message: `left where it was: ${reason}` }));
  const interrupted: string[] = [];
  const records = path.join(root, RECORDS_FOLDER);
  const journals = (await readdir(records).catch(() => [] as string[])).filter((name) => name.endsWith(".journal.jsonl")).sort();
  for (const name of journals) {
    const journal = path.join(records, name);
    try {
      const start = (await readJournal(journal))[0];
      // Another process (a second app on the same folder) may still be writing it.
      if (start?.kind === "start" && start.pid !== undefined && start.pid !== process.pid && isProcessAlive(start.pid)) continue;
      const paths = await recoverJournal(journal, buildLog);
      interrupted.push(path.basename(paths.discussion, ".json"));
    } catch (error) {
      problems.push({ file: journal, message: `an interrupted run that could not be recovered (the journal is kept): ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { interrupted, migration, removedTemporaryFiles, problems };
}
