import { mkdir, readFile, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { DISCUSSIONS_FOLDER, RECORDS_FOLDER } from "./run-layout.js";

/** What a migration did, and the files it left where they were because the new place was taken. */
export interface MigrationReport {
  moved: number;
  kept: { file: string; reason: string }[];
}

const emptyReport = (): MigrationReport => ({ moved: 0, kept: [] });
const RECORD = /^(.+)\.(run\.json|journal\.jsonl)$/;

/**
 * Moves one folder's run files into the layout of run-layout.ts under `root`: records and
 * journals to `records/`, the SynDisco files of those runs (a `<id>.json` beside a record) to
 * `discussions/` when `discussionsToo`. Nothing is overwritten or deleted: where the new place
 * holds other content the file stays where it was and is reported; an identical copy is dropped.
 */
async function moveRunFiles(from: string, root: string, report: MigrationReport, discussionsToo: boolean): Promise<void> {
  const names = await readdir(from).catch(() => [] as string[]);
  const runIds = new Set(names.flatMap((name) => RECORD.exec(name)?.[1] ?? []));
  for (const name of names.sort()) {
    const record = RECORD.test(name);
    const isDiscussion = discussionsToo && name.endsWith(".json") && runIds.has(name.slice(0, -".json".length));
    if (!record && !isDiscussion) continue;
    await moveWithoutLoss(path.join(from, name), path.join(root, record ? RECORDS_FOLDER : DISCUSSIONS_FOLDER, name), report);
  }
}

async function moveWithoutLoss(source: string, target: string, report: MigrationReport): Promise<void> {
  if (path.resolve(source) === path.resolve(target)) return;
  const existing = await readFile(target).catch(() => null);
  if (existing !== null) {
    if (existing.equals(await readFile(source))) await rm(source);
    else report.kept.push({ file: source, reason: `${target} already exists with other content` });
    return;
  }
  await mkdir(path.dirname(target), { recursive: true });
  await rename(source, target);
  report.moved++;
}

/**
 * An output folder of single runs (the app's data folder, `cli run --out`) as versions before
 * the split wrote it: `<id>.json`, `<id>.run.json` and `<id>.journal.jsonl` side by side, at its
 * top (CLI) or in its `discussions/` (the app). Other files are left alone.
 */
export async function migrateRunFolder(root: string, report: MigrationReport = emptyReport()): Promise<MigrationReport> {
  await moveRunFiles(root, root, report, true);
  await moveRunFiles(path.join(root, DISCUSSIONS_FOLDER), root, report, false);
  return report;
}

/** A study folder as older versions wrote it: `<study>/<cell>/<id>.*` beside experiment.json. */
export async function migrateStudyFolder(study: string, report: MigrationReport = emptyReport()): Promise<MigrationReport> {
  if (!(await stat(path.join(study, "experiment.json")).catch(() => null))) return report;
  for (const entry of await readdir(study, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || entry.name === DISCUSSIONS_FOLDER || entry.name === RECORDS_FOLDER) continue;
    const cell = path.join(study, entry.name);
    await moveRunFiles(cell, study, report, true);
    // The old cell folder goes once empty; anything else in it stays, and so does the folder.
    if ((await readdir(cell).catch(() => ["?"])).length === 0) await rm(cell, { recursive: true });
  }
  return report;
}

/** The app's data folder: its single runs and their archive, then every study in `experiments/`. */
export async function migrateDataFolder(root: string): Promise<MigrationReport> {
  const report = await migrateRunFolder(root);
  await migrateRunFolder(path.join(root, "archive"), report);
  const experiments = path.join(root, "experiments");
  for (const entry of await readdir(experiments, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) await migrateStudyFolder(path.join(experiments, entry.name), report);
  }
  return report;
}
