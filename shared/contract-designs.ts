/**
 * The Designer's commands beyond saving and loading: the example design shipped with the app,
 * and a preview of every speaker's prompt with its token count. Spread into `commands` in contract.ts.
 */
import { z } from "zod";
import { designFileSchema, discussionDesignSchema } from "./domain/design.js";

export const promptPreviewSchema = z.object({
  /** Tokens per sequence the engine will give each speaker (the settings' context size). */
  contextSize: z.number().int().positive(),
  models: z.array(
    z.object({
      name: z.string(),
      /** The context the model was trained for (GGUF `<arch>.context_length`); null when unknown (servers). */
      trainedContextSize: z.number().int().positive().nullable(),
      /** Why its tokenizer could not be read, if it could not. */
      problem: z.string().nullable(),
    }),
  ),
  speakers: z.array(
    z.object({
      name: z.string(),
      role: z.enum(["user", "moderator"]),
      model: z.string(),
      systemPrompt: z.string(),
      /** The user message of the first turn (the seed comments as history). */
      userMessage: z.string(),
      /** That first turn's prompt in tokens, through the model's chat template; null for servers. */
      firstTurnTokens: z.number().int().nonnegative().nullable(),
      /** The most one turn can take: a history window full of replies at the reply cap, plus this reply's cap. */
      mostTokens: z.number().int().nonnegative().nullable(),
    }),
  ),
});
export type PromptPreview = z.infer<typeof promptPreviewSchema>;

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const designCommands = {
  /** The example design shipped with the app (resources/designs); its model is left for the user to choose. */
  "designs.example": command(z.strictObject({}), z.object({ design: designFileSchema })),
  "designs.promptPreview": command(z.strictObject({ design: discussionDesignSchema }), promptPreviewSchema),
} as const;
