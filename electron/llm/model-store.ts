import path from "node:path";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { z } from "zod";
import type { ModelEntry, ModelInfo } from "../../shared/domain/model-info.js";
import { writeQueueFor } from "../../shared/write-queue.js";
import { readModelInfo } from "./model-info.js";

/** `<data>/models.json`: the model files the user added from elsewhere on disk. */
export const modelListFileSchema = z.object({
  version: z.literal(1),
  paths: z.array(z.string().min(1)),
});
export type ModelListFile = z.infer<typeof modelListFileSchema>;

/** models.json exists but cannot be used; it is left as is so nothing the user had is lost. */
export class ModelStoreError extends Error {
  override readonly name = "ModelStoreError";
}

export interface ModelListing {
  models: ModelEntry[];
  /** Problems that did not stop the listing, e.g. a corrupt models.json (one line each). */
  warnings: string[];
}

/**
 * Ends that mark files which are not (whole) models: node-llama-cpp's downloader (ipull) writes
 * `<name>.gguf.ipull` until the download ends and then renames it, so `*.gguf` is always complete.
 * Parts 2..n of a split model are loaded through part 1, so only part 1 is listed.
 */
const LATER_SPLIT_PART = /-(\d{5})-of-\d{5}\.gguf$/i;

function isListedModelFile(name: string): boolean {
  if (name.startsWith(".") || !name.toLowerCase().endsWith(".gguf")) return false;
  const part = LATER_SPLIT_PART.exec(name);
  return !part || Number(part[1]) === 1;
}

/** The models folder (`<data>/models`) plus user-added paths; the app's and CLI's single view of local models. */
export class ModelStore {
  readonly modelsDirectory: string;
  readonly listFile: string;

  /** `modelsDirectory` overrides `<data>/models` (the settings may name another folder). */
  constructor(
    readonly dataDirectory: string,
    options: { modelsDirectory?: string } = {},
  ) {
    this.modelsDirectory = path.resolve(options.modelsDirectory ?? path.join(dataDirectory, "models"));
    this.listFile = path.join(dataDirectory, "models.json");
  }

  async list(): Promise<ModelListing> {
    const warnings: string[] = [];
    const added = await this.readList().catch((error: unknown) => {
      warnings.push(error instanceof Error ? error.message : String(error));
      return [];
    });
    const folder = await this.folderFiles();
    const seen = new Set(folder);
    const models: ModelEntry[] = [];
    for (const file of folder) models.push(await describe(file, "folder"));
    for (const file of added) {
      if (seen.has(file)) continue;
      seen.add(file);
      models.push(await describe(file, "added"));
    }
    return { models, warnings };
  }

  /** Validates the file first, so the list never holds something that is not a readable GGUF. */
  async add(modelPath: string): Promise<ModelInfo> {
    const info = await readModelInfo(modelPath);
    await writeQueueFor(path.resolve(this.listFile)).run(async () => {
      const paths = await this.readList();
      if (!paths.includes(info.path) && path.dirname(info.path) !== this.modelsDirectory) await this.writeList([...paths, info.path]);
    });
    return info;
  }

  /** Forgets a user-added path (the file itself is never deleted). Returns whether it was listed. */
  async remove(modelPath: string): Promise<boolean> {
    const target = path.resolve(modelPath);
    return writeQueueFor(path.resolve(this.listFile)).run(async () => {
      const paths = await this.readList();
      if (!paths.includes(target)) return false;
      await this.writeList(paths.filter((p) => p !== target));
      return true;
    });
  }

  private async folderFiles(): Promise<string[]> {
    const names = await readdir(this.modelsDirectory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    return names
      .filter((entry) => entry.isFile() && isListedModelFile(entry.name))
      .map((entry) => path.join(this.modelsDirectory, entry.name))
      .sort();
  }

  private async readList(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.listFile, "utf8");
    } catch (error) {
      const io = error as NodeJS.ErrnoException;
      if (io.code === "ENOENT") return [];
      // Reading a folder fails with EISDIR and no path: name the file, so the message can.
      io.path ??= this.listFile;
      throw io;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ModelStoreError(`${this.listFile} is not valid JSON; fix or delete it (it was left unchanged)`);
    }
    const parsed = modelListFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      throw new ModelStoreError(`${this.listFile} is not a model list${where}: ${issue?.message ?? "invalid"} (it was left unchanged)`);
    }
    return parsed.data.paths.map((p) => path.resolve(p));
  }

  /**
   * Temp file + rename, so a crash mid-write never leaves a half-written list; called inside the
   * list file's write queue. (Not storage's writeFileAtomic: llm sits below storage.)
   */
  private async writeList(paths: string[]): Promise<void> {
    const content: ModelListFile = { version: 1, paths };
    await mkdir(this.dataDirectory, { recursive: true });
    const temp = `${this.listFile}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(content, null, 2)}\n`);
      await rename(temp, this.listFile);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
}

async function describe(file: string, source: ModelEntry["source"]): Promise<ModelEntry> {
  const fileName = path.basename(file);
  try {
    return { path: file, fileName, source, info: await readModelInfo(file), error: null };
  } catch (error) {
    return { path: file, fileName, source, info: null, error: error instanceof Error ? error.message : String(error) };
  }
}
