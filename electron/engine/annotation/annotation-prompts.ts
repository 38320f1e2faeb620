import type { DiscussionLog } from "../../../shared/domain/discussion-log.js";
import type { AnnotationScheme, Annotator } from "../../../shared/domain/annotation.js";
import type { Persona } from "../../../shared/domain/persona.js";
import type { ChatPrompt, ReplyJsonSchema } from "../../llm/types.js";
import { annotatorUserMessage, syndiscoSystemPrompt, type HistoryComment } from "../prompts.js";

/** SynDisco's `Persona()`: what an annotator without a persona puts in its prompt. */
export const NO_PERSONA: Persona = {
  username: "",
  age: -1,
  sex: "",
  sexual_orientation: "",
  demographic_group: "",
  current_employment: "",
  education_level: "",
  special_instructions: "",
  personality_characteristics: [],
};

/** SynDisco's annotator system prompt: type "2", the scheme's context and instructions. */
export function annotatorSystemPrompt(annotator: Pick<Annotator, "persona" | "scheme">): string {
  return syndiscoSystemPrompt({ persona: annotator.persona ?? NO_PERSONA, context: annotator.scheme.context, instructions: annotator.scheme.instructions }, "2");
}

/** One comment to rate and the user message the annotator gets for it. */
export interface AnnotationItem {
  /** Index in the discussion's `logs`. */
  commentIndex: number;
  user: string;
}

/**
 * Whether a comment is the moderator's: by the file's moderator name; files that do not name
 * one (SynDisco 2.1+) fall back to SynDisco's own test, "moderator" in the username.
 */
export function isModeratorComment(log: Pick<DiscussionLog, "moderator">, name: string): boolean {
  return log.moderator !== null ? name === log.moderator : name.includes("moderator");
}

/**
 * The comments an annotator rates, in order, each with its user message: SynDisco 2.0.x's
 * Annotation job. The history is the last `historyWindow` comments ending with the one rated;
 * without moderator comments, those are neither rated nor in the history.
 */
export function annotationItems(log: Pick<DiscussionLog, "comments" | "moderator">, historyWindow: number, includeModeratorComments: boolean): AnnotationItem[] {
  const history: HistoryComment[] = [];
  const items: AnnotationItem[] = [];
  log.comments.forEach((comment, commentIndex) => {
    if (!includeModeratorComments && isModeratorComment(log, comment.name)) return;
    history.push(comment);
    items.push({ commentIndex, user: annotatorUserMessage(history, historyWindow) });
  });
  return items;
}

export function annotationPrompt(system: string, item: AnnotationItem): ChatPrompt {
  return { system, user: item.user };
}

/** The JSON an annotator must answer with: one key per dimension (what the grammar enforces). */
export function schemeReplySchema(scheme: Pick<AnnotationScheme, "dimensions">): ReplyJsonSchema {
  const properties: Record<string, ReplyJsonSchema> = {};
  for (const dimension of scheme.dimensions) {
    switch (dimension.kind) {
      case "scale":
        properties[dimension.name] = { enum: Array.from({ length: dimension.max - dimension.min + 1 }, (_, i) => dimension.min + i) };
        break;
      case "category":
        properties[dimension.name] = { enum: dimension.categories };
        break;
      case "number":
        properties[dimension.name] = { type: "number" };
        break;
      case "text":
        properties[dimension.name] = { type: "string", maxLength: dimension.maxLength };
        break;
    }
  }
  return { type: "object", properties };
}
