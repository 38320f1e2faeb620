import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { experimentSpecSchema, type ExperimentSpec } from "../../shared/domain/index.js";
import { idSchema, type FileProblem } from "../../shared/contract.js";
import { CorruptFileError, readDataFile } from "./data-file.js";
import { runPaths, runRootOf, type RunPaths } from "./run-layout.js";

/** What analysis needs of experiment.json; the spec is read on its own so an older spec cannot hide the grid. */
const experimentFileSchema = z.object({
  kind: z.literal("syndisco-studio.experiment"),
  spec: z.unknown(),
  cells: z.array(z.object({ id: z.string(), conditions: z.record(z.string(), z.string()) })),
  discussions: z.array(z.object({ discussionId: z.string(), cell: z.string(), repetition: z.number().int(), participants: z.array(z.string()).default([]) })),
});

export type StudyDiscussionStatus = "pending" | "running" | "completed" | "stopped" | "failed" | "recovered" | "imported" | "unreadable";

export interface StudyDiscussionFiles {
  discussionId: string;
  cell: string | null;
  repetition: number | null;
  /** The participants the plan sampled (empty outside a study). */
  participants: string[];
  /** The study's grid conditions for this discussion's cell (factor name -> level). */
  factors: Record<string, string>;
  discussionFile: string;
  recordFile: string;
  journalFile: string;
}

export interface StudyFolder {
  folder: string;
  name: string;
  /** "study": an experiment folder with its grid; "folder": any folder of SynDisco discussion files. */
  kind: "study" | "folder";
  spec: ExperimentSpec | null;
  /** Grid factors in the spec's order (moderator, turnManager, model, topic, userInstructions, ...). */
  factorNames: string[];
  cells: { id: string; conditions: Record<string, string> }[];
  discussions: StudyDiscussionFiles[];
  problems: FileProblem[];
}

/**
 * A study folder as `experiment run` writes it (experiment.json with its grid, each cell's
 * discussions in their own folder), or any folder of discussion files, read recursively.
 */
export async function readStudyFolder(folder: string): Promise<StudyFolder> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new StudyFolderError(`${folder} is not a folder`);
  const experimentFile = path.join(folder, "experiment.json");
  let experiment: z.infer<typeof experimentFileSchema> | null;
  try {
    experiment = await readDataFile(experimentFile, experimentFileSchema);
  } catch (error) {
    if (error instanceof CorruptFileError) throw new StudyFolderError(error.message);
    throw error;
  }
  if (experiment === null) return plainFolder(folder);

  const spec = experimentSpecSchema.safeParse(experiment.spec);
  const cells = experiment.cells.map(({ id, conditions }) => ({ id, conditions }));
  const conditionsOf = new Map(cells.map((cell) => [cell.id, cell.conditions]));
  const discussions = await Promise.all(experiment.discussions.map(async ({ discussionId, cell, repetition, participants }) => {
    const paths = await studyRunPaths(folder, discussionId, cell);
    return { discussionId, cell, repetition, participants, factors: conditionsOf.get(cell) ?? {}, discussionFile: paths.discussion, recordFile: paths.runRecord, journalFile: paths.journal };
  }));
  const problems: FileProblem[] = spec.success ? [] : [{ file: experimentFile, message: "its spec is not one this version reads; the grid and files are analysed without it" }];
  const specName = spec.success ? spec.data.name : null;
  return {
    folder,
    name: specName ?? path.basename(folder),
    kind: "study",
    spec: spec.success ? spec.data : null,
    factorNames: Object.keys(cells[0]?.conditions ?? {}),
    cells,
    discussions,
    problems,
  };
}

async function plainFolder(folder: string): Promise<StudyFolder> {
  const files = await discussionFilesUnder(folder);
  return {
    folder,
    name: path.basename(path.resolve(folder)),
    kind: "folder",
    spec: null,
    factorNames: [],
    cells: [],
    discussions: files.map((file) => {
      const id = path.basename(file, ".json");
      const root = runRootOf(file);
      // A run's record is in records/ beside discussions/, or beside the file in an older layout.
      const paths = root !== null && idSchema.safeParse(id).success ? runPaths(root, id) : sideBySide(path.dirname(file), id);
      return { discussionId: path.basename(file, ".json"), cell: null, repetition: null, participants: [], factors: {}, discussionFile: file, recordFile: paths.runRecord, journalFile: paths.journal };
    }),
    problems: [],
  };
}

/**
 * Where a study's discussion lies: `<study>/discussions/<id>.json` (run-layout.ts), or in its
 * cell's folder for a study an older version wrote and nothing has migrated yet.
 */
async function studyRunPaths(folder: string, discussionId: string, cell: string): Promise<RunPaths> {
  const paths = runPaths(folder, discussionId);
  const older = sideBySide(path.join(folder, cell), discussionId);
  const [current, previous] = await Promise.all([paths.discussion, older.discussion].map((file) => stat(file).then(() => true, () => false)));
  return !current && previous ? older : paths;
}

/** An older layout's run files: the discussion, its record and journal side by side. */
function sideBySide(folder: string, discussionId: string): RunPaths {
  return { discussion: path.join(folder, `${discussionId}.json`), runRecord: path.join(folder, `${discussionId}.run.json`), journal: path.join(folder, `${discussionId}.journal.jsonl`) };
}

/** Every `*.json` below the folder except our own run records, caches, specs and annotation folders. */
async function discussionFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json") && !entry.name.endsWith(".run.json") && !NOT_DISCUSSIONS.has(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(folder, file).split(path.sep).some((segment) => NOT_DISCUSSION_FOLDERS.has(segment)))
    .sort();
}

const NOT_DISCUSSIONS = new Set(["experiment.json", "measures-cache.json", "library-index.json", "library-index-text.json"]);
/** Annotation jobs and run records live beside discussions, never among them. */
const NOT_DISCUSSION_FOLDERS = new Set(["annotations", "records"]);

export class StudyFolderError extends Error {
  override readonly name = "StudyFolderError";
}
