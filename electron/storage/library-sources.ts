import { readdir } from "node:fs/promises";
import path from "node:path";
import { idSchema, type LibraryStudy } from "../../shared/contract.js";
import { readStudyFolder } from "./study-folder.js";
import { DISCUSSIONS_FOLDER } from "./run-layout.js";

/** One discussion file the library lists: one in its own folder, or one a study wrote in a cell folder. */
export interface LibrarySource {
  /** The index key: the file name for the library's own files, `<study>/<cell>/<file>` for a study's. */
  key: string;
  id: string;
  file: string;
  /** The output folder the discussion belongs to: runPaths(root, id) names it and its run record (run-layout.ts). */
  root: string;
  study: LibraryStudy | null;
}

/** `<id>.json` files directly in the library's `<root>/discussions` (other names left out). */
export async function ownSources(root: string): Promise<LibrarySource[]> {
  const directory = path.join(root, DISCUSSIONS_FOLDER);
  const names = await readdir(directory).catch(missingIsEmpty);
  return names
    .filter((name) => name.endsWith(".json") && !name.endsWith(".run.json") && idSchema.safeParse(name.slice(0, -5)).success)
    .map((name) => ({ key: name, id: name.slice(0, -5), file: path.join(directory, name), root, study: null }));
}

/**
 * The discussions every study in `<data>/experiments` has written so far, read from each study's
 * experiment.json (its plan) and its discussions/ folder: a running study's finished discussions appear
 * as they finish. A study whose experiment.json cannot be read is left out here; the Studies
 * view names it.
 */
export async function studySources(experimentsDirectory: string): Promise<LibrarySource[]> {
  const folders = await readdir(experimentsDirectory, { withFileTypes: true }).catch(missingIsEmpty);
  const sources: LibrarySource[] = [];
  for (const { name } of folders.filter((entry) => entry.isDirectory())) {
    const study = await readStudyFolder(path.join(experimentsDirectory, name)).catch(() => null);
    if (study?.kind !== "study") continue;
    // Files written so far, per folder (discussions/, or a cell's folder of a study not migrated yet).
    const written = new Map<string, Set<string>>();
    for (const folder of new Set(study.discussions.map((discussion) => path.dirname(discussion.discussionFile)))) {
      written.set(folder, new Set(await readdir(folder).catch(missingIsEmpty)));
    }
    for (const discussion of study.discussions) {
      const fileName = path.basename(discussion.discussionFile);
      if (!discussion.cell || !written.get(path.dirname(discussion.discussionFile))?.has(fileName)) continue;
      sources.push({
        key: `${name}/${discussion.cell}/${fileName}`,
        id: discussion.discussionId,
        file: discussion.discussionFile,
        root: study.folder,
        study: { id: name, name: study.name, cell: discussion.cell, conditions: discussion.factors },
      });
    }
  }
  return sources;
}

function missingIsEmpty(error: unknown): never[] {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
  throw error;
}
