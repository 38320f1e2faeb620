import { z } from "zod";
import { profileNameSchema } from "./server-profile.js";

const localModelRefSchema = z.object({
  backend: z.literal("llama"),
  /** Path of a GGUF file (absolute, or relative to the models folder). */
  path: z.string().min(1),
  /** Name written in the log's `model` field; defaults to the file name without extension. */
  displayName: z.string().optional(),
});

/** A model behind an OpenAI-compatible server: the name of a server profile the user made, which holds the URL and the key. */
const serverModelRefSchema = z.strictObject({
  backend: z.literal("openai"),
  profile: profileNameSchema,
  /** Name written in the log's `model` field; defaults to the profile's name. */
  displayName: z.string().optional(),
});

/**
 * How designs named a server before profiles: a URL and a variable of their own. Still read so
 * such designs open, but never trusted: it runs only through a profile the user made for the
 * same URL and model, with that profile's key (see resolveServerRef).
 */
const inlineServerModelRefSchema = z.object({
  backend: z.literal("openai"),
  baseUrl: z.string().url(),
  modelName: z.string().min(1),
  apiKeyEnv: z.string().optional(),
  maxConcurrent: z.number().int().positive().default(4),
  displayName: z.string().optional(),
});

/** Which model an actor speaks with. */
export const modelRefSchema = z.union([localModelRefSchema, serverModelRefSchema, inlineServerModelRefSchema]);
export type ModelRef = z.infer<typeof modelRefSchema>;
export type LocalModelRef = z.infer<typeof localModelRefSchema>;
export type ServerModelRef = z.infer<typeof serverModelRefSchema>;
export type InlineServerModelRef = z.infer<typeof inlineServerModelRefSchema>;

export function isInlineServerRef(ref: ModelRef): ref is InlineServerModelRef {
  return ref.backend === "openai" && !("profile" in ref);
}

export function modelDisplayName(ref: ModelRef): string {
  if (ref.displayName) return ref.displayName;
  if (ref.backend === "openai") return "profile" in ref ? ref.profile : ref.modelName;
  const base = ref.path.split(/[\\/]/).pop() ?? ref.path;
  return base.replace(/\.gguf$/i, "");
}

/** A stable identity string: one loaded model, one select option, one condition per key. */
export function modelRefKey(ref: ModelRef): string {
  if (ref.backend === "llama") return `llama:${ref.path}`;
  return "profile" in ref ? `server:${ref.profile}` : `openai:${ref.baseUrl}#${ref.modelName}`;
}
