import { z } from "zod";
import type { DiscussionLog } from "../../shared/domain/discussion-log.js";
import { discussionLogSchema } from "../../shared/domain/discussion-log.js";
import { pyJsonDumps } from "../../shared/pyjson.js";
import { describeZodError, importFailure, type ImportResult } from "./import-result.js";

/**
 * SynDisco's legacy discussion file (1.x - 2.0.x; SYNDISCO-FORMAT.md section 2). Prompts
 * are strings in real files; one older printout has them as objects, which we turn into
 * the string SynDisco would have written (json.dumps) so that exports are uniform.
 */
const promptSchema = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: "expected a string (or a JSON object)",
});

export const legacyDiscussionFileSchema = z
  .object({
    id: z.string().min(1, "id is empty"),
    timestamp: z.string(),
    users: z.array(z.string()),
    moderator: z.string().nullable(),
    user_prompts: z.array(promptSchema),
    moderator_prompt: promptSchema.nullable(),
    ctx_length: z.number().int(),
    logs: z.array(z.object({ name: z.string(), text: z.string(), model: z.string() })),
  })
  .superRefine((file, ctx) => {
    if (file.user_prompts.length !== file.users.length) {
      ctx.addIssue({
        code: "custom",
        path: ["user_prompts"],
        message: `has ${file.user_prompts.length} entries but "users" has ${file.users.length}`,
      });
    }
  });
export type LegacyDiscussionFile = z.infer<typeof legacyDiscussionFileSchema>;

function promptText(prompt: string | Record<string, unknown>): string {
  return typeof prompt === "string" ? prompt : pyJsonDumps(prompt);
}

/** A parsed legacy file (the value of JSON.parse) as a DiscussionLog. */
export function parseLegacyDiscussion(value: unknown, fileName: string): ImportResult<DiscussionLog> {
  const parsed = legacyDiscussionFileSchema.safeParse(value);
  if (!parsed.success) {
    return importFailure("invalid-shape", fileName, `not a SynDisco discussion file: ${describeZodError(parsed.error)}`);
  }
  const file = parsed.data;
  const warnings: string[] = [];
  const prompts = [...file.user_prompts, ...(file.moderator_prompt === null ? [] : [file.moderator_prompt])];
  if (prompts.some((prompt) => typeof prompt !== "string")) {
    warnings.push("prompts are stored as objects; exports write them as JSON strings, as SynDisco does");
  }
  const log: DiscussionLog = {
    id: file.id,
    timestamp: file.timestamp,
    users: file.users,
    moderator: file.moderator,
    userPrompts: file.user_prompts.map(promptText),
    moderatorPrompt: file.moderator_prompt === null ? null : promptText(file.moderator_prompt),
    historyWindow: file.ctx_length,
    comments: file.logs,
    sourceFormat: "legacy",
  };
  warnings.push(...legacyExportProblems(log));
  return { ok: true, value: discussionLogSchema.parse(log), warnings };
}

/** The file SynDisco's json.dump(obj, f, indent=4) would write: same keys, order and bytes. */
export function serializeLegacyDiscussion(log: DiscussionLog): string {
  return pyJsonDumps(
    {
      id: log.id,
      timestamp: log.timestamp,
      users: log.users,
      moderator: log.moderator,
      user_prompts: log.userPrompts,
      moderator_prompt: log.moderatorPrompt,
      ctx_length: log.historyWindow,
      logs: log.comments.map(({ name, text, model }) => ({ name, text, model })),
    },
    { indent: 4 },
  );
}

/**
 * What would break SynDisco's pandas loader (postprocessing.import_discussions), which
 * does json.loads(p)["persona"] and ["instructions"] on every prompt. 1.x plain-text
 * prompts fail it; such files still import, but the user should know.
 */
export function legacyExportProblems(log: DiscussionLog): string[] {
  const problems: string[] = [];
  const check = (prompt: string, label: string): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(prompt);
    } catch {
      problems.push(`${label} is plain text (SynDisco 1.x), not JSON: SynDisco's loader cannot read it`);
      return;
    }
    const ok = typeof parsed === "object" && parsed !== null && "persona" in parsed && "instructions" in parsed;
    if (!ok) problems.push(`${label} lacks "persona" or "instructions": SynDisco's loader cannot read it`);
  };
  log.userPrompts.forEach((prompt, index) => check(prompt, `prompt of user "${log.users[index] ?? index}"`));
  if (log.moderatorPrompt !== null) check(log.moderatorPrompt, "moderator prompt");
  if (log.userPrompts.length !== log.users.length) {
    problems.push(`${log.userPrompts.length} user prompts for ${log.users.length} users`);
  }
  return problems;
}
