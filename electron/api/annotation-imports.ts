import { access } from "node:fs/promises";
import path from "node:path";
import type { FileContent } from "../../shared/contract.js";
import { dimensionNameSchema, type AnnotationDimension, type AnnotationScheme, type AnnotatorInfo, type CommentAnnotation, type DiscussionLog } from "../../shared/domain/index.js";
import { answerValues } from "../engine/annotation/answer-values.js";
import { alignAnnotationFile, parseAnnotationFile } from "../storage/annotation-formats.js";
import { writeImportedAnnotations } from "../storage/annotation-imports.js";
import type { AnnotationStore } from "../storage/annotation-store.js";
import { parseCsv } from "../storage/csv-parse.js";
import { findDiscussions } from "../storage/discussion-files.js";
import { NotFoundError } from "../storage/data-file.js";
import { folderName } from "./experiments-service.js";
import { StudioError } from "./studio-error.js";

/** Finds discussions by id: the library first, then every study. */
export class DiscussionLocator {
  private studies: Map<string, DiscussionLog> | null = null;

  constructor(
    private readonly discussionsDirectory: string,
    private readonly experimentsDirectory: string,
  ) {}

  async find(id: string): Promise<DiscussionLog | null> {
    const { discussions } = await findDiscussions([path.join(this.discussionsDirectory, `${id}.json`)]);
    if (discussions[0]) return discussions[0].log;
    // Studies are scanned once and again when an id is not among them (a study finished since).
    if (!this.studies?.has(id)) {
      const found = await findDiscussions([this.experimentsDirectory]).catch(() => ({ discussions: [] }));
      this.studies = new Map(found.discussions.map((discussion) => [discussion.log.id, discussion.log]));
    }
    return this.studies.get(id) ?? null;
  }
}

/** A SynDisco annotation file attached as another annotator of its discussion. */
export async function importAnnotationFile(
  store: AnnotationStore,
  locator: DiscussionLocator,
  input: { file: FileContent; scheme: AnnotationScheme; annotatorName?: string | undefined; discussionId?: string | undefined },
): Promise<{ jobId: string; discussionId: string; annotations: number; unparsed: number; warnings: string[] }> {
  const parsed = parseAnnotationFile(input.file.content, input.file.fileName);
  if (!parsed.ok) throw new StudioError("bad-request", parsed.error.message);
  const file = parsed.value;
  const discussionId = file.discussionId ?? input.discussionId;
  if (!discussionId) throw new StudioError("bad-request", `${input.file.fileName}: a SynDisco 2.1+ annotation file does not name its discussion; choose the discussion it rates`);
  const log = await locator.find(discussionId);
  if (!log) throw new NotFoundError(`${input.file.fileName} annotates discussion ${discussionId}, which is not in the library or any study`);
  const aligned = alignAnnotationFile(file, log);
  if (!aligned.ok) throw new StudioError("bad-request", `${input.file.fileName}: ${aligned.message}`);
  const name = input.annotatorName ?? (file.model.replace(/[^\w .+-]+/g, "-").slice(0, 40) || "imported");
  const annotations: CommentAnnotation[] = file.entries.map((entry, position) => {
    const { values, error } = answerValues(entry.answer, input.scheme.dimensions);
    return { annotator: name, commentIndex: aligned.commentIndexes[position] as number, values, raw: entry.answer, error, seed: null, attempts: 1, stats: null };
  });
  const annotator: AnnotatorInfo = { name, source: "imported", model: file.model, persona: personaOf(file.systemPrompt), dimensions: input.scheme.dimensions, systemPrompt: file.systemPrompt, historyWindow: file.historyWindow };
  const directory = await freshFolder(store, `import-${name}`);
  const jobId = store.jobIdOf(directory);
  await writeImportedAnnotations(directory, jobId, annotator, new Map([[log.id, annotations]]), { discussionId: log.id, content: input.file.content });
  return { jobId, discussionId: log.id, annotations: annotations.length, unparsed: annotations.filter((a) => a.values === null).length, warnings: parsed.warnings };
}

/** A CSV of scores (`discussion_id`, `comment_index`, then one column per dimension) attached as one more annotator. */
export async function importScoresCsv(
  store: AnnotationStore,
  locator: DiscussionLocator,
  input: { file: FileContent; annotatorName: string },
): Promise<{ jobId: string; discussions: number; annotations: number; dimensions: string[]; problems: string[] }> {
  const csv = parseCsv(input.file.content);
  if (!csv.ok) throw new StudioError("bad-request", `${input.file.fileName}: ${csv.message}`);
  const [header = [], ...rows] = csv.rows;
  const columns = header.map((column) => column.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const idColumn = columns.findIndex((column) => column === "discussion_id" || column === "conv_id");
  const indexColumn = columns.indexOf("comment_index");
  if (idColumn === -1 || indexColumn === -1) throw new StudioError("bad-request", `${input.file.fileName}: the first row must name the columns discussion_id and comment_index (found ${header.join(", ") || "nothing"})`);
  const dimensionColumns = columns.map((name, index) => ({ name, index })).filter(({ index }) => index !== idColumn && index !== indexColumn);
  const badName = dimensionColumns.find(({ name }) => !dimensionNameSchema.safeParse(name).success);
  if (badName) throw new StudioError("bad-request", `${input.file.fileName}: the column "${header[badName.index]}" cannot name a dimension (letters, digits and _)`);
  if (dimensionColumns.length === 0) throw new StudioError("bad-request", `${input.file.fileName}: no score column beside discussion_id and comment_index`);
  const problems: string[] = [];
  const byDiscussion = new Map<string, CommentAnnotation[]>();
  const logs = new Map<string, DiscussionLog | null>();
  for (const [position, row] of rows.entries()) {
    const line = position + 2;
    const id = row[idColumn]?.trim() ?? "";
    if (!logs.has(id)) logs.set(id, id === "" ? null : await locator.find(id));
    const log = logs.get(id);
    if (!log) {
      problems.push(`row ${line}: discussion "${id}" is not in the library or any study`);
      continue;
    }
    const commentIndex = Number(row[indexColumn]);
    if (!Number.isInteger(commentIndex) || commentIndex < 0 || commentIndex >= log.comments.length) {
      problems.push(`row ${line}: comment_index "${row[indexColumn] ?? ""}" is not a comment of ${id} (0..${log.comments.length - 1})`);
      continue;
    }
    const annotations = byDiscussion.get(id) ?? [];
    if (annotations.some((a) => a.commentIndex === commentIndex)) {
      problems.push(`row ${line}: comment ${commentIndex} of ${id} is scored twice; the first row is kept`);
      continue;
    }
    const values: Record<string, number | string> = {};
    for (const { name, index } of dimensionColumns) {
      const cell = row[index]?.trim() ?? "";
      if (cell !== "") values[name] = cell !== "" && Number.isFinite(Number(cell)) ? Number(cell) : cell;
    }
    annotations.push({ annotator: input.annotatorName, commentIndex, values, raw: row.join(","), error: null, seed: null, attempts: 1, stats: null });
    byDiscussion.set(id, annotations);
  }
  if (byDiscussion.size === 0) throw new StudioError("bad-request", `${input.file.fileName}: no row could be attached: ${problems.slice(0, 3).join("; ") || "the file has no rows"}`);
  const all = [...byDiscussion.values()].flat();
  const dimensions = dimensionColumns.map(({ name }) => inferDimension(name, all.flatMap((a) => (a.values && a.values[name] !== undefined ? [a.values[name] as number | string] : []))));
  const annotator: AnnotatorInfo = { name: input.annotatorName, source: "external", model: input.file.fileName, persona: null, dimensions, systemPrompt: null, historyWindow: null };
  const directory = await freshFolder(store, input.annotatorName);
  await writeImportedAnnotations(directory, store.jobIdOf(directory), annotator, byDiscussion);
  return { jobId: store.jobIdOf(directory), discussions: byDiscussion.size, annotations: all.length, dimensions: dimensions.map((d) => d.name), problems };
}

/** Numbers make a number dimension; labels a category (or text when fewer than two differ). */
function inferDimension(name: string, values: readonly (number | string)[]): AnnotationDimension {
  if (values.every((value) => typeof value === "number")) return { kind: "number", name, description: "imported scores" };
  const labels = [...new Set(values.map(String))];
  if (labels.length >= 2 && labels.length <= 50) return { kind: "category", name, description: "imported labels", categories: labels };
  return { kind: "text", name, description: "imported text", maxLength: 4000 };
}

function personaOf(systemPrompt: string): string | null {
  try {
    const username = (JSON.parse(systemPrompt) as { persona?: { username?: unknown } }).persona?.username;
    return typeof username === "string" && username !== "" ? username : null;
  } catch {
    return null;
  }
}

/** `<data>/annotations/<name>`, or `<name>-2`, `-3`... when taken: an import never merges into another job. */
async function freshFolder(store: AnnotationStore, name: string): Promise<string> {
  const base = folderName(name);
  for (let suffix = 1; ; suffix++) {
    const directory = path.join(store.annotationsDirectory, suffix === 1 ? base : `${base}-${suffix}`);
    const taken = await access(directory).then(() => true, () => false);
    if (!taken) return directory;
  }
}
