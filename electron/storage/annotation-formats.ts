import { z } from "zod";
import type { DiscussionLog } from "../../shared/domain/discussion-log.js";
import { pyJsonDumps } from "../../shared/pyjson.js";
import { describeZodError, importFailure, parseJsonText, type ImportResult } from "./import-result.js";

/**
 * SynDisco's annotation files (SYNDISCO-FORMAT.md section 7). The legacy one (2.0.x) pairs each
 * rated comment's text with the annotator's raw answer; the newer one (2.1+) has the shape of a
 * 2.1+ discussion file, one entry per rated comment with its author as `name` and the answer as
 * `text`. Both are written with json.dump(indent=4), byte for byte.
 */

export interface LegacyAnnotationContent {
  discussionId: string;
  timestamp: string;
  model: string;
  systemPrompt: string;
  historyWindow: number;
  /** [comment text, raw answer] per rated comment, in discussion order. */
  pairs: readonly (readonly [string, string])[];
}

export function serializeLegacyAnnotation(content: LegacyAnnotationContent): string {
  return pyJsonDumps(
    {
      conv_id: content.discussionId,
      timestamp: content.timestamp,
      annotator_model: content.model,
      annotator_prompt: content.systemPrompt,
      ctx_length: content.historyWindow,
      logs: content.pairs.map(([comment, answer]) => [comment, answer]),
    },
    { indent: 4 },
  );
}

export interface V2AnnotationContent {
  timestamp: string;
  model: string;
  systemPrompt: string;
  /** [comment author, raw answer] per rated comment, in discussion order. */
  entries: readonly (readonly [string, string])[];
}

export function serializeV2Annotation(content: V2AnnotationContent): string {
  return pyJsonDumps(
    {
      timestamp: content.timestamp,
      logs: content.entries.map(([name, text]) => ({ name, text, model: content.model, prompt: content.systemPrompt })),
    },
    { indent: 4 },
  );
}

const legacyAnnotationFileSchema = z.object({
  conv_id: z.string().min(1, "conv_id is empty"),
  timestamp: z.string(),
  annotator_model: z.string(),
  annotator_prompt: z.string(),
  ctx_length: z.number().int(),
  logs: z.array(z.tuple([z.string(), z.string()], { error: "expected a [comment, annotation] pair" })),
});

const v2AnnotationFileSchema = z.object({
  timestamp: z.string(),
  logs: z.array(z.object({ name: z.string(), text: z.string(), model: z.string(), prompt: z.string() })).min(1, "the file rates no comment"),
});

/** A SynDisco annotation file as read: who rated, and each answer with what identifies its comment. */
export interface ImportedAnnotationFile {
  format: "legacy" | "v2";
  /** Legacy files name their discussion; 2.1+ files do not (the user says which). */
  discussionId: string | null;
  model: string;
  systemPrompt: string;
  historyWindow: number | null;
  /** Legacy: the comment's text; v2: its author. */
  entries: { comment: string; answer: string }[];
}

export function parseAnnotationFile(text: string, fileName: string): ImportResult<ImportedAnnotationFile> {
  const json = parseJsonText(text);
  if (!json.ok) return importFailure("invalid-json", fileName, json.message);
  const value = json.value;
  if (typeof value !== "object" || value === null || Array.isArray(value) || !("logs" in value)) {
    return importFailure("unknown-format", fileName, 'not a SynDisco annotation file: expected an object with "logs"');
  }
  if ("conv_id" in value || "annotator_prompt" in value) {
    const parsed = legacyAnnotationFileSchema.safeParse(value);
    if (!parsed.success) return importFailure("invalid-shape", fileName, `not a SynDisco annotation file: ${describeZodError(parsed.error)}`);
    const file = parsed.data;
    return {
      ok: true,
      warnings: [],
      value: { format: "legacy", discussionId: file.conv_id, model: file.annotator_model, systemPrompt: file.annotator_prompt, historyWindow: file.ctx_length, entries: file.logs.map(([comment, answer]) => ({ comment, answer })) },
    };
  }
  if ("users" in value || "user_prompts" in value) return importFailure("unknown-format", fileName, "this is a SynDisco discussion file, not an annotation file");
  const parsed = v2AnnotationFileSchema.safeParse(value);
  if (!parsed.success) return importFailure("invalid-shape", fileName, `not a SynDisco 2.1+ annotation file: ${describeZodError(parsed.error)}`);
  const logs = parsed.data.logs;
  const first = logs[0] as (typeof logs)[number];
  return {
    ok: true,
    warnings: logs.some((entry) => entry.model !== first.model || entry.prompt !== first.prompt) ? ["the entries name different models or prompts; the first is kept"] : [],
    value: { format: "v2", discussionId: null, model: first.model, systemPrompt: first.prompt, historyWindow: null, entries: logs.map((entry) => ({ comment: entry.name, answer: entry.text })) },
  };
}

/**
 * Which comment of the discussion each imported answer rates, matching in order: legacy entries
 * by the comment's text, 2.1+ entries by its author (moderator comments may have been skipped,
 * so a match may jump ahead, never back).
 */
export function alignAnnotationFile(file: ImportedAnnotationFile, log: Pick<DiscussionLog, "id" | "comments">): { ok: true; commentIndexes: number[] } | { ok: false; message: string } {
  const commentIndexes: number[] = [];
  let next = 0;
  for (const [position, entry] of file.entries.entries()) {
    let found = -1;
    for (let index = next; index < log.comments.length; index++) {
      const comment = log.comments[index];
      if (comment && (file.format === "legacy" ? comment.text === entry.comment : comment.name === entry.comment)) {
        found = index;
        break;
      }
    }
    if (found === -1) {
      const what = file.format === "legacy" ? `the comment "${clip(entry.comment)}"` : `a comment by "${entry.comment}"`;
      return { ok: false, message: `entry ${position + 1} rates ${what}, which discussion ${log.id} does not have (in this order)` };
    }
    commentIndexes.push(found);
    next = found + 1;
  }
  return { ok: true, commentIndexes };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 50 ? `${flat.slice(0, 47)}...` : flat;
}
