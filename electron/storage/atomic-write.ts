import { randomBytes } from "node:crypto";
import { open, rename, mkdir, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Writes to a temporary file beside the target, flushes it, then renames it into place. The
 * temporary name is unique per call, so two writes of one file at once never share it, and a
 * write that fails (a full disk) removes its temporary file: nothing half-written is left.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(temporary, "wx");
    try {
      await (typeof content === "string" ? handle.writeFile(content, "utf8") : handle.writeFile(content));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
