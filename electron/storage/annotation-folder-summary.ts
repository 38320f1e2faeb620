import { readdir } from "node:fs/promises";
import { z } from "zod";
import { commentAnnotationSchema, discussionAnnotationsSchema } from "../../shared/domain/index.js";
import { annotationJobFileSchema, annotationJobPaths, journalEntrySchema, type AnnotationJobFile } from "./annotation-job-files.js";
import { readDataFile, readTextIfExists } from "./data-file.js";
import { readJsonLines } from "./journal.js";

/** What a job folder from an earlier session holds, counted from its files. */
export interface AnnotationFolderSummary {
  /** Null for a folder of imported scores (no job was run). */
  job: AnnotationJobFile | null;
  annotators: string[];
  discussions: number;
  /** Annotations made (the journal's for a stopped job, the records' for a finished one). */
  done: number;
  unparsed: number;
  /** What the job set out to make; equal to `done` when nothing says more. */
  total: number;
  /** Stopped before the end: it can be continued. */
  unfinished: boolean;
}


/** Counts a folder's annotations; null when it holds neither a job nor records (not an annotation folder). */
export async function summarizeAnnotationFolder(directory: string): Promise<AnnotationFolderSummary | null> {
  const paths = annotationJobPaths(directory);
  const job = await readDataFile(paths.job, annotationJobFileSchema);
  const annotators = new Set(job?.spec.annotators.map((annotator) => annotator.name) ?? []);
  const made = new Map<string, boolean>();
  const discussions = new Set<string>(job?.discussions.map((discussion) => discussion.id) ?? []);
  const count = (discussionId: string, annotation: z.infer<typeof commentAnnotationSchema>) => {
    made.set(`${discussionId}\u0000${annotation.annotator}\u0000${annotation.commentIndex}`, annotation.values !== null);
    annotators.add(annotation.annotator);
    discussions.add(discussionId);
  };
  const names = (await readdir(paths.records).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).sort();
  for (const name of names) {
    const record = await readDataFile(`${paths.records}/${name}`, discussionAnnotationsSchema);
    if (record) for (const annotation of record.annotations) count(record.discussionId, annotation);
  }
  const unfinished = (await readTextIfExists(paths.journal)) !== null && job !== null;
  if (unfinished) {
    for (const entry of await readJsonLines(paths.journal, journalEntrySchema)) if (entry.kind === "annotation") count(entry.discussionId, entry.annotation);
  }
  if (!job && names.length === 0) return null;
  const done = made.size;
  const unparsed = [...made.values()].filter((parsed) => !parsed).length;
  // A stopped job's total: every comment of its discussions by every annotator (fewer when moderator comments are left out).
  const planned = job ? job.discussions.reduce((sum, discussion) => sum + discussion.comments, 0) * job.spec.annotators.length : done;
  return { job, annotators: [...annotators], discussions: discussions.size, done, unparsed, total: unfinished ? Math.max(planned, done) : done, unfinished };
}
