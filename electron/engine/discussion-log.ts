import type { DiscussionDesign, DiscussionLog } from "../../shared/domain/index.js";
import { syndiscoSystemPrompt } from "./prompts.js";
import { turnOrder } from "./design-helpers.js";

/** SynDisco's timestamp: local time, strftime "%y-%m-%d-%H-%M". */
export function syndiscoTimestamp(date: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return [date.getFullYear() % 100, date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()].map(two).join("-");
}

/** The log SynDisco would have written for this design and these logged comments. */
export function buildDiscussionLog(
  id: string,
  design: DiscussionDesign,
  comments: readonly { name: string; text: string; model: string }[],
  timestamp: string = syndiscoTimestamp(),
): DiscussionLog {
  const users = turnOrder(design);
  return {
    id,
    timestamp,
    users: users.map((actor) => actor.persona.username),
    moderator: design.moderator?.persona.username ?? null,
    userPrompts: users.map((actor) => syndiscoSystemPrompt(actor, "1")),
    moderatorPrompt: design.moderator ? syndiscoSystemPrompt(design.moderator, "1") : null,
    historyWindow: design.historyWindow,
    comments: comments.map(({ name, text, model }) => ({ name, text, model })),
    sourceFormat: "legacy",
  };
}
