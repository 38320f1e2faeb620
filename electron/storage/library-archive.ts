import { mkdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import type { FileProblem } from "../../shared/contract.js";
import type { LibrarySource } from "./library-sources.js";
import { runPaths, type RunPaths } from "./run-layout.js";

/** A file that may be absent (a discussion without a run record) moves only when it is there. */
async function moveIfPresent(from: string, to: string): Promise<void> {
  if (!(await stat(from).catch(() => null))) return;
  await rename(from, to);
}

/** The archive and the library keep run-layout.ts's layout: discussions/ and records/. */
async function makeFolders(paths: RunPaths): Promise<void> {
  await Promise.all([paths.discussion, paths.runRecord].map((file) => mkdir(path.dirname(file), { recursive: true })));
}

/**
 * Moves library discussions (the file and its run record) into the archive folder, where they
 * stay, byte for byte, until restored or deleted by hand. A study's discussion is refused: the
 * study's analysis and resuming it need its files where they are.
 */
export async function archiveSources(sources: readonly LibrarySource[], archiveRoot: string): Promise<{ archived: string[]; problems: FileProblem[] }> {
  const archived: string[] = [];
  const problems: FileProblem[] = [];
  for (const source of sources) {
    if (source.study) {
      problems.push({ file: source.file, message: `it belongs to the study "${source.study.name}", whose analysis and resuming need it; it stays` });
      continue;
    }
    const from = runPaths(source.root, source.id);
    const to = runPaths(archiveRoot, source.id);
    try {
      await makeFolders(to);
      await moveIfPresent(from.runRecord, to.runRecord);
      await rename(from.discussion, to.discussion);
      archived.push(source.id);
    } catch (error) {
      problems.push({ file: source.file, message: `could not be archived: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { archived, problems };
}

/** Moves archived discussions back; one whose id the library holds again is left in the archive. */
export async function restoreArchived(ids: readonly string[], archiveRoot: string, libraryRoot: string): Promise<{ restored: string[]; problems: FileProblem[] }> {
  const restored: string[] = [];
  const problems: FileProblem[] = [];
  for (const id of ids) {
    const from = runPaths(archiveRoot, id);
    const to = runPaths(libraryRoot, id);
    if (!(await stat(from.discussion).catch(() => null))) {
      problems.push({ file: from.discussion, message: `discussion "${id}" is not in the archive` });
      continue;
    }
    if (await stat(to.discussion).catch(() => null)) {
      problems.push({ file: from.discussion, message: `the library holds a discussion "${id}" again; the archived one stays in ${path.dirname(from.discussion)}` });
      continue;
    }
    await makeFolders(to);
    await moveIfPresent(from.runRecord, to.runRecord);
    await rename(from.discussion, to.discussion);
    restored.push(id);
  }
  return { restored, problems };
}
