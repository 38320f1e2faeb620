import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { FileProblem } from "../../shared/contract.js";
import {
  annotatorId,
  discussionAnnotationsSchema,
  type AnnotationTable,
  type AnnotatorInfo,
  type CommentAnnotation,
  type DiscussionAnnotations,
} from "../../shared/domain/index.js";
import { annotationJobPaths, annotationRecordPath } from "./annotation-job-files.js";
import { readDataFile } from "./data-file.js";

/** A job folder and its id: the folder relative to the data folder, with "/" (e.g. `annotations/toxicity`). */
export interface AnnotationJobFolder {
  jobId: string;
  directory: string;
}

export interface AnnotationAnswer {
  annotator: AnnotatorInfo & { id: string; jobId: string };
  annotation: CommentAnnotation;
}

/**
 * Reads every annotation in the data folder: the jobs in `<data>/annotations/` and in each
 * study's `annotations/` folder (runs, imports and external scores alike), through their
 * per-discussion records. Records are cached by modification time and size, so a table over
 * the whole library reads only what changed.
 */
export class AnnotationStore {
  private readonly cache = new Map<string, { modifiedMs: number; size: number; record: DiscussionAnnotations }>();

  constructor(private readonly root: string) {}

  get annotationsDirectory(): string {
    return path.join(this.root, "annotations");
  }

  /** The job folder for an id, refusing ids that leave the data folder. */
  folderOf(jobId: string): AnnotationJobFolder {
    const directory = path.resolve(this.root, ...jobId.split("/"));
    if (!directory.startsWith(this.root + path.sep)) throw new Error(`not an annotation job: ${jobId}`);
    return { jobId, directory };
  }

  jobIdOf(directory: string): string {
    return path.relative(this.root, directory).split(path.sep).join("/");
  }

  async jobFolders(): Promise<AnnotationJobFolder[]> {
    const parents = [this.annotationsDirectory, ...(await subfolders(path.join(this.root, "experiments"))).map((study) => path.join(study, "annotations"))];
    const folders: AnnotationJobFolder[] = [];
    for (const parent of parents) for (const directory of await subfolders(parent)) folders.push({ jobId: this.jobIdOf(directory), directory });
    return folders;
  }

  /** Every annotation of these discussions (all of them when `discussionIds` is null), with who made it. */
  async table(discussionIds: readonly string[] | null): Promise<{ table: AnnotationTable; problems: FileProblem[] }> {
    const table: AnnotationTable = { annotators: [], scores: [] };
    const problems: FileProblem[] = [];
    const seenAnnotators = new Set<string>();
    for (const record of await this.records(discussionIds, problems)) {
      for (const annotator of record.annotators) {
        const id = annotatorId(record.jobId, annotator.name);
        if (!seenAnnotators.has(id)) {
          seenAnnotators.add(id);
          table.annotators.push({ ...annotator, id, jobId: record.jobId });
        }
      }
      for (const annotation of record.annotations) {
        table.scores.push({ discussionId: record.discussionId, commentIndex: annotation.commentIndex, annotatorId: annotatorId(record.jobId, annotation.annotator), values: annotation.values });
      }
    }
    // Records list annotators in the order they finished: sort, so a table reads the same every time.
    table.annotators.sort((a, b) => a.id.localeCompare(b.id));
    return { table, problems };
  }

  /** The record files that hold annotations of a discussion (analysis keys its cache on them). */
  async recordFiles(discussionId: string): Promise<string[]> {
    const files: string[] = [];
    for (const folder of await this.jobFolders()) {
      const file = annotationRecordPath(folder.directory, discussionId);
      if (await stat(file).then(() => true, () => false)) files.push(file);
    }
    return files;
  }

  /** Every annotator's full answer about one comment (raw text, seed, token counts). */
  async answers(discussionId: string, commentIndex: number): Promise<AnnotationAnswer[]> {
    const answers: AnnotationAnswer[] = [];
    for (const record of await this.records([discussionId], [])) {
      for (const annotation of record.annotations) {
        if (annotation.commentIndex !== commentIndex) continue;
        const info = record.annotators.find((annotator) => annotator.name === annotation.annotator);
        if (info) answers.push({ annotator: { ...info, id: annotatorId(record.jobId, info.name), jobId: record.jobId }, annotation });
      }
    }
    return answers;
  }

  private async records(discussionIds: readonly string[] | null, problems: FileProblem[]): Promise<DiscussionAnnotations[]> {
    const records: DiscussionAnnotations[] = [];
    for (const folder of await this.jobFolders()) {
      const files = discussionIds
        ? discussionIds.map((id) => annotationRecordPath(folder.directory, id))
        : (await readdir(annotationJobPaths(folder.directory).records).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).map((name) => path.join(annotationJobPaths(folder.directory).records, name));
      for (const file of files) {
        try {
          const record = await this.read(file);
          // The folder names the job, whatever id it was run under (a CLI job copied in keeps its own).
          if (record) records.push({ ...record, jobId: folder.jobId });
        } catch (error) {
          problems.push({ file, message: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    return records;
  }

  private async read(file: string): Promise<DiscussionAnnotations | null> {
    const info = await stat(file).catch(() => null);
    if (!info) return null;
    const cached = this.cache.get(file);
    if (cached && cached.modifiedMs === info.mtimeMs && cached.size === info.size) return cached.record;
    const record = await readDataFile(file, discussionAnnotationsSchema);
    if (record) this.cache.set(file, { modifiedMs: info.mtimeMs, size: info.size, record });
    return record;
  }
}

async function subfolders(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(directory, entry.name)).sort();
}
