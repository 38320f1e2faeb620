/**
 * The Models page's commands and events: local files, downloads, hardware and fit, load and
 * unload, and OpenAI-compatible server profiles. Spread into `commands` / `events` in contract.ts.
 */
import { z } from "zod";
import { catalogEntrySchema, downloadProgressSchema, modelEntrySchema } from "./domain/model-info.js";
import { modelRefSchema } from "./domain/model-ref.js";
import { apiKeyEnvSchema, serverProfileSchema } from "./domain/server-profile.js";

const modelPath = z.string().min(1).max(4096);
const profileId = serverProfileSchema.shape.id;

export const hardwareSchema = z.object({
  backend: z.enum(["cuda", "metal", "vulkan", "cpu"]),
  deviceNames: z.array(z.string()),
  /** null when llama.cpp runs on the CPU only. */
  vram: z.object({ total: z.number().nonnegative(), free: z.number().nonnegative() }).nullable(),
  ram: z.object({ total: z.number().nonnegative(), free: z.number().nonnegative() }),
  cpuCores: z.number().int().positive(),
});
export type HardwareInfo = z.infer<typeof hardwareSchema>;

/** "auto" lets llama.cpp choose how many layers go to the GPU; a number overrides it. */
export const gpuLayersSchema = z.union([z.literal("auto"), z.number().int().nonnegative().max(10_000)]);
export type GpuLayers = z.infer<typeof gpuLayersSchema>;

export const fitEstimateSchema = z.object({
  fits: z.boolean(),
  /** What "auto" chose, or the number asked for. */
  gpuLayers: z.number().int().nonnegative(),
  totalLayers: z.number().int().nonnegative(),
  ram: z.object({ needed: z.number().nonnegative(), free: z.number().nonnegative() }),
  vram: z.object({ needed: z.number().nonnegative(), free: z.number().nonnegative() }).nullable(),
  explanation: z.string(),
  /** The context shape the estimate is for: by default what the engine will use. */
  contextSize: z.number().int().positive(),
  sequences: z.number().int().positive(),
  /** The context the model was trained for; a larger `contextSize` degrades replies past it. */
  trainedContextSize: z.number().int().positive().nullable(),
  /** `contextSize` is more than `trainedContextSize`. */
  beyondTraining: z.boolean(),
});
export type FitEstimateInfo = z.infer<typeof fitEstimateSchema>;

export const loadedModelSchema = z.object({
  /** The model file (absolute) for local models; null for remote ones. */
  path: z.string().nullable(),
  displayName: z.string(),
  backend: z.enum(["llama", "openai"]),
  /** Layers llama.cpp put on the GPU (what "auto" decided); null for remote models. */
  gpuLayers: z.number().int().nonnegative().nullable(),
});
export type LoadedModel = z.infer<typeof loadedModelSchema>;

export const downloadStateSchema = z.enum(["starting", "downloading", "paused", "done", "cancelled", "failed"]);
export const downloadStatusSchema = z.object({
  downloadId: z.string(),
  uri: z.string(),
  /** Catalog name, or the URI when it came from elsewhere. */
  name: z.string(),
  state: downloadStateSchema,
  progress: downloadProgressSchema.nullable(),
  /** Why it failed (e.g. not enough disk space). */
  error: z.string().nullable(),
  /** The finished model file. */
  file: z.string().nullable(),
});
export type DownloadStatus = z.infer<typeof downloadStatusSchema>;

export { serverProfileSchema, type ServerProfile } from "./domain/server-profile.js";

/** A profile with the model reference (by the profile's name) an actor or an experiment condition uses. */
export const listedProfileSchema = serverProfileSchema.extend({
  ref: modelRefSchema,
  /** Whether the key is there: the variable is set in the engine's process or a key is stored for it (null: no key needed). */
  apiKeyPresent: z.boolean().nullable(),
  /** Whether the key comes from the app's encrypted store (desktop) rather than the environment. */
  apiKeyStored: z.boolean(),
});
export type ListedProfile = z.infer<typeof listedProfileSchema>;

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}
const nothing = z.strictObject({});

export const modelCommands = {
  /** Validates a GGUF file and remembers it in `<data>/models.json`; a non-GGUF is a bad-request. */
  "models.add": command(z.strictObject({ path: modelPath }), z.object({ model: modelEntrySchema })),
  /** Forgets an added path; the file itself is never deleted. */
  "models.remove": command(z.strictObject({ path: modelPath }), z.object({ removed: z.boolean() })),
  "models.hardware": command(nothing, hardwareSchema),
  /** Would this model plus `sequences` x `contextSize` tokens of context fit in free memory? */
  "models.fit": command(
    z.strictObject({
      path: modelPath,
      sequences: z.number().int().min(1).max(1024).default(1),
      /** Defaults to the context size the engine uses (the settings'). */
      contextSize: z.number().int().min(256).max(1 << 20).optional(),
      gpuLayers: gpuLayersSchema.default("auto"),
    }),
    fitEstimateSchema,
  ),
  /** Loads a model now (progress on the `progress` event, operation `load:<path>`); later runs share it. */
  "models.load": command(
    z.strictObject({ path: modelPath, sequences: z.number().int().min(1).max(1024).default(4), gpuLayers: gpuLayersSchema.default("auto") }),
    z.object({ loaded: z.array(loadedModelSchema) }),
  ),
  /** Frees a loaded model; conflict while a discussion uses it. */
  "models.unload": command(z.strictObject({ path: modelPath }), z.object({ unloaded: z.boolean(), loaded: z.array(loadedModelSchema) })),
  "models.loaded": command(nothing, z.object({ loaded: z.array(loadedModelSchema) })),

  "models.catalog": command(nothing, z.object({ models: z.array(catalogEntrySchema) })),
  /** Starts a download into the models folder; progress on `models.download` events. */
  "models.download": command(
    z.strictObject({ uri: z.string().regex(/^(hf:|https?:\/\/)/, "a model URI starts with hf:, http:// or https://").max(2000), name: z.string().max(200).optional() }),
    downloadStatusSchema,
  ),
  "models.downloadControl": command(
    z.strictObject({ downloadId: z.string().min(1).max(100), action: z.enum(["pause", "resume", "cancel"]) }),
    downloadStatusSchema,
  ),
  "models.downloads": command(nothing, z.object({ downloads: z.array(downloadStatusSchema) })),

  /** Saved OpenAI-compatible server profiles, each with the `{backend: "openai", profile}` ref actors pick. */
  "models.profiles": command(nothing, z.object({ profiles: z.array(listedProfileSchema), canStoreKeys: z.boolean() })),
  /** Names are unique (designs refer to profiles by name): another profile's name is a conflict. */
  "models.saveProfile": command(
    z.strictObject({ profile: serverProfileSchema.extend({ id: profileId.optional() }) }),
    z.object({ profile: listedProfileSchema }),
  ),
  "models.deleteProfile": command(z.strictObject({ id: profileId }), z.object({ deleted: z.boolean() })),
  /**
   * Desktop app only: stores the key for an API-key variable, encrypted with the OS keychain
   * (Electron safeStorage); it then stands in for that environment variable. Web mode refuses (conflict).
   */
  "models.setApiKey": command(z.strictObject({ name: apiKeyEnvSchema, key: z.string().min(1).max(4096) }), z.object({ stored: z.literal(true) })),
  "models.deleteApiKey": command(z.strictObject({ name: apiKeyEnvSchema }), z.object({ deleted: z.boolean() })),
} as const;

export const modelEvents = {
  /** A download's state and progress, a few times a second at most. */
  "models.download": downloadStatusSchema,
} as const;
