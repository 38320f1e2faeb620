/**
 * The performance record: `npm run bench` prints one table, `-- --json` one JSON object. Every
 * ratio in it is measured within one invocation, so load on the machine skews both sides alike.
 */
import os from "node:os";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { ensureShapedModel } from "../fixtures/tiny-gguf/shaped-model.js";
import { MODEL_SHAPES } from "../fixtures/tiny-gguf/model-shapes.js";
import { defaultThreadCount, sharedLlama, type GpuPreference } from "../../electron/llm/llama-runtime.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { defaultContext, defaultModeratorInstructions, defaultUserInstructions } from "../../electron/engine/presets.js";
import { benchDesign, benchDiscussion } from "./discussion-bench.js";
import { benchDecode, benchPromptEvaluation } from "./decode-bench.js";
import { benchExperiment, type ExperimentBenchRow, type StudyShape } from "./experiment-bench.js";
import { benchBackend } from "./bench-backend.js";
import { benchAnalysis } from "./analysis-bench.js";
import { benchAnnotation, benchDiscussions, type AnnotationBenchRow } from "./annotation-bench.js";
import { benchLibrary, type LibraryBenchRow } from "./library-bench.js";
import { BenchUsage, parseBenchOptions, type BenchOptions } from "./bench-options.js";
import { reportHeader, reportRows, type BenchReport } from "./bench-report.js";
import { printTable } from "./table.js";

const note = (text: string) => process.stderr.write(`${text}\n`);

async function modelFile(options: BenchOptions): Promise<{ path: string; shape: string; weights: string | null }> {
  if (options.model) return { path: options.model, shape: "file", weights: null };
  const shape = options["model-shape"];
  if (shape === "tiny") return { path: await ensureTinyModel(), shape, weights: "F32" };
  const weights = options.type === "f16" ? "F16" : "Q8_0";
  let shown = -1;
  const path = await ensureShapedModel(shape, weights, {
    onProgress: (written, total) => {
      const percent = Math.floor((100 * written) / total);
      if (percent % 10 === 0 && percent !== shown) note(`generating the ${MODEL_SHAPES[shape].name} shape (${weights}): ${(shown = percent)} % of ${(total / 1e9).toFixed(1)} GB`);
    },
  });
  return { path, shape: MODEL_SHAPES[shape].name, weights };
}

async function decodeRows(path: string, options: BenchOptions, runtime: { threads: number; gpu: GpuPreference }, report: BenchReport): Promise<void> {
  const tokens = options["decode-tokens"];
  const decode = options.only.includes("decode");
  for (const sequences of decode ? [1, options["decode-sequences"]] : [1]) {
    const engine = await LlamaChatModel.load(path, { ...runtime, contextSize: tokens + 160, sequences, reuse: "none", ignoreEndOfGeneration: true });
    try {
      report.config.gpuLayers = engine.gpuLayers;
      if (decode) {
        note(`decode: ${sequences} sequence(s) x ${tokens} tokens, raw against engine, ${options["decode-rounds"]} rounds`);
        const row = await benchDecode(engine, tokens, options["decode-rounds"]);
        if (sequences === 1) report.decode = row;
        else report.decode64 = row;
      }
      if (sequences === 1 && options.only.includes("prompt")) {
        note("prompt evaluation");
        const text = [defaultContext, defaultUserInstructions, defaultModeratorInstructions].join("\n").repeat(4);
        report.prompt = await benchPromptEvaluation(engine, text, options.rounds);
      }
    } finally {
      await engine.dispose();
    }
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const sections = new Set(options.only);
  const usesModel = [...sections].some((section) => section !== "analysis" && section !== "library");
  const llama = await sharedLlama(options.gpu ? "auto" : false);
  const backend = benchBackend(options.gpu, llama.gpu);
  const threads = options.threads ?? defaultThreadCount();
  const runtime = { threads, gpu: backend.preference };
  const model = usesModel ? await modelFile(options) : { path: "", shape: "none", weights: null };
  const report: BenchReport = {
    config: {
      model: model.path,
      shape: model.shape,
      weights: model.weights,
      backend: backend.label,
      gpuLayers: 0,
      threads,
      maxTokens: options["max-tokens"],
      turns: options.turns,
      loadAverage: { start: os.loadavg()[0] ?? 0, end: null },
      cores: os.availableParallelism(),
    },
  };
  if (sections.has("decode") || sections.has("prompt")) await decodeRows(model.path, options, runtime, report);
  if (sections.has("reuse")) {
    note("prompt reuse: one study-shaped discussion, engine against naive re-evaluation");
    const design = await benchDesign(model.path, options["max-tokens"], options.turns);
    const engine = await benchDiscussion(model.path, design, "exact", { ...runtime, contextSize: options.context });
    const naive = await benchDiscussion(model.path, design, "none", { ...runtime, contextSize: options.context });
    note("prompt reuse: the same discussion in the native chat prompt style");
    const nativeChat = await benchDiscussion(model.path, { ...design, promptStyle: "native-chat" }, "exact", { ...runtime, contextSize: options.context });
    report.reuse = { engine, naive, nativeChat };
  }
  const study: StudyShape = { turns: options.turns, maxTokens: options["max-tokens"], contextSize: options.context, ...runtime };
  const rows: ExperimentBenchRow[] = [];
  const studyRow = async (discussions: number, sequencing: ExperimentBenchRow["sequencing"]) => {
    const done = rows.find((row) => row.discussionsAtOnce === discussions && row.sequencing === sequencing);
    if (done) return done;
    note(`study: ${discussions} discussion(s) at once, ${sequencing} sequences`);
    const row = await benchExperiment(model.path, study, discussions, sequencing);
    rows.push(row);
    return row;
  };
  if (sections.has("experiment")) {
    report.experiment = [];
    for (const discussions of options.parallel) report.experiment.push(await studyRow(discussions, "per-actor"));
  }
  if (sections.has("pooling")) {
    report.pooling = [];
    for (const discussions of options.pooling) report.pooling.push(await studyRow(discussions, "per-actor"), await studyRow(discussions, "pooled"));
  }
  if (sections.has("analysis")) {
    note(`analysis: a generated study of ${options["analysis-repetitions"] * 6} discussions`);
    report.analysis = await benchAnalysis(options["analysis-repetitions"]);
  }
  if (sections.has("annotation")) {
    // One annotator alone (prefix reuse, then naive re-evaluation of every prompt), and 4 at once, over the same discussions.
    note("annotation: 1 annotator (reuse, naive) and 4 at once over 6 discussions x 10 comments");
    const discussions = benchDiscussions(6, 10);
    report.annotation = [
      await benchAnnotation(model.path, "1 annotator", 1, 1, "exact", runtime, discussions),
      await benchAnnotation(model.path, "1 annotator, naive", 1, 1, "none", runtime, discussions),
      await benchAnnotation(model.path, "4 at once", 4, 4, "exact", runtime, discussions),
    ];
  }
  if (sections.has("library")) {
    note(`library: text search over ${options["library-repetitions"] * 6} generated discussions`);
    report.library = await benchLibrary(options["library-repetitions"]);
  }
  report.config.loadAverage.end = os.loadavg()[0] ?? 0;

  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const { config } = report;
  process.stdout.write(
    `model: ${config.shape}${config.weights ? ` ${config.weights}` : ""} (${config.model})\n` +
      `backend: ${config.backend}, ${config.gpuLayers} layers on the GPU, ${config.threads} thread(s), ${config.cores} cores, load average ${config.loadAverage.start.toFixed(1)} -> ${(config.loadAverage.end ?? 0).toFixed(1)}\n` +
      `study: 7 users + moderator, ${config.turns} turns, window 3, ${config.maxTokens} tokens per reply, greedy, replies to the cap\n\n`,
  );
  if (usesModel) printTable(reportHeader, reportRows(report));
  const { analysis } = report;
  if (analysis) {
    process.stdout.write(`\nAnalysis bench: a generated study of ${analysis.discussions} discussions, ${analysis.comments} comments (7 users + moderator, 30 comments each)\n\n`);
    printTable(
      ["discussions", "comments", "measured s (cold)", "comments measured/s", "cached s", "summary of one measure ms", "redraw one plot ms (CPU ms)"],
      [[String(analysis.discussions), String(analysis.comments), analysis.coldSeconds.toFixed(2), analysis.commentsPerSecond.toFixed(0), analysis.cachedSeconds.toFixed(2), analysis.summarizeMilliseconds.toFixed(1), `${analysis.redrawMilliseconds.toFixed(1)} (${analysis.redrawCpuMilliseconds.toFixed(1)})`]],
    );
  }
  if (report.annotation) printAnnotationRows(report.annotation);
  if (report.library) printLibraryRow(report.library);
}

function printLibraryRow(row: LibraryBenchRow): void {
  process.stdout.write(`\nLibrary bench: text search over ${row.discussions} generated discussions (${row.megabytes.toFixed(1)} MB, 30 comments each) in the library's folder\n\n`);
  printTable(
    ["discussions", "first search ever ms (no index)", "first search of a new process ms (index on disk)", "search right after listing ms", "later searches ms (median)", "found"],
    [[String(row.discussions), row.firstEverMilliseconds.toFixed(0), row.firstSearchMilliseconds.toFixed(0), row.searchAfterListingMilliseconds.toFixed(0), row.warmSearchMilliseconds.toFixed(0), String(row.hits)]],
  );
}

function printAnnotationRows(rows: AnnotationBenchRow[]): void {
  process.stdout.write(`\nAnnotation bench: 6 discussions x 10 comments, toxicity preset (window 3), grammar-constrained JSON answers\n\n`);
  const naive = rows.find((row) => row.reuse === "none");
  printTable(
    ["run", "annotations", "annotations/hour", "comments/hour (every annotator)", "prompt tok / annotation", "prompt tok evaluated / annotation", "vs naive", "wall s"],
    rows.map((row) => [
      row.label,
      String(row.annotations),
      row.annotationsPerHour.toFixed(0),
      row.commentsPerHour.toFixed(0),
      row.promptTokensPerAnnotation.toFixed(1),
      row.evaluatedPromptTokensPerAnnotation.toFixed(1),
      naive ? (row.evaluatedPromptTokensPerAnnotation / naive.evaluatedPromptTokensPerAnnotation).toFixed(3) : "",
      row.wallSeconds.toFixed(2),
    ]),
  );
}

main().catch((error: unknown) => {
  if (error instanceof BenchUsage) {
    process.stdout.write(`${error.message}\n`);
    return;
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
