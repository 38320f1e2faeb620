import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ExperimentEstimate } from "../../shared/contract-experiments.js";
import type { ExperimentSpec } from "../../shared/domain/index.js";
import { modelDisplayName } from "../../shared/domain/model-ref.js";
import { runRecordSchema, type RunRecord } from "../../shared/domain/run-record.js";
import { planExperiment } from "../engine/experiment-plan.js";

/** Run records read for the speed (the newest ones): enough to average, few enough to stay instant. */
const RECORDS_READ = 40;

/**
 * Tokens are an upper bound (every reply at max tokens); the time is that bound at the speed
 * measured in the newest run records on the same model(s), one discussion at a time.
 */
export async function estimateExperiment(spec: ExperimentSpec, folders: string[]): Promise<ExperimentEstimate> {
  const plan = planExperiment(spec);
  const replies = plan.discussions.reduce((sum, planned) => sum + spec.turns * (planned.design.moderator ? 2 : 1), 0);
  const maxGeneratedTokens = replies * spec.sampling.maxTokens;
  const names = new Set(spec.conditions.models.map((condition) => modelDisplayName(condition.model)));
  const records = await newestRecords(folders);
  const sameModel = records.filter((record) => record.models.some((model) => names.has(model.displayName)));
  const measured = speed(sameModel);
  if (measured) {
    return {
      replies,
      maxGeneratedTokens,
      tokensPerSecond: measured.tokensPerSecond,
      seconds: maxGeneratedTokens / measured.tokensPerSecond,
      basis: `measured over ${measured.comments} replies of ${sameModel.length} recent run(s) on ${[...names].join(", ")}; one discussion at a time, so running several at once is usually faster`,
    };
  }
  return {
    replies,
    maxGeneratedTokens,
    tokensPerSecond: null,
    seconds: null,
    basis: "time unknown: no run on these models has been measured yet (run one discussion first)",
  };
}

function speed(records: RunRecord[]): { tokensPerSecond: number; comments: number } | null {
  let tokens = 0;
  let seconds = 0;
  let comments = 0;
  for (const record of records) {
    for (const comment of record.comments) {
      if (!comment.stats || comment.stats.seconds <= 0) continue;
      tokens += comment.stats.generatedTokens;
      seconds += comment.stats.seconds;
      comments++;
    }
  }
  return seconds > 0 && tokens > 0 ? { tokensPerSecond: tokens / seconds, comments } : null;
}

/** `*.run.json` in each folder and one level of subfolders below its subfolders (experiments' cells). */
async function newestRecords(folders: string[]): Promise<RunRecord[]> {
  const files: string[] = [];
  for (const folder of folders) files.push(...(await recordFiles(folder, 2)));
  const dated = await Promise.all(files.map(async (file) => ({ file, time: (await stat(file).catch(() => null))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.time - a.time);
  const records: RunRecord[] = [];
  for (const { file } of dated.slice(0, RECORDS_READ)) {
    const parsed = await readFile(file, "utf8")
      .then((text) => runRecordSchema.safeParse(JSON.parse(text)))
      .catch(() => null);
    if (parsed?.success) records.push(parsed.data);
  }
  return records;
}

async function recordFiles(folder: string, depth: number): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isFile() && entry.name.endsWith(".run.json")) files.push(full);
    else if (entry.isDirectory() && depth > 0) files.push(...(await recordFiles(full, depth - 1)));
  }
  return files;
}
