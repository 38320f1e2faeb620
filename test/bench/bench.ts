import { parseArgs } from "node:util";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { defaultThreadCount } from "../../electron/llm/llama-runtime.js";
import { benchDesign, benchDiscussion, type DiscussionBenchRow } from "./discussion-bench.js";
import { printTable } from "./table.js";
import { benchExperiment, type ExperimentBenchRow } from "./experiment-bench.js";
import { benchAnalysis, type AnalysisBenchRow } from "./analysis-bench.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean" },
    model: { type: "string" },
    "max-tokens": { type: "string" },
    threads: { type: "string" },
    parallel: { type: "string" },
    /** Comma-separated: discussion, experiment, analysis (default: all). */
    only: { type: "string" },
    "analysis-repetitions": { type: "string" },
  },
});
const parts = new Set((values.only ?? "discussion,experiment,analysis").split(","));

const modelPath = parts.has("discussion") || parts.has("experiment") ? (values.model ?? (await ensureTinyModel())) : "";
const maxTokens = Number(values["max-tokens"] ?? 48);
const threads = Number(values.threads ?? defaultThreadCount());

const result: { engine?: DiscussionBenchRow; naive?: DiscussionBenchRow; experiment?: ExperimentBenchRow[]; analysis?: AnalysisBenchRow } = {};
if (parts.has("discussion")) {
  const design = await benchDesign(modelPath, maxTokens);
  // Same design, greedy, same number of tokens per reply: only prompt evaluation differs.
  result.engine = await benchDiscussion(modelPath, design, "exact", threads);
  result.naive = await benchDiscussion(modelPath, design, "none", threads);
}
if (parts.has("experiment")) {
  result.experiment = [];
  for (const parallel of (values.parallel ?? "1,4,8").split(",").map(Number)) result.experiment.push(await benchExperiment(modelPath, parallel, threads, maxTokens));
}
if (parts.has("analysis")) result.analysis = await benchAnalysis(Number(values["analysis-repetitions"] ?? 300));

if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const { engine, naive, experiment, analysis } = result;
  if (engine && naive) {
    process.stdout.write(`Discussion bench: 7 users + moderator, 15 turns, window 3, ${maxTokens} tokens per reply, ${threads} thread(s)\n`);
    process.stdout.write(`model: ${modelPath}\n\n`);
    printTable(
      ["run", "comments", "generated tokens", "generated tok/s", "prompt tok evaluated / comment", "exact minimum / comment", "wall s"],
      Object.entries({ engine, naive }).map(([name, row]) => [
        name,
        String(row.comments),
        String(row.generatedTokens),
        row.generatedTokensPerSecond.toFixed(1),
        row.promptTokensPerComment.toFixed(1),
        row.minimumPromptTokensPerComment.toFixed(1),
        row.wallSeconds.toFixed(2),
      ]),
    );
    const ratio = (a: number, b: number) => (a / b).toFixed(3);
    process.stdout.write(
      `\nengine prompt tokens / exact minimum: ${ratio(engine.promptTokensPerComment, engine.minimumPromptTokensPerComment)}` +
        `\nengine prompt tokens / naive: ${ratio(engine.promptTokensPerComment, naive.promptTokensPerComment)}` +
        `\nengine wall time / naive: ${ratio(engine.wallSeconds, naive.wallSeconds)}\n`,
    );
  }
  if (experiment) {
    process.stdout.write(`\nExperiment bench: 16 discussions (4 users + moderator, 4 turns, window 3), ${maxTokens} tokens per reply\n\n`);
    const baseline = experiment[0] as ExperimentBenchRow;
    printTable(
      ["parallel", "discussions", "generated tokens", "generated tok/s", "discussions/hour", "wall s", "tok/s vs first row"],
      experiment.map((row) => [
        String(row.parallel),
        String(row.discussions),
        String(row.generatedTokens),
        row.generatedTokensPerSecond.toFixed(1),
        row.discussionsPerHour.toFixed(0),
        row.wallSeconds.toFixed(2),
        (row.generatedTokensPerSecond / baseline.generatedTokensPerSecond).toFixed(2),
      ]),
    );
  }
  if (analysis) {
    process.stdout.write(`\nAnalysis bench: a generated study of ${analysis.discussions} discussions, ${analysis.comments} comments (7 users + moderator, 30 comments each)\n\n`);
    printTable(
      ["discussions", "comments", "measured s (cold)", "comments measured/s", "cached s", "summary of one measure ms"],
      [[String(analysis.discussions), String(analysis.comments), analysis.coldSeconds.toFixed(2), analysis.commentsPerSecond.toFixed(0), analysis.cachedSeconds.toFixed(2), analysis.summarizeMilliseconds.toFixed(1)]],
    );
  }
}
