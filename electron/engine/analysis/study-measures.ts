import { access } from "node:fs/promises";
import path from "node:path";
import type { FileProblem } from "../../../shared/contract.js";
import { runRecordSchema, type RunRecord } from "../../../shared/domain/index.js";
import { importDiscussionFile } from "../../storage/discussion-import.js";
import { readDataFile, readTextIfExists } from "../../storage/data-file.js";
import { fileKey, MeasuresCache } from "../../storage/measures-cache.js";
import { noAnnotations, type AnnotationSource } from "../../storage/annotation-means.js";
import { readStudyFolder, type StudyDiscussionFiles, type StudyDiscussionStatus, type StudyFolder } from "../../storage/study-folder.js";
import { measureDiscussion } from "./measure-discussion.js";
import type { MeasuredDiscussion } from "../../../shared/analysis/measured-discussion.js";

export interface StudyDiscussion extends StudyDiscussionFiles {
  status: StudyDiscussionStatus;
  /** Null while the discussion is pending or running, or when its file is unreadable (see `problems`). */
  measured: MeasuredDiscussion | null;
}

export interface StudyMeasures {
  study: StudyFolder;
  annotationDimensions: string[];
  discussions: StudyDiscussion[];
  problems: FileProblem[];
  /** How many discussions were measured now and how many came from the cache. */
  measuredNow: number;
  fromCache: number;
}

export interface MeasureStudyOptions {
  annotations?: AnnotationSource;
  /** Read and write `<study>/measures-cache.json` (default true). */
  cache?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Measures every written discussion of a study folder. A discussion whose file cannot be read
 * is reported in `problems` (naming the file and what is wrong) and the rest are analysed.
 */
export async function measureStudy(folder: string, options: MeasureStudyOptions = {}): Promise<StudyMeasures> {
  const study = await readStudyFolder(folder);
  const annotations = options.annotations ?? noAnnotations;
  const dimensions = await annotations.dimensions(study.discussions.map((discussion) => discussion.discussionId));
  const cache = options.cache === false ? null : await MeasuresCache.open(folder);
  const problems = [...study.problems];
  const discussions: StudyDiscussion[] = [];
  let measuredNow = 0;
  let fromCache = 0;
  // Finding what changed is only file system queries: many at once. Measuring is CPU work: one at a time.
  const keys = await mapConcurrently(study.discussions, 32, (files) => inputKey(files, annotations, dimensions));
  for (const [done, files] of study.discussions.entries()) {
    const input = keys[done] as Awaited<ReturnType<typeof inputKey>>;
    if (input === null) {
      const running = await access(files.journalFile).then(() => true, () => false);
      discussions.push({ ...files, status: running ? "running" : "pending", measured: null });
      continue;
    }
    let measured = cache?.get(files.discussionId, input.key) ?? null;
    if (measured) fromCache++;
    else {
      try {
        measured = await measureFiles(files, { dimensions, means: input.means });
        cache?.set(files.discussionId, input.key, measured);
        measuredNow++;
      } catch (error) {
        problems.push({ file: files.discussionFile, message: error instanceof Error ? error.message : String(error) });
      }
    }
    discussions.push({ ...files, status: measured ? (measured.status as StudyDiscussionStatus) : "unreadable", measured });
    options.onProgress?.(done + 1, study.discussions.length);
  }
  if (cache) {
    cache.retain(new Set(discussions.flatMap((discussion) => (discussion.measured ? [discussion.discussionId] : []))));
    await cache.save();
  }
  return { study, annotationDimensions: dimensions, discussions, problems, measuredNow, fromCache };
}

/** The cache key of a written discussion (its files and the annotation dimensions), or null when it is not written yet. */
async function inputKey(files: StudyDiscussionFiles, annotations: AnnotationSource, dimensions: readonly string[]) {
  const discussionKey = await fileKey(files.discussionFile);
  if (discussionKey === "-") return null;
  const annotated = await annotations.forDiscussion(files.discussionId);
  const fileKeys = await Promise.all([files.recordFile, ...annotated.files].map(fileKey));
  return { key: [discussionKey, ...fileKeys, dimensions.join("\u0001")].join("|"), means: annotated.means };
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function measureFiles(files: StudyDiscussionFiles, annotations: Parameters<typeof measureDiscussion>[0]["annotations"]): Promise<MeasuredDiscussion> {
  const text = await readTextIfExists(files.discussionFile);
  if (text === null) throw new Error("the file disappeared while the study was read");
  const fileName = path.basename(files.discussionFile);
  const result = importDiscussionFile(text, fileName);
  // The problem is reported with the file's path: its name need not open the message too.
  if (!result.ok) throw new Error(result.error.message.replace(`${fileName}: `, ""));
  // A damaged run record costs only the token counts and exact turns; the discussion is still measured.
  const record: RunRecord | null = await readDataFile(files.recordFile, runRecordSchema).catch(() => null);
  return measureDiscussion({ log: result.value, record, annotations });
}
