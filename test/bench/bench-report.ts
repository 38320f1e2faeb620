import { formatBytes } from "../../shared/format.js";
import type { DecodeBenchRow, PromptBenchRow } from "./decode-bench.js";
import type { DiscussionBenchRow } from "./discussion-bench.js";
import type { ExperimentBenchRow } from "./experiment-bench.js";
import type { AnalysisBenchRow } from "./analysis-bench.js";
import type { AnnotationBenchRow } from "./annotation-bench.js";
import type { LibraryBenchRow } from "./library-bench.js";

/** Everything one invocation measured; `--json` prints it as is. */
export interface BenchReport {
  config: {
    model: string;
    shape: string;
    weights: string | null;
    backend: string;
    gpuLayers: number;
    threads: number;
    maxTokens: number;
    turns: number;
    /** 1-minute load average at start and end: other work on the machine skews absolute numbers, not same-invocation ratios. */
    loadAverage: { start: number; end: number | null };
    cores: number;
  };
  decode?: DecodeBenchRow;
  decode64?: DecodeBenchRow;
  prompt?: PromptBenchRow;
  /** One study-shaped discussion: SynDisco's prompts with exact prefix reuse, re-evaluated from scratch, and in the native chat style. */
  reuse?: { engine: DiscussionBenchRow; naive: DiscussionBenchRow; nativeChat?: DiscussionBenchRow };
  experiment?: ExperimentBenchRow[];
  pooling?: ExperimentBenchRow[];
  analysis?: AnalysisBenchRow;
  annotation?: AnnotationBenchRow[];
  library?: LibraryBenchRow;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** The performance record as one table: a row per measurement. */
export function reportRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  const decodeRow = (name: string, row: DecodeBenchRow) => {
    const setting = `${row.sequences} seq x ${row.tokensPerSequence} tok${row.repeats > 1 ? ` x ${row.repeats}` : ""}`;
    // tok/s is the decode phase (after each sequence's first token); the ratio also gives whole replies, prompt included.
    rows.push([name, `${setting}, raw`, fixed(row.raw.tokensPerSecond), "", "", "", `with prompt ${fixed(row.raw.withPromptTokensPerSecond)} tok/s`]);
    rows.push([
      name,
      `${setting}, engine`,
      fixed(row.engine.tokensPerSecond),
      "",
      "",
      "",
      `engine/raw ${fixed(row.ratio, 3)} (pair median ${fixed(row.pairMedianRatio, 3)}, with prompt ${fixed(row.withPromptRatio, 3)}, per CPU-s ${fixed(row.cpuRatio, 3)})`,
    ]);
  };
  if (report.decode) decodeRow("decode", report.decode);
  if (report.decode64) decodeRow("decode64", report.decode64);
  if (report.prompt) rows.push(["prompt eval", `${report.prompt.tokens} tokens`, fixed(report.prompt.tokensPerSecond), "", "", "", ""]);
  if (report.reuse) {
    const { engine, naive } = report.reuse;
    const setting = (row: DiscussionBenchRow) => `${row.comments} comments`;
    rows.push(["prompt reuse", `${setting(engine)}, engine`, fixed(engine.generatedTokensPerSecond), "", `${fixed(engine.promptTokensPerComment)} (min ${fixed(engine.minimumPromptTokensPerComment)})`, "", `engine/min ${fixed(engine.promptTokensPerComment / engine.minimumPromptTokensPerComment, 3)}`]);
    rows.push(["prompt reuse", `${setting(naive)}, naive`, fixed(naive.generatedTokensPerSecond), "", fixed(naive.promptTokensPerComment), "", `engine/naive ${fixed(engine.promptTokensPerComment / naive.promptTokensPerComment, 3)}`]);
    const chat = report.reuse.nativeChat;
    if (chat) {
      const perComment = `${fixed(chat.promptTokensPerComment)} (min ${fixed(chat.minimumPromptTokensPerComment)})`;
      rows.push(["prompt reuse", `${setting(chat)}, native chat`, fixed(chat.generatedTokensPerSecond), "", perComment, "", `native/syndisco ${fixed(chat.promptTokensPerComment / engine.promptTokensPerComment, 3)}`]);
    }
  }
  const studyRow = (name: string, row: ExperimentBenchRow, note: string) =>
    rows.push([
      name,
      `${row.discussionsAtOnce} at once, ${row.sequencing}, ${row.sequences} seq`,
      fixed(row.generatedTokensPerSecond),
      fixed(row.discussionsPerHour, 0),
      fixed(row.promptTokensPerComment),
      formatBytes(row.peakRssBytes) + (row.peakVramBytes === null ? "" : ` + ${formatBytes(row.peakVramBytes)} VRAM`),
      note,
    ]);
  const first = report.experiment?.[0];
  for (const row of report.experiment ?? []) studyRow("study", row, first ? `tok/s x${fixed(row.generatedTokensPerSecond / first.generatedTokensPerSecond, 2)}` : "");
  for (const row of report.pooling ?? []) {
    const perActor = report.pooling?.find((other) => other.sequencing === "per-actor" && other.discussionsAtOnce === row.discussionsAtOnce);
    studyRow("pooling", row, row.sequencing === "pooled" && perActor ? `pooled/per-actor ${fixed(row.generatedTokensPerSecond / perActor.generatedTokensPerSecond, 3)}` : "");
  }
  return rows;
}

export const reportHeader = ["measure", "setting", "tok/s", "disc/h", "prompt tok/comment", "peak memory", "ratio"];
