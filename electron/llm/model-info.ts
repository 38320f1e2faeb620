import path from "node:path";
import { stat } from "node:fs/promises";
import { GgufFileType } from "node-llama-cpp";
import { modelInfoSchema, type ModelInfo } from "../../shared/domain/model-info.js";
import { checkGgufHeader } from "./gguf-header.js";
import { ggufReaderProcess, type GgufSummary } from "./gguf-reader-process.js";

/** What was read of files that passed, keyed by path, size and modification time: a changed file is read again. */
const validated = new Map<string, Promise<GgufSummary>>();

/**
 * Reads a GGUF file's header (never its weights) and describes the model. Every way a file can
 * be unusable (missing, not GGUF, damaged, cut short) becomes a one-line ModelFileError, never a
 * crash: our own bounds-checked walk goes first, then node-llama-cpp reads the header in a
 * child process (a native abort there ends only the child), and only a file that passed both
 * is ever read by node-llama-cpp or llama.cpp in this process.
 */
export async function readModelInfo(modelPath: string): Promise<ModelInfo> {
  const file = path.resolve(modelPath);
  const header = await checkGgufHeader(file);
  const { mtimeMs } = await stat(file);
  const key = `${file}\0${header.fileSize}\0${mtimeMs}`;
  let summary = validated.get(key);
  if (!summary) {
    summary = ggufReaderProcess().read(file);
    validated.set(key, summary);
    summary.catch(() => validated.delete(key));
  }
  return describe(file, header.fileSize, await summary);
}

function describe(file: string, sizeBytes: number, summary: GgufSummary): ModelInfo {
  const fileName = path.basename(file);
  return modelInfoSchema.parse({
    path: file,
    fileName,
    name: summary.name !== null && summary.name.trim() !== "" ? summary.name : fileName.replace(/\.gguf$/i, ""),
    architecture: summary.architecture ?? "unknown",
    parameters: Number(summary.parameters),
    quantization: quantizationLabel(summary.fileType ?? undefined),
    contextLength: summary.contextLength > 0 ? Math.floor(summary.contextLength) : null,
    hasChatTemplate: summary.hasChatTemplate,
    sizeBytes,
  });
}

/** "MOSTLY_Q4_K_M" -> "Q4_K_M", "ALL_F32" -> "F32", using node-llama-cpp's own enum of llama.cpp file types. */
export function quantizationLabel(fileType: number | undefined): string {
  if (fileType === undefined) return "unknown";
  const name: unknown = (GgufFileType as unknown as Record<number, unknown>)[fileType];
  if (typeof name !== "string") return `type ${fileType}`;
  return name.replace(/^(MOSTLY|ALL)_/, "");
}
