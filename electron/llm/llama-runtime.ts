import os from "node:os";
import { getLlama, LlamaLogLevel, type Llama } from "node-llama-cpp";

export type GpuPreference = "auto" | false;

let shared: { preference: GpuPreference; llama: Promise<Llama> } | null = null;

/**
 * One Llama per process: it owns the native backend and its GPU. The GPU is chosen
 * automatically (CUDA / Metal / Vulkan, else CPU) from the prebuilt binaries npm installed;
 * nothing is ever compiled or downloaded at run time.
 */
export function sharedLlama(preference: GpuPreference = "auto"): Promise<Llama> {
  if (shared && shared.preference === preference) return shared.llama;
  if (shared) throw new Error(`llama.cpp is already running with gpu=${String(shared.preference)}`);
  const llama = getLlama({
    gpu: preference,
    build: "never",
    logLevel: LlamaLogLevel.error,
    // The stories/test models log harmless vocabulary warnings; only errors matter to a user.
    logger: (level, message) => {
      if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) process.stderr.write(`llama.cpp: ${message}\n`);
    },
  });
  shared = { preference, llama };
  return llama;
}

/**
 * On machines with two cores or fewer, one thread is much faster than more (measured on
 * a 2-core box: ~1,200 vs ~70 tokens/s), because llama.cpp's threads spin against each other.
 */
export function defaultThreadCount(): number {
  const cores = os.availableParallelism();
  return cores <= 2 ? 1 : Math.min(cores - 1, 8);
}

export function gpuLabel(llama: Llama): string {
  return llama.gpu === false ? "cpu" : llama.gpu;
}
