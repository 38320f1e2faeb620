import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { FileProblem } from "../../shared/contract.js";
import type { StudyDetail, StudyDiscussionStatusName, StudySummary } from "../../shared/contract-analysis.js";
import { parseCsvRecords } from "../../shared/csv.js";
import { factorColumn } from "../../shared/analysis/dataset-table.js";
import { readTextIfExists } from "./data-file.js";
import { readStudyFolder, type StudyFolder } from "./study-folder.js";

/** Whether a run of the study is active now (a study not running cannot have running discussions). */
export type ActiveState = (studyId: string) => "running" | "paused" | null;

/**
 * The studies in `<data>/experiments/` (folders with an experiment.json), their grid and how
 * far each discussion got, from manifest.csv, which the runner rewrites after every discussion:
 * a listing reads two small files per study, never its discussions.
 */
export async function listStudies(directory: string, active: ActiveState): Promise<{ studies: StudySummary[]; problems: FileProblem[] }> {
  const names = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const studies: StudySummary[] = [];
  const problems: FileProblem[] = [];
  for (const entry of names.filter((candidate) => candidate.isDirectory())) {
    const folder = path.join(directory, entry.name);
    if ((await readTextIfExists(path.join(folder, "experiment.json")).catch(() => null)) === null) continue;
    try {
      studies.push((await studyDetail(folder, entry.name, active)).summary);
    } catch (error) {
      problems.push({ file: path.join(folder, "experiment.json"), message: error instanceof Error ? error.message : String(error) });
    }
  }
  studies.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { studies, problems };
}

export async function studyDetail(folder: string, studyId: string, active: ActiveState): Promise<StudyDetail> {
  const study = await readStudyFolder(folder);
  const running = active(studyId);
  const manifest = await readManifest(folder);
  const statusOf = (discussionId: string): { status: StudyDiscussionStatusName; comments: number | null } => {
    const row = manifest.get(discussionId);
    if (!row) return { status: "pending", comments: null };
    // A manifest left by a killed run still says "running": those discussions run again next time.
    const status = row.status === "running" && !running ? "pending" : row.status;
    return { status, comments: status === "pending" || status === "running" ? null : row.comments };
  };
  const cells = study.cells.map((cell) => ({
    id: cell.id,
    conditions: cell.conditions,
    discussions: study.discussions
      .filter((discussion) => discussion.cell === cell.id)
      .map((discussion) => ({ discussionId: discussion.discussionId, repetition: discussion.repetition ?? 0, participants: discussion.participants, ...statusOf(discussion.discussionId) })),
  }));
  const counts: Partial<Record<StudyDiscussionStatusName, number>> = {};
  for (const discussion of cells.flatMap((cell) => cell.discussions)) counts[discussion.status] = (counts[discussion.status] ?? 0) + 1;
  const total = study.discussions.length;
  const created = await stat(path.join(folder, "experiment.json"));
  return {
    summary: {
      studyId,
      name: study.name,
      folder,
      createdAt: created.mtime.toISOString(),
      factors: studyFactors(study),
      cells: study.cells.length,
      discussions: total,
      counts,
      state: running ?? (counts.completed === total ? "finished" : "incomplete"),
    },
    cells,
  };
}

export function studyFactors(study: Pick<StudyFolder, "factorNames" | "cells">): StudySummary["factors"] {
  return study.factorNames.map((name) => ({ name, column: factorColumn(name), levels: [...new Set(study.cells.map((cell) => cell.conditions[name] as string))] }));
}

const MANIFEST_STATUSES = new Set<StudyDiscussionStatusName>(["pending", "running", "completed", "stopped", "failed"]);

async function readManifest(folder: string): Promise<Map<string, { status: StudyDiscussionStatusName; comments: number }>> {
  const text = await readTextIfExists(path.join(folder, "manifest.csv")).catch(() => null);
  const rows = new Map<string, { status: StudyDiscussionStatusName; comments: number }>();
  for (const record of text === null ? [] : parseCsvRecords(text)) {
    const status = record.status as StudyDiscussionStatusName;
    if (record.discussion_id && MANIFEST_STATUSES.has(status)) rows.set(record.discussion_id, { status, comments: Number(record.comments) || 0 });
  }
  return rows;
}
