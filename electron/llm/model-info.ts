import path from "node:path";
import { stat } from "node:fs/promises";
import { GgufFileType, GgufInsights, readGgufFileInfo, type GgufFileInfo } from "node-llama-cpp";
import { modelInfoSchema, type ModelInfo } from "../../shared/domain/model-info.js";
import { assertGgufFile, ModelFileError } from "./gguf-file.js";

/** Large arrays nobody shows; skipping them keeps reading a 150k-token vocabulary cheap. */
const IGNORED_KEYS = ["tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"];

/**
 * Reads a GGUF file's header (never its weights) and describes the model. Every way a file can
 * be unusable (missing, not GGUF, cut short) becomes a one-line ModelFileError, never a crash.
 */
export async function readModelInfo(modelPath: string): Promise<ModelInfo> {
  const file = path.resolve(modelPath);
  await assertGgufFile(file);
  const sizeBytes = (await stat(file)).size;
  let info: GgufFileInfo;
  try {
    info = await readGgufFileInfo(file, { sourceType: "filesystem", logWarnings: false, ignoreKeys: IGNORED_KEYS, spliceSplitFiles: false });
  } catch (error) {
    throw new ModelFileError(`cannot read the GGUF header of ${file}: ${oneLine(error)} (the file may be truncated or corrupt)`);
  }
  await assertComplete(file, info, sizeBytes);
  const general = info.metadata.general;
  const contextLength = Number(info.architectureMetadata.context_length ?? 0);
  const fileName = path.basename(file);
  return modelInfoSchema.parse({
    path: file,
    fileName,
    name: typeof general?.name === "string" && general.name.trim() !== "" ? general.name : fileName.replace(/\.gguf$/i, ""),
    architecture: String(general?.architecture ?? "unknown"),
    parameters: countParameters(info),
    quantization: quantizationLabel(general?.file_type),
    contextLength: contextLength > 0 ? contextLength : null,
    hasChatTemplate: typeof info.metadata.tokenizer?.chat_template === "string" && info.metadata.tokenizer.chat_template !== "",
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

function countParameters(info: GgufFileInfo): number {
  let total = 0n;
  for (const tensor of info.fullTensorInfo ?? info.tensorInfo ?? []) {
    let count = 1n;
    for (const dim of tensor.dimensions) count *= BigInt(dim);
    total += count;
  }
  return Number(total);
}

/**
 * A download cut short keeps a valid header, so the header alone cannot tell. The tensor data
 * must fit after the header: GgufInsights.modelSize is at most the data section's size.
 */
async function assertComplete(file: string, info: GgufFileInfo, sizeBytes: number): Promise<void> {
  if (info.infoEndOffset === undefined || (info.tensorInfo?.length ?? 0) === 0) return;
  let needed: number;
  try {
    needed = info.infoEndOffset + (await GgufInsights.from(info)).modelSize;
  } catch (error) {
    throw new ModelFileError(`cannot size the tensors of ${file}: ${oneLine(error)}`);
  }
  if (sizeBytes < needed) {
    throw new ModelFileError(
      `the GGUF file is truncated: ${file} has ${sizeBytes} bytes but its tensors need at least ${needed} (an interrupted download?)`,
    );
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
