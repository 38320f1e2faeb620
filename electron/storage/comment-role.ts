import type { DiscussionLog, LoggedComment } from "../../shared/domain/discussion-log.js";

export type LoggedRole = "seed" | "user" | "moderator";

/** SynDisco marks seed comments with model "hardcoded" and the moderator's by name only. */
export function commentRole(log: Pick<DiscussionLog, "moderator">, comment: LoggedComment): LoggedRole {
  if (comment.model === "hardcoded") return "seed";
  if (log.moderator !== null && comment.name === log.moderator) return "moderator";
  return "user";
}
