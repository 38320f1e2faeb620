import path from "node:path";
import { importDiscussionFile } from "../../storage/discussion-import.js";
import { readTextIfExists } from "../../storage/data-file.js";
import type { StudyMeasures } from "./study-measures.js";

/**
 * The comment texts of every measured discussion, read from the files again (the measures
 * cache keeps no text). A file changed since it was measured is reported, not mixed in.
 */
export async function studyTexts(study: StudyMeasures): Promise<{ texts: Map<string, string[]>; problems: { file: string; message: string }[] }> {
  const texts = new Map<string, string[]>();
  const problems: { file: string; message: string }[] = [];
  for (const discussion of study.discussions) {
    if (!discussion.measured) continue;
    const text = await readTextIfExists(discussion.discussionFile);
    const result = text === null ? null : importDiscussionFile(text, path.basename(discussion.discussionFile));
    if (!result?.ok || result.value.comments.length !== discussion.measured.comments.length) {
      problems.push({ file: discussion.discussionFile, message: "changed or removed while the dataset was written; its texts are left empty, analyse again" });
      continue;
    }
    texts.set(discussion.discussionId, result.value.comments.map((comment) => comment.text));
  }
  return { texts, problems };
}
