import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { measureStudy } from "../../electron/engine/analysis/study-measures.js";
import { summarize } from "../../electron/engine/analysis/summarize.js";
import { analysisRequestSchema } from "../../shared/domain/analysis.js";
import { analysisChart } from "../../shared/plots/analysis-charts.js";
import { chartToSvg } from "../../shared/plots/chart-view.js";
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
  /** Redrawing one plot: that summary, then the per-turn figure (the largest) drawn to SVG by Vega, as the page does. Wall and CPU time. */
  redrawMilliseconds: number;
  redrawCpuMilliseconds: number;
}

/**
 * The median of 9 runs after two to warm up: what a researcher sees when switching measure or
 * factor. CPU time beside wall time, as the wall time on a shared machine includes waiting.
 */
async function medianMilliseconds(run: () => unknown): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < 11; index++) {
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    await run();
    const used = process.cpuUsage(startedCpu);
    if (index >= 2) {
      wall.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] as number;
  return { wall: median(wall), cpu: median(cpu) };
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
    const summarizeMilliseconds = (await medianMilliseconds(() => summarize(study, request))).wall;
    const redraw = await medianMilliseconds(async () => chartToSvg(analysisChart(summarize(study, request), "turns")));
    return {
      discussions: corpus.discussions,
      comments: corpus.comments,
      coldSeconds,
      commentsPerSecond: corpus.comments / coldSeconds,
      cachedSeconds,
      summarizeMilliseconds,
      redrawMilliseconds: redraw.wall,
      redrawCpuMilliseconds: redraw.cpu,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
