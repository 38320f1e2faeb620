import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { parseJsonText, describeZodError } from "./import-result.js";
import { writeFileAtomic } from "./atomic-write.js";

/** A data file exists but cannot be read. It is reported and left as it is: it may be the user's only copy. */
export class CorruptFileError extends Error {
  override readonly name = "CorruptFileError";
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} is unreadable (${reason}); fix or move it away, it will not be overwritten`);
  }
}

export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
}

/** Reads and validates a JSON data file; null when it does not exist. */
export async function readDataFile<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | null> {
  const text = await readTextIfExists(file);
  if (text === null) return null;
  const json = parseJsonText(text);
  if (!json.ok) throw new CorruptFileError(file, json.message);
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) throw new CorruptFileError(file, describeZodError(parsed.error));
  return parsed.data;
}

export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const io = error as NodeJS.ErrnoException;
    if (io.code === "ENOENT") return null;
    // Reading a folder fails with EISDIR and no path: name the file, so the message can.
    io.path ??= file;
    throw io;
  }
}

export async function writeDataFile(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

export { WriteQueue, writeQueueFor } from "../../shared/write-queue.js";
