import type { Annotator, AnnotatorInfo, CommentAnnotation, DiscussionLog } from "../../../shared/domain/index.js";
import { deriveSeed } from "../../../shared/random.js";
import type { GenerationResult, ReplyJsonSchema } from "../../llm/types.js";
import { annotationItems, annotatorSystemPrompt, schemeReplySchema, type AnnotationItem } from "./annotation-prompts.js";

/** An annotator ready to rate: its prompt and answer schema are the same for every comment. */
export interface PreparedAnnotator {
  annotator: Annotator;
  systemPrompt: string;
  replySchema: ReplyJsonSchema;
}

export function prepareAnnotator(annotator: Annotator): PreparedAnnotator {
  return { annotator, systemPrompt: annotatorSystemPrompt(annotator), replySchema: schemeReplySchema(annotator.scheme) };
}

/** One annotator over one discussion: the comments it rates, in order. */
export interface AnnotationTask {
  prepared: PreparedAnnotator;
  log: DiscussionLog;
  items: AnnotationItem[];
}

/**
 * Every annotator over every discussion, discussion by discussion, so that workers starting
 * together take different annotators and each then keeps to its own (see takeTask).
 */
export function planTasks(annotators: readonly PreparedAnnotator[], logs: readonly DiscussionLog[], includeModeratorComments: boolean): AnnotationTask[] {
  return logs.flatMap((log) =>
    annotators.map((prepared) => ({ prepared, log, items: annotationItems(log, prepared.annotator.scheme.historyWindow, includeModeratorComments) })),
  );
}

/**
 * The next task for a worker: one of the annotator it rated last, so its sequence keeps that
 * annotator's system prompt for the next prompts; otherwise the first waiting.
 */
export function takeTask(queue: AnnotationTask[], lastAnnotator: string | null): AnnotationTask | undefined {
  const same = lastAnnotator === null ? -1 : queue.findIndex((task) => task.prepared.annotator.name === lastAnnotator);
  return queue.splice(same === -1 ? 0 : same, 1)[0];
}

/** Each annotation's seed depends only on the annotator's seed, the discussion and the comment: any order replays. */
export function annotationSeed(annotator: Annotator, discussionId: string, commentIndex: number): number {
  return deriveSeed(annotator.sampling.seed, "annotation", discussionId, commentIndex);
}

/** What a generation becomes in the record: parsed values or why not, and the raw text either way. */
export function annotationFromResult(annotator: string, commentIndex: number, seed: number, result: GenerationResult): CommentAnnotation {
  const json = result.json;
  const values = json?.ok && isValueRecord(json.value) ? json.value : null;
  return {
    annotator,
    commentIndex,
    values,
    raw: result.text,
    error: values ? null : json && !json.ok ? json.error : "the answer is not a JSON object",
    seed: result.seed ?? seed,
    attempts: json?.attempts ?? 1,
    stats: {
      promptTokens: result.promptTokens,
      evaluatedPromptTokens: result.evaluatedPromptTokens,
      minimumPromptTokens: result.minimumPromptTokens,
      generatedTokens: result.generatedTokens,
      seconds: result.seconds,
      ...(result.promptSeconds === undefined ? {} : { promptSeconds: result.promptSeconds }),
      ...(result.generationSeconds === undefined ? {} : { generationSeconds: result.generationSeconds }),
      stopReason: result.stopReason,
    },
  };
}

function isValueRecord(value: unknown): value is Record<string, number | string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "number" || typeof item === "string");
}

export function annotatorInfo(prepared: PreparedAnnotator, modelName: string): AnnotatorInfo {
  const { annotator } = prepared;
  return {
    name: annotator.name,
    source: "llm",
    model: modelName,
    persona: annotator.persona?.username ?? null,
    dimensions: annotator.scheme.dimensions,
    systemPrompt: prepared.systemPrompt,
    historyWindow: annotator.scheme.historyWindow,
  };
}
