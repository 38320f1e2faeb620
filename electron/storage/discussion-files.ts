import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { DiscussionLog } from "../../shared/domain/discussion-log.js";
import type { FileProblem } from "../../shared/contract.js";
import { importDiscussionFile } from "./discussion-import.js";
import { readTextIfExists } from "./data-file.js";

/** Folders that sit beside discussions and never hold them (our records, annotation jobs). */
const NOT_DISCUSSION_FOLDERS = new Set(["annotations", "records", "specs"]);
/** Files of a run or a study that are not discussions. */
const NOT_DISCUSSION_FILES = /(\.run\.json|\.journal\.jsonl|^experiment\.json|^job\.json|^library-index(-text)?\.json)$/;

export interface FoundDiscussion {
  log: DiscussionLog;
  file: string;
}

/**
 * The SynDisco discussion files in the given files and folders (searched recursively; a study's
 * folder works as it is), each id once. Files that are not discussions are reported, not fatal.
 */
export async function findDiscussions(paths: readonly string[]): Promise<{ discussions: FoundDiscussion[]; problems: FileProblem[] }> {
  const discussions: FoundDiscussion[] = [];
  const problems: FileProblem[] = [];
  const seen = new Map<string, string>();
  const visit = async (file: string): Promise<void> => {
    const text = await readTextIfExists(file);
    if (text === null) return void problems.push({ file, message: "does not exist" });
    const result = importDiscussionFile(text, path.basename(file));
    if (!result.ok) return void problems.push({ file, message: result.error.message });
    const earlier = seen.get(result.value.id);
    if (earlier !== undefined) return void problems.push({ file, message: `discussion ${result.value.id} is also in ${earlier}; that one is used` });
    seen.set(result.value.id, file);
    discussions.push({ log: result.value, file });
  };
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) problems.push({ file: given, message: "does not exist" });
    else if (info.isDirectory()) for (const file of await discussionFilesIn(given)) await visit(file);
    else await visit(given);
  }
  return { discussions, problems };
}

async function discussionFilesIn(directory: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(directory, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && !NOT_DISCUSSION_FOLDERS.has(entry.name)) files.push(...(await discussionFilesIn(full)));
    else if (entry.isFile() && entry.name.endsWith(".json") && !NOT_DISCUSSION_FILES.test(entry.name)) files.push(full);
  }
  return files;
}
