import { open, rename, mkdir } from "node:fs/promises";
import path from "node:path";

/** Writes to a temporary file beside the target, flushes it, then renames it into place. */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await (typeof content === "string" ? handle.writeFile(content, "utf8") : handle.writeFile(content));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
}
