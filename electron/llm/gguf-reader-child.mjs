// @ts-check
/**
 * The GGUF reader's child process: node-llama-cpp reads one header at a time here, so that if it
 * ever aborts on a file (as it did on a string length between 2^31 and 2^32, issue 11) only this
 * process ends. Started by gguf-reader-process.ts, which validates every answer. Plain
 * JavaScript on purpose: it starts in a fraction of the time a TypeScript loader needs, and it
 * runs once per process that reads a new model file.
 */
import { readGgufFileInfo } from "node-llama-cpp";

/** Large arrays nobody shows; skipping them keeps reading a 150k-token vocabulary cheap. */
const IGNORED_KEYS = ["tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"];

/** @param {string} file */
async function summarize(file) {
  const info = await readGgufFileInfo(file, { sourceType: "filesystem", logWarnings: false, ignoreKeys: IGNORED_KEYS, spliceSplitFiles: false });
  const general = info.metadata.general;
  let parameters = 0n;
  for (const tensor of info.fullTensorInfo ?? info.tensorInfo ?? []) {
    let count = 1n;
    for (const size of tensor.dimensions) count *= BigInt(size);
    parameters += count;
  }
  const template = info.metadata.tokenizer?.chat_template;
  return {
    name: typeof general?.name === "string" ? general.name : null,
    architecture: general?.architecture === undefined ? null : String(general.architecture),
    fileType: typeof general?.file_type === "number" ? general.file_type : null,
    contextLength: Number(info.architectureMetadata.context_length ?? 0),
    hasChatTemplate: typeof template === "string" && template !== "",
    parameters: parameters.toString(),
  };
}

process.on("message", (/** @type {{ id?: unknown, file?: unknown }} */ message) => {
  const { id, file } = message ?? {};
  if (typeof id !== "number" || typeof file !== "string") return;
  summarize(file).then(
    (summary) => process.send?.({ id, ok: true, summary }),
    (error) => process.send?.({ id, ok: false, message: (error instanceof Error ? error.message : String(error)).split("\n")[0] }),
  );
});
process.on("disconnect", () => process.exit(0));
