import { z } from "zod";

/** Which model an actor speaks with. */
export const modelRefSchema = z.discriminatedUnion("backend", [
  z.object({
    backend: z.literal("llama"),
    /** Path of a GGUF file (absolute, or relative to the models folder). */
    path: z.string().min(1),
    /** Name written in the log's `model` field; defaults to the file name without extension. */
    displayName: z.string().optional(),
  }),
  z.object({
    backend: z.literal("openai"),
    baseUrl: z.string().url(),
    modelName: z.string().min(1),
    /** Environment variable holding the API key (the key itself is never stored in a design). */
    apiKeyEnv: z.string().optional(),
    maxConcurrent: z.number().int().positive().default(4),
    displayName: z.string().optional(),
  }),
]);
export type ModelRef = z.infer<typeof modelRefSchema>;

export function modelDisplayName(ref: ModelRef): string {
  if (ref.displayName) return ref.displayName;
  if (ref.backend === "openai") return ref.modelName;
  const base = ref.path.split(/[\\/]/).pop() ?? ref.path;
  return base.replace(/\.gguf$/i, "");
}
