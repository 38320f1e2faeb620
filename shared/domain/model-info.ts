import { z } from "zod";
import { modelDisplayName } from "./model-ref.js";

/** What the Models page and `models info` show about one GGUF file, read from its header only. */
export const modelInfoSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  /** Display name: general.name when the file has one, else the file name without extension. */
  name: z.string(),
  architecture: z.string(),
  /** Total parameter count, from the tensor shapes. */
  parameters: z.number().int().nonnegative(),
  /** Human label of general.file_type such as "Q4_K_M" or "F32"; "unknown" when absent. */
  quantization: z.string(),
  /** Context length the model was trained with; null when the file does not say. */
  contextLength: z.number().int().positive().nullable(),
  hasChatTemplate: z.boolean(),
  sizeBytes: z.number().int().nonnegative(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** A model listed by the store: its info, or why it could not be read (one line). */
export const modelEntrySchema = z.object({
  path: z.string(),
  fileName: z.string(),
  /** "folder" for files found in the models folder, "added" for paths the user added. */
  source: z.enum(["folder", "added"]),
  info: modelInfoSchema.nullable(),
  error: z.string().nullable(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

/** One entry of resources/model-catalog.json: a curated instruct model to download. */
export const catalogEntrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** node-llama-cpp model URI, e.g. "hf:owner/repo:Q4_K_M" or "hf:owner/repo/file.gguf". */
  uri: z.string().regex(/^(hf:|https?:\/\/)/, "a catalog URI starts with hf:, http:// or https://"),
  parameters: z.string().min(1),
  quantization: z.string().min(1),
  /** Approximate download size. */
  sizeBytes: z.number().int().positive(),
  contextLength: z.number().int().positive(),
  license: z.string().min(1),
  /** What the model suits, in one sentence. */
  suits: z.string().min(1),
  /** The one a first start offers: small enough for any laptop, good enough to hold a persona. */
  recommended: z.boolean().default(false),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

export const modelCatalogSchema = z.object({
  version: z.literal(1),
  models: z
    .array(catalogEntrySchema)
    .min(1)
    .refine((models) => models.filter((model) => model.recommended).length <= 1, "at most one model is recommended"),
});
export type ModelCatalog = z.infer<typeof modelCatalogSchema>;

/** Progress of one model download. */
export const downloadProgressSchema = z.object({
  downloadedBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  /** null while the speed is not known yet. */
  etaSeconds: z.number().nonnegative().nullable(),
});
export type DownloadProgress = z.infer<typeof downloadProgressSchema>;

/**
 * The one name a local model goes by everywhere (Models page, Designer, Experiments, logs): its
 * file name without ".gguf", as the log's `model` field records it. The name inside the GGUF
 * (`general.name`) is shown only as one of its facts.
 */
export function localModelName(entry: Pick<ModelEntry, "path">): string {
  return modelDisplayName({ backend: "llama", path: entry.path });
}
