import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { measureStudy } from "../../electron/engine/analysis/study-measures.js";
import { summarize } from "../../electron/engine/analysis/summarize.js";
import { analysisRequestSchema } from "../../shared/domain/analysis.js";
import { writeAnalysisCorpus } from "./analysis-corpus.js";

export interface AnalysisBenchRow {
  discussions: number;
  comments: number;
  /** Every measure of every comment, nothing cached. */
  coldSeconds: number;
  commentsPerSecond: number;
  /** The same study again: only the files' sizes and times are checked, measures come from the cache. */
  cachedSeconds: number;
  /** Summaries, per-turn curves, histogram and tests of one measure across the study's conditions (what a redraw recomputes). */
  summarizeMilliseconds: number;
}

/** A generated study of `repetitions` x 6 cells (the default: 1,800 discussions, 54,000 comments). */
export async function benchAnalysis(repetitions = 300): Promise<AnalysisBenchRow> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "syndisco-bench-analysis-"));
  try {
    const corpus = await writeAnalysisCorpus(folder, repetitions);
    let started = performance.now();
    await measureStudy(folder);
    const coldSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const study = await measureStudy(folder);
    const cachedSeconds = (performance.now() - started) / 1000;
    const request = analysisRequestSchema.parse({ measure: { level: "comment", column: "diversity" }, factors: ["moderator", "topic"] });
    // The median of 9 after two to warm up: what a researcher sees when switching measure or factor.
    const times: number[] = [];
    for (let run = 0; run < 11; run++) {
      started = performance.now();
      summarize(study, request);
      if (run >= 2) times.push(performance.now() - started);
    }
    const summarizeMilliseconds = times.sort((a, b) => a - b)[times.length >> 1] as number;
    return { discussions: corpus.discussions, comments: corpus.comments, coldSeconds, commentsPerSecond: corpus.comments / coldSeconds, cachedSeconds, summarizeMilliseconds };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
