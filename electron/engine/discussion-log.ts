import type { DiscussionDesign, DiscussionLog } from "../../shared/domain/index.js";
import { syndiscoTimestamp } from "../../shared/domain/discussion-log.js";
import { promptStyle } from "./prompt-styles.js";
import { turnOrder } from "../../shared/domain/design-helpers.js";

/**
 * The log SynDisco would have written for this design and these logged comments, with the
 * prompts of the design's prompt style. A style that writes 2.1+ files records each comment's
 * prompt (a seed's is the style's seed prompt), as those files do.
 */
export function buildDiscussionLog(
  id: string,
  design: DiscussionDesign,
  comments: readonly { name: string; text: string; model: string }[],
  timestamp: string = syndiscoTimestamp(),
): DiscussionLog {
  const style = promptStyle(design.promptStyle);
  const users = turnOrder(design);
  const promptOf = new Map(users.map((actor) => [actor.persona.username, style.systemPrompt(actor)]));
  if (design.moderator) promptOf.set(design.moderator.persona.username, style.systemPrompt(design.moderator));
  const withPrompt = (comment: { name: string; text: string; model: string }) =>
    style.fileFormat === "v2" ? { prompt: comment.model === "hardcoded" ? style.seedPrompt : (promptOf.get(comment.name) ?? "") } : {};
  return {
    id,
    timestamp,
    users: users.map((actor) => actor.persona.username),
    moderator: design.moderator?.persona.username ?? null,
    userPrompts: users.map((actor) => style.systemPrompt(actor)),
    moderatorPrompt: design.moderator ? style.systemPrompt(design.moderator) : null,
    historyWindow: design.historyWindow,
    comments: comments.map(({ name, text, model }) => ({ name, text, model, ...withPrompt({ name, text, model }) })),
    sourceFormat: style.fileFormat,
  };
}
