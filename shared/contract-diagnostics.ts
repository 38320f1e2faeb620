/** Errors the engine logged (to `<data>/logs/studio.log`) instead of dropping them, for the app to show. */
import { z } from "zod";

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const loggedErrorSchema = z.object({ at: z.string(), source: z.string(), message: z.string() });
export type LoggedError = z.infer<typeof loggedErrorSchema>;

export const diagnosticsCommands = {
  /** The most recent logged errors (oldest first) and the log file holding them all, with stacks. */
  "diagnostics.errors": command(z.strictObject({}), z.object({ logFile: z.string(), errors: z.array(loggedErrorSchema) })),
} as const;
