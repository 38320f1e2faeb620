import { createHash } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import {
  annotationJobIdSchema,
  annotationJobSpecSchema,
  commentAnnotationSchema,
  discussionAnnotationsSchema,
  type AnnotationJobSpec,
  type AnnotatorInfo,
  type CommentAnnotation,
  type DiscussionAnnotations,
  type DiscussionLog,
} from "../../shared/domain/index.js";
import { syndiscoTimestamp } from "../../shared/domain/discussion-log.js";
import { serializeLegacyAnnotation, serializeV2Annotation } from "./annotation-formats.js";
import { writeFileAtomic } from "./atomic-write.js";
import { readDataFile, readTextIfExists, writeDataFile, WriteQueue } from "./data-file.js";
import { JournalWriter, readJsonLines } from "./journal.js";

/**
 * A job folder: `job.json` (the spec and the discussions it rates, each with a digest of its
 * comments), `journal.jsonl` (every annotation the moment it exists, so a killed job resumes
 * with nothing lost), `records/<discussion id>.json` (our record, parsed values included) and
 * `syndisco/<annotator>/<discussion id>.json` (SynDisco's own annotation file, so its
 * `import_annotations` can be pointed at `syndisco/`). Never inside a `discussions/` folder.
 */
export function annotationJobPaths(directory: string) {
  return {
    job: path.join(directory, "job.json"),
    journal: path.join(directory, "journal.jsonl"),
    records: path.join(directory, "records"),
    syndisco: path.join(directory, "syndisco"),
  };
}

export function annotationRecordPath(directory: string, discussionId: string): string {
  return path.join(annotationJobPaths(directory).records, `${discussionId}.json`);
}

export function syndiscoAnnotationPath(directory: string, annotator: string, discussionId: string): string {
  return path.join(annotationJobPaths(directory).syndisco, annotator, `${discussionId}.json`);
}

export const jobDiscussionSchema = z.object({ id: z.string(), file: z.string(), digest: z.string(), comments: z.number().int().nonnegative() });
export type JobDiscussion = z.infer<typeof jobDiscussionSchema>;

export const annotationJobFileSchema = z.object({
  kind: z.literal("syndisco-studio.annotation-job"),
  version: z.literal(1),
  jobId: annotationJobIdSchema,
  createdAt: z.string(),
  spec: annotationJobSpecSchema,
  discussions: z.array(jobDiscussionSchema),
});
export type AnnotationJobFile = z.infer<typeof annotationJobFileSchema>;

export const journalEntrySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("annotation"), discussionId: z.string(), annotation: commentAnnotationSchema }),
  /** The annotator's outputs for the discussion are written: a resumed job skips it. */
  z.object({ kind: z.literal("written"), discussionId: z.string(), annotator: z.string() }),
]);
type JournalEntry = z.infer<typeof journalEntrySchema>;

/** What identifies a discussion's content: a resumed job refuses one whose comments changed. */
export function discussionDigest(log: Pick<DiscussionLog, "comments">): string {
  return createHash("sha256").update(JSON.stringify(log.comments.map((comment) => [comment.name, comment.text]))).digest("hex").slice(0, 32);
}

export function jobDiscussion(log: DiscussionLog, file: string): JobDiscussion {
  return { id: log.id, file, digest: discussionDigest(log), comments: log.comments.length };
}

const pairKey = (discussionId: string, annotator: string) => `${discussionId}\u0000${annotator}`;

export class AnnotationJobFiles {
  private readonly annotations = new Map<string, Map<number, CommentAnnotation>>();
  private readonly written = new Set<string>();
  private readonly writes = new WriteQueue();
  private journal: JournalWriter<JournalEntry> | null = null;
  /** The first journal write that failed (disk full): resuming would then redo those annotations. */
  journalError: Error | null = null;

  private constructor(readonly directory: string) {}

  /** Refuses a folder that holds another job (or the same job over changed discussions), before anything is loaded or written. */
  static async check(directory: string, job: Omit<AnnotationJobFile, "kind" | "version" | "createdAt">): Promise<AnnotationJobFile | null> {
    const existing = await readDataFile(annotationJobPaths(directory).job, annotationJobFileSchema);
    if (existing) assertSameJob(directory, existing, job);
    return existing;
  }

  /** Opens (or creates) the folder of a job; a folder that holds another job is refused. */
  static async open(directory: string, job: Omit<AnnotationJobFile, "kind" | "version" | "createdAt">): Promise<AnnotationJobFiles> {
    const paths = annotationJobPaths(directory);
    const existing = await AnnotationJobFiles.check(directory, job);
    if (!existing) {
      await mkdir(directory, { recursive: true });
      const file: AnnotationJobFile = { kind: "syndisco-studio.annotation-job", version: 1, createdAt: new Date().toISOString(), ...job };
      await writeDataFile(paths.job, file);
    }
    const files = new AnnotationJobFiles(directory);
    await removeTemporaryFiles(directory);
    if ((await readTextIfExists(paths.journal)) !== null) {
      for (const entry of await readJsonLines(paths.journal, journalEntrySchema)) files.remember(entry);
    }
    files.journal = await JournalWriter.create<JournalEntry>(paths.journal);
    return files;
  }

  /** Annotations already made for this annotator and discussion, by comment index. */
  done(discussionId: string, annotator: string): ReadonlyMap<number, CommentAnnotation> {
    return this.annotations.get(pairKey(discussionId, annotator)) ?? new Map();
  }

  isWritten(discussionId: string, annotator: string): boolean {
    return this.written.has(pairKey(discussionId, annotator));
  }

  async append(discussionId: string, annotation: CommentAnnotation): Promise<void> {
    const entry: JournalEntry = { kind: "annotation", discussionId, annotation };
    this.remember(entry);
    await this.appendEntry(entry);
  }

  /** Writes one annotator's finished discussion: merged into the record, and as a SynDisco file. */
  async writeOutputs(log: DiscussionLog, annotator: AnnotatorInfo, format: AnnotationJobSpec["syndiscoFormat"], jobId: string): Promise<void> {
    const annotations = [...this.done(log.id, annotator.name).values()].sort((a, b) => a.commentIndex - b.commentIndex);
    await this.writes.run(async () => {
      const file = annotationRecordPath(this.directory, log.id);
      // A damaged record is reported (the task fails), never overwritten.
      const previous = await readDataFile(file, discussionAnnotationsSchema);
      const record: DiscussionAnnotations = {
        kind: "syndisco-studio.annotations",
        version: 1,
        discussionId: log.id,
        jobId,
        annotators: [...(previous?.annotators.filter((other) => other.name !== annotator.name) ?? []), annotator],
        annotations: [...(previous?.annotations.filter((other) => other.annotator !== annotator.name) ?? []), ...annotations],
      };
      await writeDataFile(file, record);
    });
    await writeFileAtomic(syndiscoAnnotationPath(this.directory, annotator.name, log.id), syndiscoFile(log, annotator, annotations, format));
    const entry: JournalEntry = { kind: "written", discussionId: log.id, annotator: annotator.name };
    this.remember(entry);
    await this.appendEntry(entry);
  }

  async close(): Promise<void> {
    // The writer holds no file open between lines: forgetting it is all closing takes.
    this.journal = null;
  }

  /** A finished job keeps its records and SynDisco files; the journal has nothing more to add. */
  async removeJournal(): Promise<void> {
    await this.close();
    await rm(annotationJobPaths(this.directory).journal, { force: true });
  }

  private remember(entry: JournalEntry): void {
    const key = pairKey(entry.discussionId, entry.kind === "annotation" ? entry.annotation.annotator : entry.annotator);
    if (entry.kind === "written") {
      this.written.add(key);
      return;
    }
    let byIndex = this.annotations.get(key);
    if (!byIndex) this.annotations.set(key, (byIndex = new Map()));
    byIndex.set(entry.annotation.commentIndex, entry.annotation);
  }

  private async appendEntry(entry: JournalEntry): Promise<void> {
    try {
      await this.journal?.append(entry);
    } catch (error) {
      this.journalError ??= error instanceof Error ? error : new Error(String(error));
    }
  }
}

function assertSameJob(directory: string, existing: AnnotationJobFile, job: Omit<AnnotationJobFile, "kind" | "version" | "createdAt">): void {
  if (JSON.stringify(existing.spec) !== JSON.stringify(job.spec)) {
    throw new Error(`${directory} holds a different annotation job ("${existing.spec.name}"); choose another folder or name`);
  }
  const digests = new Map(existing.discussions.map((discussion) => [discussion.id, discussion.digest]));
  const changed = job.discussions.find((discussion) => digests.has(discussion.id) && digests.get(discussion.id) !== discussion.digest);
  if (changed) throw new Error(`discussion ${changed.id} changed since this job started rating it (${changed.file}); start a new job for it`);
}

function syndiscoFile(log: DiscussionLog, annotator: AnnotatorInfo, annotations: readonly CommentAnnotation[], format: AnnotationJobSpec["syndiscoFormat"]): string {
  const timestamp = syndiscoTimestamp();
  const systemPrompt = annotator.systemPrompt ?? "";
  if (format === "v2") {
    return serializeV2Annotation({ timestamp, model: annotator.model, systemPrompt, entries: annotations.map((a) => [log.comments[a.commentIndex]?.name ?? "", a.raw]) });
  }
  return serializeLegacyAnnotation({
    discussionId: log.id,
    timestamp,
    model: annotator.model,
    systemPrompt,
    historyWindow: annotator.historyWindow ?? 0,
    pairs: annotations.map((a) => [log.comments[a.commentIndex]?.text ?? "", a.raw]),
  });
}

/** Temporary files a kill left behind (writes are temp + rename). */
async function removeTemporaryFiles(directory: string): Promise<void> {
  const entries = await readdir(directory, { recursive: true }).catch(() => [] as string[]);
  await Promise.all(entries.filter((name) => name.endsWith(".tmp")).map((name) => rm(path.join(directory, name), { force: true })));
}
