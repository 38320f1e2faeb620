import os from "node:os";
import { GgufInsights, InsufficientMemoryError, readGgufFileInfo, type Llama } from "node-llama-cpp";
import { assertGgufFile, ModelFileError } from "./gguf-file.js";
import { sharedLlama } from "./llama-runtime.js";
import { formatBytes } from "../../shared/format.js";

export interface Hardware {
  backend: "cuda" | "metal" | "vulkan" | "cpu";
  deviceNames: string[];
  /** null when llama.cpp runs on the CPU only. */
  vram: { total: number; free: number } | null;
  ram: { total: number; free: number };
  cpuCores: number;
}

export interface FitOptions {
  /** Passed to llama.cpp as createContext does (LlamaChatModel's contextSize and sequences). */
  contextSize: number;
  sequences: number;
  gpuLayers?: "auto" | number;
  /** As the engine creates its contexts (LlamaChatModel: off on the CPU, llama.cpp's choice on a GPU). */
  flashAttention?: boolean;
  /** Replaces the measured free memory, to ask "would it fit on a machine with ...". */
  free?: { ram?: number; vram?: number };
}

export interface FitEstimate {
  fits: boolean;
  /** Layers offloaded to the GPU: what "auto" would choose, or the number asked for. */
  gpuLayers: number;
  totalLayers: number;
  ram: { needed: number; free: number };
  vram: { needed: number; free: number } | null;
  /** The context the model was trained for (GGUF `<arch>.context_length`), when the file says. */
  trainedContextSize: number | null;
  explanation: string;
}

/** What llama.cpp will run on here; uses the process's one Llama so the GPU it reports is the one models get. */
export async function detectHardware(llama?: Llama): Promise<Hardware> {
  const runtime = llama ?? (await sharedLlama());
  const ram = await runtime.getRamState();
  const gpu = runtime.gpu;
  const vram = gpu === false ? null : await runtime.getVramState();
  return {
    backend: gpu === false ? "cpu" : gpu,
    deviceNames: gpu === false ? [] : await runtime.getGpuDeviceNames(),
    vram: vram ? { total: vram.total, free: vram.free } : null,
    ram: { total: ram.total, free: ram.free },
    cpuCores: os.availableParallelism(),
  };
}

/**
 * Estimates, with node-llama-cpp's own GgufInsights (the same arithmetic it uses to choose GPU
 * layers when loading), whether a model plus a context of this shape fits in free memory.
 */
export async function estimateFit(modelPath: string, options: FitOptions, llama?: Llama): Promise<FitEstimate> {
  await assertGgufFile(modelPath);
  const runtime = llama ?? (await sharedLlama());
  let insights: GgufInsights;
  try {
    insights = await GgufInsights.from(await readGgufFileInfo(modelPath, { sourceType: "filesystem", logWarnings: false }), runtime);
  } catch (error) {
    throw new ModelFileError(`cannot read the GGUF header of ${modelPath}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const hardware = await detectHardware(runtime);
  const ramFree = options.free?.ram ?? hardware.ram.free;
  const vramFree = hardware.vram ? (options.free?.vram ?? hardware.vram.free) : null;
  const requested = options.gpuLayers ?? "auto";
  let gpuLayers = 0;
  let useMmap = true;
  let autoFailed = false;
  try {
    const resolved = await insights.configurationResolver.resolveModelGpuLayersV2(requested, {
      // A fixed layer count is the user's choice: estimate it instead of refusing it.
      ignoreMemorySafetyChecks: requested !== "auto",
      ...(vramFree === null ? {} : { getVramState: async () => ({ total: hardware.vram?.total ?? 0, free: vramFree }) }),
    });
    gpuLayers = resolved.gpuLayers;
    useMmap = resolved.useMmap;
  } catch (error) {
    if (!(error instanceof InsufficientMemoryError)) throw error;
    autoFailed = true;
  }
  const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers, useMmap });
  const context = await insights.estimateContextResourceRequirementsV2({
    contextSize: options.contextSize,
    sequences: options.sequences,
    modelGpuLayers: gpuLayers,
    useMmap,
    ...(options.flashAttention === undefined ? {} : { flashAttention: options.flashAttention }),
  });
  const ramNeeded = model.cpuRam + context.cpuRam;
  const vramNeeded = model.gpuVram + context.gpuVram;
  const fits = !autoFailed && ramNeeded <= ramFree && (vramFree === null || vramNeeded <= vramFree);
  const estimate: Omit<FitEstimate, "explanation"> = {
    fits,
    gpuLayers,
    totalLayers: insights.totalLayers,
    ram: { needed: ramNeeded, free: ramFree },
    vram: vramFree === null ? null : { needed: vramNeeded, free: vramFree },
    trainedContextSize: insights.trainContextSize ?? null,
  };
  return { ...estimate, explanation: explain(estimate, options) };
}

function explain(e: Omit<FitEstimate, "explanation">, options: FitOptions): string {
  const shape = `${options.sequences} sequence${options.sequences === 1 ? "" : "s"} at ${options.contextSize} tokens`;
  const memory = `${formatBytes(e.ram.needed)} of RAM (${formatBytes(e.ram.free)} free)`;
  const onGpu = e.vram ? `, ${formatBytes(e.vram.needed)} of VRAM (${formatBytes(e.vram.free)} free)` : "";
  const layers = e.vram ? `${e.gpuLayers} of ${e.totalLayers} layers on the GPU` : "CPU only";
  const trained = e.trainedContextSize !== null && options.contextSize > e.trainedContextSize ? ` ${beyondTraining(options.contextSize, e.trainedContextSize)}` : "";
  if (e.fits) return `Fits: ${layers}, ${shape} needs about ${memory}${onGpu}.${trained}`;
  const hint = "use a smaller quantization, fewer sequences or a shorter context";
  return `Does not fit: ${layers}, ${shape} needs about ${memory}${onGpu}; ${hint}.${trained}`;
}

/** Said wherever a context larger than the model's training is in play. */
export function beyondTraining(contextSize: number, trained: number): string {
  return `But ${contextSize} tokens is more than the ${trained} this model was trained for: replies degrade past ${trained} tokens. Lower the context size in Settings.`;
}
