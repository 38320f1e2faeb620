import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { idSchema } from "../../shared/contract.js";

/**
 * Where runs keep their files inside an output folder (the app's data folder, `cli run --out`,
 * a study folder): SynDisco discussion files in `discussions/` and nothing else there, so
 * SynDisco's own loader can be pointed at it; our run records and journals in `records/` beside
 * it. The folder is flat, also in a study (discussion ids are unique in a study; experiment.json
 * and manifest.csv say each one's cell): SynDisco 2.0.7's loader opens everything `rglob("*")`
 * yields, subfolders included, and fails on a folder, while 2.0.8 reads every `*.json` below it.
 */
export const DISCUSSIONS_FOLDER = "discussions";
export const RECORDS_FOLDER = "records";

export interface RunPaths {
  discussion: string;
  runRecord: string;
  journal: string;
}

/** Ids become file names: anything that could leave its folder is refused. */
function safeId(value: string): string {
  if (!idSchema.safeParse(value).success) throw new Error(`discussion id "${value}" is not a valid id (letters, digits, "_", "-", "."; at most 128)`);
  return value;
}

export function runPaths(root: string, discussionId: string): RunPaths {
  const id = safeId(discussionId);
  return {
    discussion: path.join(root, DISCUSSIONS_FOLDER, `${id}.json`),
    runRecord: path.join(root, RECORDS_FOLDER, `${id}.run.json`),
    journal: path.join(root, RECORDS_FOLDER, `${id}.journal.jsonl`),
  };
}

/** The output folder a run's file lies in: the parent of its `records/` or `discussions/`, else null. */
export function runRootOf(file: string): string | null {
  const folder = path.dirname(path.resolve(file));
  const name = path.basename(folder);
  return name === RECORDS_FOLDER || name === DISCUSSIONS_FOLDER ? path.dirname(folder) : null;
}

/** A temporary file of writeFileAtomic: `<target>.<pid>.<ms>.tmp`. */
const TEMPORARY = /\.(\d+)\.\d+\.tmp$/;
/** Older than this, a temporary file is no write in progress, whoever made it. */
const STALE_MS = 10 * 60_000;

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files a killed process left below `folder` (every write is temp +
 * rename, so a kill can orphan one; SynDisco 2.0.7's loader would try to read it). A recent one
 * whose writer still runs, or whose writer is unknown, is kept: it may be a write in progress.
 */
export async function removeStaleTemporaryFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".tmp")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const pid = TEMPORARY.exec(entry.name)?.[1];
    const modified = (await stat(file).catch(() => null))?.mtimeMs;
    if (modified === undefined) continue;
    const recent = Date.now() - modified < STALE_MS;
    if (recent && (pid === undefined || isProcessAlive(Number(pid)))) continue;
    await rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}
