import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { DiscussionLog, RunRecord } from "../../shared/domain/index.js";
import { runRecordSchema } from "../../shared/domain/run-record.js";
import { idSchema, libraryEntrySchema, type ExportFormat, type FileContent, type FileProblem, type LibraryEntry } from "../../shared/contract.js";
import { importDiscussionFile } from "./discussion-import.js";
import { serializeLegacyDiscussion } from "./legacy-format.js";
import { serializeV2Discussion } from "./v2-format.js";
import { discussionToMarkdown } from "./export-markdown.js";
import { discussionToCsv } from "./export-csv.js";
import { DISCUSSIONS_FOLDER, runPaths } from "./run-layout.js";
import { ownSources, studySources, type LibrarySource } from "./library-sources.js";
import { archiveSources, restoreArchived } from "./library-archive.js";
import { LibrarySearchIndex } from "./library-search.js";
import { writeFileAtomic } from "./atomic-write.js";
import { CorruptFileError, NotFoundError, readDataFile, readTextIfExists, writeDataFile, WriteQueue } from "./data-file.js";

const indexSchema = z.object({
  // 2: entries name their design and study; an index of version 1 is rebuilt.
  version: z.literal(2),
  files: z.record(z.string(), z.object({ modifiedMs: z.number(), size: z.number(), entry: libraryEntrySchema })),
});
type LibraryIndex = z.infer<typeof indexSchema>;

/**
 * Every saved discussion: the SynDisco files in `<root>/discussions` (runs write `<id>.json`
 * there and their records in `<root>/records`; imports are copied there byte for byte) and, when
 * given the experiments folder, every discussion a study has written (in the study's own
 * discussions/; entries name the study and cell). A small index keyed by file, size and
 * modification time means a listing reads only files that changed, so thousands open at once.
 */
export class Library {
  private readonly writes = new WriteQueue();
  private readonly searchIndex: LibrarySearchIndex;

  /** The discussions folder: SynDisco files only. */
  readonly directory: string;

  constructor(
    private readonly root: string,
    private readonly indexFile: string,
    private readonly experimentsDirectory: string | null = null,
    /** Where archived discussions go, in the same layout: `<data>/archive/discussions`, `<data>/archive/records`. */
    readonly archiveRoot = path.join(root, "archive"),
  ) {
    this.directory = path.join(root, DISCUSSIONS_FOLDER);
    this.searchIndex = new LibrarySearchIndex(indexFile.replace(/\.json$/, "") + "-text.json");
  }

  async list(): Promise<{ entries: LibraryEntry[]; problems: FileProblem[] }> {
    const index = await this.readIndex();
    const next: LibraryIndex = { version: 2, files: {} };
    const entries: LibraryEntry[] = [];
    const problems: FileProblem[] = [];
    let changed = false;
    const sources = await this.sources();
    for (const source of sources) {
      const info = await stat(source.file).catch(() => null);
      if (!info) continue;
      const cached = index.files[source.key];
      if (cached && cached.modifiedMs === info.mtimeMs && cached.size === info.size) {
        next.files[source.key] = cached;
        entries.push(cached.entry);
        continue;
      }
      changed = true;
      try {
        const { entry, log } = await this.readEntry(source, info.mtime);
        next.files[source.key] = { modifiedMs: info.mtimeMs, size: info.size, entry };
        // Read for the listing, indexed for searching too.
        void this.searchIndex.put(source, log, info).catch(() => undefined);
        entries.push(entry);
      } catch (error) {
        problems.push({ file: source.file, message: error instanceof Error ? error.message : String(error) });
      }
    }
    if (changed || Object.keys(index.files).length !== Object.keys(next.files).length) await this.writes.run(() => writeDataFile(this.indexFile, next));
    // A search usually follows the listing: the text index catches up meanwhile (a search waits for it).
    this.searchIndex.update(sources).catch(() => undefined);
    entries.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    return { entries, problems };
  }

  async open(id: string): Promise<{ entry: LibraryEntry; log: DiscussionLog; record: RunRecord | null }> {
    const source = await this.locate(id);
    const info = source && (await stat(source.file).catch(() => null));
    if (!source || !info) throw new NotFoundError(`no discussion "${id}" in the library or any study`);
    return this.readEntry(source, info.mtime);
  }

  /** Resolves once the search index has caught up with what was asked and its cache is on disk (before the process ends). */
  settled(): Promise<void> {
    return this.searchIndex.settled();
  }

  /** Moves the library's own discussions (and their run records) to the archive folder; a study's are refused, named in `problems`. */
  async archive(ids: readonly string[]): Promise<{ archived: string[]; problems: FileProblem[] }> {
    const sources: LibrarySource[] = [];
    const problems: FileProblem[] = [];
    for (const id of ids) {
      const source = await this.locate(id);
      if (source) sources.push(source);
      else problems.push({ file: id, message: `no discussion "${id}" in the library` });
    }
    const result = await this.writes.run(() => archiveSources(sources, this.archiveRoot));
    return { archived: result.archived, problems: [...problems, ...result.problems] };
  }

  /** Undoes `archive`: the files move back into the library folder. */
  restore(ids: readonly string[]): Promise<{ restored: string[]; problems: FileProblem[] }> {
    return this.writes.run(() => restoreArchived(ids, this.archiveRoot, this.root));
  }

  /** The discussion file of an id the listing shows: the library's own first, then the studies'. */
  async fileOf(id: string): Promise<string> {
    const source = await this.locate(id);
    if (!source) throw new NotFoundError(`no discussion "${id}" in the library or any study`);
    return source.file;
  }

  private async locate(id: string): Promise<LibrarySource | null> {
    if (!idSchema.safeParse(id).success) return null;
    const own = path.join(this.directory, `${id}.json`);
    if (await stat(own).catch(() => null)) return { key: `${id}.json`, id, file: own, root: this.root, study: null };
    return (await this.studySources()).find((source) => source.id === id) ?? null;
  }

  /** Copies each readable discussion file into the library; an id already present is a problem, not an overwrite. */
  async importFiles(
    files: readonly FileContent[],
    onProgress?: (done: number) => void,
  ): Promise<{ imported: string[]; problems: FileProblem[]; alreadyPresent: { file: string; id: string }[] }> {
    const imported: string[] = [];
    const problems: FileProblem[] = [];
    const alreadyPresent: { file: string; id: string }[] = [];
    for (const [done, file] of files.entries()) {
      const result = importDiscussionFile(file.content, file.fileName);
      if (!result.ok) problems.push({ file: file.fileName, message: result.error.message });
      else if (!idSchema.safeParse(result.value.id).success) problems.push({ file: file.fileName, message: `its id "${result.value.id}" cannot name a file` });
      else {
        const target = path.join(this.directory, `${result.value.id}.json`);
        const added = await this.writes.run(async () => {
          if ((await readTextIfExists(target)) !== null) return false;
          await writeFileAtomic(target, file.content);
          return true;
        });
        if (added) {
          imported.push(result.value.id);
          const written = await stat(target).catch(() => null);
          if (written) await this.searchIndex.put({ key: `${result.value.id}.json`, id: result.value.id, file: target, root: this.root, study: null }, result.value, written);
        }
        else {
          problems.push({ file: file.fileName, message: `discussion "${result.value.id}" is already in the library` });
          alreadyPresent.push({ file: file.fileName, id: result.value.id });
        }
      }
      onProgress?.(done + 1);
    }
    return { imported, problems, alreadyPresent };
  }

  /**
   * Ids of the discussions whose comment text, participants or models contain `text`, from the
   * text index (files new or changed since are read first): the renderer never has to hold
   * thousands of discussions to filter them, and no search reads them all again.
   */
  async search(text: string): Promise<{ ids: string[] }> {
    const sources = await this.sources();
    await this.searchIndex.update(sources);
    return { ids: this.searchIndex.search(text, sources) };
  }

  async export(id: string, format: ExportFormat): Promise<FileContent> {
    const { log } = await this.open(id);
    switch (format) {
      case "legacy":
        return { fileName: `${id}.json`, content: serializeLegacyDiscussion(log) };
      case "v2":
        return { fileName: `${id}.v2.json`, content: serializeV2Discussion(log) };
      case "markdown":
        return { fileName: `${id}.md`, content: discussionToMarkdown(log) };
      case "csv":
        return { fileName: `${id}.csv`, content: discussionToCsv(log) };
    }
  }

  private async readEntry(source: LibrarySource, modified: Date): Promise<{ entry: LibraryEntry; log: DiscussionLog; record: RunRecord | null }> {
    const { file, id } = source;
    const fileName = path.basename(file);
    const text = await readTextIfExists(file);
    if (text === null) throw new NotFoundError(`${file} disappeared`);
    const result = importDiscussionFile(text, fileName);
    if (!result.ok) throw new CorruptFileError(file, result.error.message);
    const log = result.value;
    // A damaged run record must not hide the discussion itself, which is the file that matters.
    const record = await readDataFile(runPaths(source.root, id).runRecord, runRecordSchema).catch(() => null);
    const entry: LibraryEntry = {
      id,
      fileName,
      timestamp: log.timestamp,
      users: log.users,
      moderator: log.moderator,
      models: [...new Set(log.comments.map((comment) => comment.model).filter((model) => model !== "hardcoded"))],
      commentCount: log.comments.length,
      format: log.sourceFormat,
      status: record?.status ?? "imported",
      modifiedAt: modified.toISOString(),
      ...(record ? { designName: record.design.name } : {}),
      ...(source.study ? { study: source.study } : {}),
    };
    return { entry, log, record };
  }

  /** The library's own files, then the studies' (an id the library holds already is its own copy). */
  private async sources(): Promise<LibrarySource[]> {
    const own = await ownSources(this.root);
    const ids = new Set(own.map((source) => source.id));
    return [...own, ...(await this.studySources()).filter((source) => !ids.has(source.id))];
  }

  private async studySources(): Promise<LibrarySource[]> {
    return this.experimentsDirectory === null ? [] : studySources(this.experimentsDirectory);
  }

  /** The index is a cache of what the files say: when it is unreadable it is rebuilt, not reported. */
  private async readIndex(): Promise<LibraryIndex> {
    return (await readDataFile(this.indexFile, indexSchema).catch(() => null)) ?? { version: 2, files: {} };
  }
}
