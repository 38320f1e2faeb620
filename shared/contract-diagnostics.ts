/** Errors the engine logged (to `<data>/logs/studio.log`) instead of dropping them, for the app to show. */
import { z } from "zod";

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const loggedErrorSchema = z.object({ at: z.string(), source: z.string(), message: z.string() });
export type LoggedError = z.infer<typeof loggedErrorSchema>;

/** What the app's window reports of its own failures: a view that crashed, an error nothing caught. */
export const rendererErrorSchema = z.strictObject({
  /** Where: "view Library", "window", "promise". */
  where: z.string().min(1).max(200),
  message: z.string().max(2000),
  /** The error's stack and, for a view, the components it was in. */
  stack: z.string().max(20_000).optional(),
});
export type RendererError = z.infer<typeof rendererErrorSchema>;

export const diagnosticsCommands = {
  /** Writes an error of the app's own window to the log (`source` "renderer"), beside the engine's. */
  "diagnostics.report": command(rendererErrorSchema, z.object({})),
  /** The most recent logged errors (oldest first) and the log file holding them all, with stacks. */
  "diagnostics.errors": command(z.strictObject({}), z.object({ logFile: z.string(), errors: z.array(loggedErrorSchema) })),
} as const;
