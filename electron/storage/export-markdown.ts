import type { DiscussionLog } from "../../shared/domain/discussion-log.js";
import { commentRole } from "./comment-role.js";

/**
 * Escapes what Markdown would read as markup in a name or a heading; comment texts go
 * into block quotes instead, so their own formatting (lists, emphasis) still renders.
 */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~-]/g, "\\$&").replace(/\r?\n/g, " ");
}

function blockQuote(text: string): string {
  if (text.trim() === "") return "> *(empty)*";
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
}

/** A readable transcript: metadata, then each comment under a numbered heading. */
export function discussionToMarkdown(log: DiscussionLog): string {
  const lines = [
    `# Discussion ${escapeMarkdownInline(log.id)}`,
    "",
    `- Timestamp: ${escapeMarkdownInline(log.timestamp)}`,
    `- Participants: ${log.users.length === 0 ? "none" : log.users.map(escapeMarkdownInline).join(", ")}`,
    `- Moderator: ${log.moderator === null ? "none" : escapeMarkdownInline(log.moderator)}`,
    `- History window: ${log.historyWindow} comments`,
    `- Comments: ${log.comments.length}`,
  ];
  log.comments.forEach((comment, index) => {
    const role = commentRole(log, comment);
    const detail = role === "seed" ? "seed" : `${role}, ${escapeMarkdownInline(comment.model)}`;
    lines.push("", `## ${index + 1}. ${escapeMarkdownInline(comment.name)} (${detail})`, "", blockQuote(comment.text));
  });
  return lines.join("\n") + "\n";
}
