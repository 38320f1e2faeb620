import { z } from "zod";

/** A comment as the files store it. `prompt` exists only in the newer (2.1+) format. */
export const loggedCommentSchema = z.object({
  name: z.string(),
  text: z.string(),
  model: z.string(),
  prompt: z.string().optional(),
});
export type LoggedComment = z.infer<typeof loggedCommentSchema>;

/**
 * A discussion as the app holds it, whichever file it came from. Prompts are kept as the
 * exact strings the file had (JSON text for 2.0.x, plain text for 1.x) so exports are byte-exact.
 */
export const discussionLogSchema = z.object({
  id: z.string().min(1),
  timestamp: z.string(),
  users: z.array(z.string()),
  moderator: z.string().nullable(),
  userPrompts: z.array(z.string()),
  moderatorPrompt: z.string().nullable(),
  historyWindow: z.number().int(),
  comments: z.array(loggedCommentSchema),
  /** Which file format this log was read from (or will be written as by default). */
  sourceFormat: z.enum(["legacy", "v2"]),
});
export type DiscussionLog = z.infer<typeof discussionLogSchema>;

/** SynDisco's timestamp: local time, strftime "%y-%m-%d-%H-%M". */
export function syndiscoTimestamp(date: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return [date.getFullYear() % 100, date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()].map(two).join("-");
}
