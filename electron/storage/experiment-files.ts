import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { runRecordSchema, type ExperimentSpec, type RunRecord } from "../../shared/domain/index.js";
import type { ExperimentPlan, PlannedDiscussion } from "../../shared/domain/experiment-plan.js";
import { writeFileAtomic } from "./atomic-write.js";
import { CorruptFileError, readTextIfExists } from "./data-file.js";
import { parseJsonText } from "./import-result.js";
import { runPaths } from "./run-layout.js";
import { csvField } from "./export-csv.js";

export interface ManifestRow {
  planned: PlannedDiscussion;
  status: "pending" | "running" | "completed" | "stopped" | "failed";
  comments: number;
  generatedTokens: number;
  seconds: number;
}

export const MANIFEST_COLUMNS = ["cell", "discussion_id", "repetition", "participants", "moderator", "seed", "comments", "tokens", "seconds", "status"] as const;

/**
 * The spec an existing experiment.json holds, or null when the folder has none. A file that is
 * not valid JSON or holds no spec is a CorruptFileError naming it (not "a different study"),
 * and is never overwritten.
 */
export async function readStudySpec(outputDirectory: string): Promise<unknown> {
  const file = path.join(outputDirectory, "experiment.json");
  const text = await readTextIfExists(file);
  if (text === null) return null;
  const json = parseJsonText(text);
  if (!json.ok) throw new CorruptFileError(file, json.message);
  const spec = typeof json.value === "object" && json.value !== null ? (json.value as { spec?: unknown }).spec : undefined;
  if (spec === undefined || spec === null) throw new CorruptFileError(file, "it holds no study spec");
  return spec;
}

/** experiment.json: the spec and every derived seed; a study's folder holds exactly one spec. */
export async function writeExperimentFile(outputDirectory: string, spec: ExperimentSpec, plan: ExperimentPlan): Promise<void> {
  const file = path.join(outputDirectory, "experiment.json");
  const previous = await readStudySpec(outputDirectory);
  if (previous !== null) {
    if (JSON.stringify(previous) !== JSON.stringify(spec)) {
      throw new Error(`${outputDirectory} holds a different experiment; choose another output folder`);
    }
    return;
  }
  const content = {
    kind: "syndisco-studio.experiment",
    version: 1,
    spec,
    cells: plan.cells,
    discussions: plan.discussions.map(({ discussionId, cell, repetition, participants, participantSeed, seed }) => ({
      discussionId,
      cell: cell.id,
      repetition,
      participants,
      participantSeed,
      seed,
    })),
  };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
}

/**
 * A finished discussion's run record, or null when it must be (re)run. Leftovers of an
 * unfinished one (journal, a stopped or failed result) are removed so it restarts cleanly.
 */
export async function finishedRun(outputDirectory: string, planned: PlannedDiscussion): Promise<RunRecord | null> {
  const paths = runPaths(outputDirectory, planned.discussionId);
  const record = await readFile(paths.runRecord, "utf8")
    .then((text) => runRecordSchema.safeParse(JSON.parse(text)))
    .catch(() => null);
  const discussionExists = await readFile(paths.discussion, "utf8").then((text) => { JSON.parse(text); return true; }).catch(() => false);
  if (record?.success && record.data.status === "completed" && discussionExists) {
    // A kill between writing the final files and removing the journal leaves it behind: the run is whole without it.
    await rm(paths.journal, { force: true });
    return record.data;
  }
  await Promise.all([paths.discussion, paths.runRecord, paths.journal].map((file) => rm(file, { force: true })));
  return null;
}

export function manifestRowFromRecord(planned: PlannedDiscussion, record: RunRecord): ManifestRow {
  const generated = record.comments.flatMap((comment) => (comment.stats ? [comment.stats] : []));
  return {
    planned,
    status: record.status === "completed" ? "completed" : record.status === "stopped" ? "stopped" : "failed",
    comments: record.comments.filter((comment) => comment.logged).length,
    generatedTokens: generated.reduce((sum, stats) => sum + stats.generatedTokens, 0),
    seconds: record.finishedAt ? (Date.parse(record.finishedAt) - Date.parse(record.startedAt)) / 1000 : 0,
  };
}

export async function writeManifest(outputDirectory: string, rows: readonly ManifestRow[]): Promise<void> {
  const lines = [MANIFEST_COLUMNS.join(",")];
  for (const row of rows) {
    const moderator = row.planned.design.moderator?.persona.username ?? "";
    lines.push(
      [row.planned.cell.id, row.planned.discussionId, String(row.planned.repetition), row.planned.participants.join(";"), moderator,
        String(row.planned.seed), String(row.comments), String(row.generatedTokens), row.seconds.toFixed(2), row.status]
        .map(csvField)
        .join(","),
    );
  }
  await writeFileAtomic(path.join(outputDirectory, "manifest.csv"), `${lines.join("\r\n")}\r\n`);
}
