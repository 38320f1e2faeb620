import { open, stat } from "node:fs/promises";

export class ModelFileError extends Error {
  override readonly name = "ModelFileError";
}

/** Checks a model path before llama.cpp sees it, so the user gets a sentence instead of a native crash. */
export async function assertGgufFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ModelFileError(`model file not found: ${path}`);
  if (!info.isFile()) throw new ModelFileError(`model path is not a file: ${path}`);
  const handle = await open(path, "r");
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await handle.read(magic, 0, 4, 0);
    if (bytesRead < 4 || magic.toString("latin1") !== "GGUF") {
      throw new ModelFileError(`not a GGUF model file (it does not start with "GGUF"): ${path}`);
    }
  } finally {
    await handle.close();
  }
}
