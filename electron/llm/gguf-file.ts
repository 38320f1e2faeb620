import { readModelInfo } from "./model-info.js";
export { ModelFileError } from "./model-file-error.js";

/**
 * Checks a model path before llama.cpp or node-llama-cpp read it in this process, so the user gets
 * a sentence instead of a native crash: the same checks as the Models page's info (readModelInfo).
 */
export async function assertGgufFile(path: string): Promise<void> {
  await readModelInfo(path);
}
