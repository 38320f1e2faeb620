import type { DiscussionLog } from "../../shared/domain/discussion-log.js";
import { commentRole } from "./comment-role.js";

export const CSV_COLUMNS = ["index", "name", "role", "model", "text"] as const;

/** RFC 4180: quote a field holding a quote, comma, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One row per comment (index from 0, in discussion order), CRLF line ends as RFC 4180
 * asks, ending with a line break. Texts are written as they are: no formula escaping,
 * because researchers load these files into analysis code, not only spreadsheets.
 */
export function discussionToCsv(log: DiscussionLog): string {
  const rows = [CSV_COLUMNS.join(",")];
  log.comments.forEach((comment, index) => {
    const fields = [String(index), comment.name, commentRole(log, comment), comment.model, comment.text];
    rows.push(fields.map(csvField).join(","));
  });
  return rows.join("\r\n") + "\r\n";
}
