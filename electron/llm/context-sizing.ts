import type { Llama, LlamaModel } from "node-llama-cpp";
import { formatBytes } from "../../shared/format.js";

/** Share of free memory a context may take; the rest stays for the app, the OS and other programs. */
export const MEMORY_HEADROOM = 0.8;

export interface ContextSizing {
  /** Sequences the context gets. */
  sequences: number;
  /** Sequences asked for (one per actor of every discussion meant to run at once). */
  wanted: number;
  /** Tokens llama.cpp evaluates in one step. */
  batchSize: number;
  /** Bytes of KV cache one token of one sequence takes (keys and values, every layer, f16). */
  kvBytesPerToken: number;
  /** Where the context lives: VRAM when the model's layers are on a GPU. */
  memory: "VRAM" | "RAM";
  free: number;
  reason: string;
}

/**
 * Tokens one decode step carries: a token of every sequence generating at once, and prompts in
 * chunks of this size. GPUs evaluate bigger chunks faster; on a CPU 512 is already compute-bound.
 */
export function batchSizeFor(sequences: number, onGpu: boolean): number {
  return Math.max(onGpu ? 2048 : 512, sequences);
}

/**
 * The most sequences, up to `wanted`, whose context costs at most `budget` bytes (never fewer
 * than one: if even one does not fit, llama.cpp says so when the context is made).
 */
export async function largestFitting(wanted: number, budget: number, cost: (sequences: number) => Promise<number>): Promise<number> {
  if (wanted <= 1 || (await cost(wanted)) <= budget) return Math.max(1, wanted);
  let fits = 1;
  let fails = wanted;
  while (fails - fits > 1) {
    const middle = Math.floor((fits + fails) / 2);
    if ((await cost(middle)) <= budget) fits = middle;
    else fails = middle;
  }
  return fits;
}

/** KV cache bytes per token of one sequence, from the architecture's metadata (f16 keys and values). */
export function kvBytesPerToken(architecture: {
  block_count?: number;
  embedding_length?: number;
  attention?: { head_count?: number | readonly number[]; head_count_kv?: number | readonly number[]; key_length?: number; value_length?: number };
}): number {
  const layers = architecture.block_count ?? 0;
  const first = (value: number | readonly number[] | undefined) => (Array.isArray(value) ? (value[0] as number | undefined) : (value as number | undefined));
  const heads = first(architecture.attention?.head_count) ?? 1;
  const headsKv = first(architecture.attention?.head_count_kv) ?? heads;
  const headDimension = (architecture.embedding_length ?? 0) / heads;
  const keyLength = architecture.attention?.key_length ?? headDimension;
  const valueLength = architecture.attention?.value_length ?? headDimension;
  return layers * headsKv * (keyLength + valueLength) * 2;
}

export interface FitOptions {
  wanted: number;
  contextSize: number;
  flashAttention?: boolean;
  /** Replaces the measured free memory (tests; "what if this machine had ..."). */
  free?: number;
}

/**
 * Sizes a context for a loaded model: as many of the wanted sequences as fit in the free memory
 * where the context lives (VRAM when layers are on the GPU, else RAM), by node-llama-cpp's own
 * estimate of what a context of that shape costs (KV cache and compute buffers), and the batch size.
 */
export async function fitContext(model: LlamaModel, llama: Llama, options: FitOptions): Promise<ContextSizing> {
  const onGpu = llama.gpu !== false && model.gpuLayers > 0;
  const free = options.free ?? (onGpu ? (await llama.getVramState()).free : (await llama.getRamState()).free);
  const budget = free * MEMORY_HEADROOM;
  const cost = async (sequences: number) => {
    const estimate = await model.fileInsights.estimateContextResourceRequirementsV2({
      contextSize: options.contextSize,
      sequences,
      modelGpuLayers: model.gpuLayers,
      batchSize: batchSizeFor(sequences, onGpu),
      flashAttention: options.flashAttention,
    });
    return onGpu ? estimate.gpuVram : estimate.cpuRam;
  };
  const sequences = await largestFitting(options.wanted, budget, cost);
  const memory = onGpu ? "VRAM" : "RAM";
  const kv = kvBytesPerToken(model.fileInfo.architectureMetadata as Parameters<typeof kvBytesPerToken>[0]);
  const shape = `${sequences} sequence${sequences === 1 ? "" : "s"} of ${options.contextSize} tokens (KV ${formatBytes(kv)} per token)`;
  const reason =
    sequences === options.wanted
      ? `${shape}, as wanted; ${formatBytes(await cost(sequences))} of ${formatBytes(free)} free ${memory}`
      : `${shape} of ${options.wanted} wanted: more would not fit in ${Math.round(MEMORY_HEADROOM * 100)} % of ${formatBytes(free)} free ${memory}; the rest wait for a free sequence`;
  return { sequences, wanted: options.wanted, batchSize: batchSizeFor(sequences, onGpu), kvBytesPerToken: kv, memory, free, reason };
}
