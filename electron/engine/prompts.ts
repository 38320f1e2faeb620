import type { Persona } from "../../shared/domain/persona.js";
import { syndiscoPersonaObject } from "../../shared/domain/persona.js";
import { pyJsonDumps } from "../../shared/pyjson.js";
import { fill, isPyBlank } from "../../shared/textwrap.js";

/**
 * Prompt rendering of SynDisco 2.0.x (SYNDISCO-FORMAT.md section 4). Every string here
 * must be byte-identical to what SynDisco builds, so that the same model sees the same
 * tokens and exported `user_prompts` match SynDisco's files: hence Python's json.dumps
 * and textwrap.fill ports rather than JSON.stringify and our own wrapping.
 */

export interface PromptActor {
  persona: Persona;
  context: string;
  instructions: string;
}

/** "1": discussion participant (user or moderator); "2": annotator. */
export type SyndiscoActorType = "1" | "2";

export interface HistoryComment {
  name: string;
  text: string;
}

/** The system prompt: json.dumps of context, instructions, type and the nine persona fields. */
export function syndiscoSystemPrompt(actor: PromptActor, type: SyndiscoActorType): string {
  return pyJsonDumps({
    context: actor.context,
    instructions: actor.instructions,
    type,
    persona: syndiscoPersonaObject(actor.persona),
  });
}

/**
 * One comment as the other actors see it in their history. A blank comment (only a
 * moderator's can be logged blank) becomes "" but still takes its place in the window:
 * SynDisco 2.0.8's _format_chat_message does this, though the format doc omits it.
 */
export function formatHistoryEntry(comment: HistoryComment): string {
  if (isPyBlank(comment.text)) return "";
  return "User " + comment.name + " posted:\n" + fill(comment.text, 70);
}

/**
 * The window of history a speaker sees, as SynDisco's deque(maxlen=ctx_length) holds
 * it: the last `historyWindow` comments, none at all for a window of 0 (not Python's
 * `[-0:]`, which would be everything).
 */
export function historyText(
  history: readonly HistoryComment[],
  historyWindow: number,
  format: (comment: HistoryComment) => string = formatHistoryEntry,
): string {
  const count = Math.max(0, Math.floor(historyWindow));
  const window = count === 0 ? [] : history.slice(-count);
  return window.map(format).join("\n");
}

/**
 * The user message for a participant. SynDisco sends it as a JSON string, and with an
 * empty history the content starts with "\n": both are kept because the model saw that.
 */
export function participantUserMessage(
  history: readonly HistoryComment[],
  historyWindow: number,
  speaker: string,
): string {
  const content = historyText(history, historyWindow) + "\nUser " + speaker + " posted:";
  return pyJsonDumps({ role: "user", content });
}

/** The user message for an annotator, which sees the same window of history. */
export function annotatorUserMessage(history: readonly HistoryComment[], historyWindow: number): string {
  const content = "Conversation so far:\n" + historyText(history, historyWindow) + "\nOutput:";
  return pyJsonDumps({ role: "user", content });
}
