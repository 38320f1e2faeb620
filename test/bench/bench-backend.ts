import type { GpuPreference } from "../../electron/llm/llama-runtime.js";

export type DetectedBackend = false | "cuda" | "vulkan" | "metal";

export interface BenchBackend {
  /** What llama.cpp is asked for. */
  preference: GpuPreference;
  label: string;
}

/**
 * The bench runs on the CPU unless `--gpu` asks for a GPU, and then only on one: a GPU row that
 * quietly ran on the CPU would be a false record. `detected` is what node-llama-cpp found when
 * asked for "auto" (its prebuilt CUDA, Vulkan or Metal binary and a device for it, or false).
 */
export function benchBackend(wantGpu: boolean, detected: DetectedBackend): BenchBackend {
  if (!wantGpu) return { preference: false, label: "cpu" };
  if (detected === false) {
    throw new Error("--gpu: node-llama-cpp found no usable GPU (CUDA, Vulkan or Metal) on this machine; run without --gpu to measure the CPU");
  }
  return { preference: "auto", label: detected };
}
