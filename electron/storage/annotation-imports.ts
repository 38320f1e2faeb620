import { writeFileAtomic } from "./atomic-write.js";
import { writeDataFile } from "./data-file.js";
import { annotationRecordPath, syndiscoAnnotationPath } from "./annotation-job-files.js";
import type { AnnotatorInfo, CommentAnnotation, DiscussionAnnotations } from "../../shared/domain/index.js";

/**
 * Writes annotations made elsewhere (a SynDisco annotation file, a CSV of a classifier's scores)
 * as a job folder of their own: one record per discussion with one annotator, so they sit in
 * tables and agreement beside the LLM annotators. A SynDisco file is kept as it was given.
 */
export async function writeImportedAnnotations(
  directory: string,
  jobId: string,
  annotator: AnnotatorInfo,
  byDiscussion: ReadonlyMap<string, readonly CommentAnnotation[]>,
  original?: { discussionId: string; content: string },
): Promise<void> {
  for (const [discussionId, annotations] of byDiscussion) {
    const record: DiscussionAnnotations = { kind: "syndisco-studio.annotations", version: 1, discussionId, jobId, annotators: [annotator], annotations: [...annotations] };
    await writeDataFile(annotationRecordPath(directory, discussionId), record);
  }
  if (original) await writeFileAtomic(syndiscoAnnotationPath(directory, annotator.name, original.discussionId), original.content);
}
