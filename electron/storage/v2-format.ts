import { createHash } from "node:crypto";
import { z } from "zod";
import type { DiscussionLog, LoggedComment } from "../../shared/domain/discussion-log.js";
import { discussionLogSchema } from "../../shared/domain/discussion-log.js";
import { pyJsonDumps } from "../../shared/pyjson.js";
import { describeZodError, importFailure, type ImportResult } from "./import-result.js";

/** SynDisco's history window default; v2 files do not record the one they used. */
export const SYNDISCO_DEFAULT_HISTORY_WINDOW = 5;

/** The newer discussion file (SynDisco 2.1 - 2.3; SYNDISCO-FORMAT.md section 3). */
export const v2DiscussionFileSchema = z.object({
  /** Only 2.1.0 wrote it (a SHA-256 of the logs). */
  id: z.string().optional(),
  timestamp: z.string(),
  logs: z.array(z.object({ name: z.string(), text: z.string(), model: z.string(), prompt: z.string() })),
});

export interface V2ImportOptions {
  /** Who moderated, if the user knows: v2 files cannot tell a moderator from a participant. */
  moderator?: string;
}

/**
 * A parsed v2 file as a DiscussionLog. Participants are the non-seed speakers in order of
 * first appearance (the turn order is not recorded); each one's prompt is the one logged
 * with their first comment. Every comment keeps its own `prompt`, so a v2 export is exact.
 */
export function parseV2Discussion(value: unknown, fileName: string, options: V2ImportOptions = {}): ImportResult<DiscussionLog> {
  const parsed = v2DiscussionFileSchema.safeParse(value);
  if (!parsed.success) {
    return importFailure("invalid-shape", fileName, `not a SynDisco 2.1+ discussion file: ${describeZodError(parsed.error)}`);
  }
  const file = parsed.data;
  const warnings: string[] = [
    `the history window is not recorded in SynDisco 2.1+ files; assumed ${SYNDISCO_DEFAULT_HISTORY_WINDOW} (SynDisco's default)`,
  ];
  const promptOf = new Map<string, string>();
  for (const comment of file.logs) {
    if (comment.model === "hardcoded") continue;
    const known = promptOf.get(comment.name);
    if (known === undefined) promptOf.set(comment.name, comment.prompt);
    else if (known !== comment.prompt) warnings.push(`"${comment.name}" has different prompts in different comments; the first is kept as theirs`);
  }
  const moderator = options.moderator !== undefined && promptOf.has(options.moderator) ? options.moderator : null;
  if (options.moderator !== undefined && moderator === null) warnings.push(`moderator "${options.moderator}" never speaks in this file`);
  const users = [...promptOf.keys()].filter((name) => name !== moderator);
  const log: DiscussionLog = {
    id: file.id ?? logsDigest(file.logs),
    timestamp: file.timestamp,
    users,
    moderator,
    userPrompts: users.map((name) => promptOf.get(name) ?? ""),
    moderatorPrompt: moderator === null ? null : (promptOf.get(moderator) ?? ""),
    historyWindow: SYNDISCO_DEFAULT_HISTORY_WINDOW,
    comments: file.logs,
    sourceFormat: "v2",
  };
  return { ok: true, value: discussionLogSchema.parse(log), warnings: [...new Set(warnings)] };
}

/** A stable id for files without one, so importing the same file twice gives the same id. */
function logsDigest(logs: readonly LoggedComment[]): string {
  return createHash("sha256").update(pyJsonDumps(logs), "utf8").digest("hex");
}

/**
 * The prompt a comment is written with: the one it was logged with, if any (v2 imports);
 * otherwise its speaker's system prompt; "" for seed comments, whose model is "hardcoded".
 */
export function commentPrompt(log: DiscussionLog, comment: LoggedComment): string {
  if (comment.prompt !== undefined) return comment.prompt;
  if (comment.model === "hardcoded") return "";
  if (log.moderator !== null && comment.name === log.moderator) return log.moderatorPrompt ?? "";
  const index = log.users.indexOf(comment.name);
  return index < 0 ? "" : (log.userPrompts[index] ?? "");
}

/** The file SynDisco 2.1+ would write with json.dump(indent=4). No id: only 2.1.0 had one. */
export function serializeV2Discussion(log: DiscussionLog): string {
  return pyJsonDumps(
    {
      timestamp: log.timestamp,
      logs: log.comments.map((comment) => ({
        name: comment.name,
        text: comment.text,
        model: comment.model,
        prompt: commentPrompt(log, comment),
      })),
    },
    { indent: 4 },
  );
}
