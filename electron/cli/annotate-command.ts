import path from "node:path";
import { z } from "zod";
import { annotationJobSpecSchema, annotationSchemeSchema, annotatorSchema, type AnnotationProgress, type AnnotationScheme } from "../../shared/domain/index.js";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { integerFlag, parseFlags } from "./parse-flags.js";
import { readJsonFile } from "./read-json-file.js";
import { formatDuration } from "./progress-bar.js";
import { AnnotationRunner } from "../engine/annotation/annotation-runner.js";
import { findSchemePreset, presetKey, schemePresets } from "../engine/annotation/scheme-presets.js";
import { findDiscussions } from "../storage/discussion-files.js";
import { defaultThreadCount } from "../llm/llama-runtime.js";
import { OpenAiChatModel } from "../llm/openai-chat-model.js";
import { attachRunKeys, throttle } from "./run-keys.js";
import { cliServerProfiles } from "./server-flags.js";

const help = `Usage: syndisco-studio annotate <discussions or study folder...> --scheme <file|preset> --annotators <file> --out <dir>
         [--name <job name>] [--no-moderator] [--format legacy|v2] [--parallel N] [--threads N] [--context-size N] [--data <dir>] [--quiet]

Every annotator rates every comment of every discussion (files, or folders searched
recursively: a study's folder works as it is), N annotator x discussion pairs at once.
Each annotator answers in JSON made from the scheme (a grammar on local models).

--scheme       a scheme file, or a preset: ${schemePresets.map(presetKey).join(", ")}
--annotators   a JSON array of annotators: {"name", "persona" (or null), "model"
               ({"backend": "llama", "path": ...} or {"backend": "openai", "profile": <name>}
               naming a server profile of the data folder), "sampling", and optionally their
               own "scheme"}
--data         the app's data folder, whose server profiles annotators may name
--no-moderator leave moderator comments out of what is rated and of the history
               (SynDisco's include_moderator_comments=False)
--format       which SynDisco annotation file to write beside our records (default legacy)

Writes <out>/job.json, <out>/records/<id>.json (parsed values, raw answers, seeds, token
counts) and <out>/syndisco/<annotator>/<id>.json. Every annotation is journaled as it is
made: after a crash or a kill, run the same command again to continue.
Keys while running (in a terminal): p pause / resume, q or Ctrl-C cancel.`;

const annotatorsFileSchema = z.array(annotatorSchema.omit({ scheme: true }).extend({ scheme: annotationSchemeSchema.optional() })).min(1, "the file lists no annotator");

export const annotateCommand: CliCommand = {
  name: "annotate",
  summary: "LLM annotators rate every comment of discussions or a study, resumable",
  help,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      {
        scheme: { type: "string" },
        annotators: { type: "string" },
        out: { type: "string" },
        name: { type: "string" },
        "no-moderator": { type: "boolean" },
        format: { type: "string" },
        parallel: { type: "string" },
        threads: { type: "string" },
        "context-size": { type: "string" },
        quiet: { type: "boolean" },
        data: { type: "string" },
      },
      true,
    );
    if (positionals.length === 0) throw new CliError("annotate needs discussion files or folders (try --help)");
    if (!values.annotators) throw new CliError("--annotators <file> is required");
    if (!values.out) throw new CliError("--out <dir> is required");
    if (values.format !== undefined && values.format !== "legacy" && values.format !== "v2") throw new CliError(`--format must be legacy or v2, got "${values.format}"`);
    const scheme = values.scheme === undefined ? null : await readScheme(values.scheme);
    const listed = await readJsonFile(values.annotators, annotatorsFileSchema, "annotators file");
    const annotators = listed.map((annotator, index) => {
      const own = annotator.scheme ?? scheme;
      if (!own) throw new CliError(`annotator ${index + 1} ("${annotator.name}") has no scheme: give --scheme or a "scheme" in the annotators file`);
      return { ...annotator, scheme: own };
    });
    const parsedSpec = annotationJobSpecSchema.safeParse({
      name: values.name ?? path.basename(path.resolve(values.out)),
      annotators,
      includeModeratorComments: !values["no-moderator"],
      syndiscoFormat: values.format ?? "legacy",
    });
    if (!parsedSpec.success) throw new CliError(`annotation job: ${parsedSpec.error.issues[0]?.message ?? "invalid"}`);
    const { discussions, problems } = await findDiscussions(positionals);
    for (const problem of problems) process.stderr.write(`skipped ${problem.file}: ${problem.message}\n`);
    if (discussions.length === 0) throw new CliError("no SynDisco discussion file found in the given paths");
    const parallel = integerFlag(values.parallel, "parallel", Math.min(4, annotators.length * discussions.length), 1);
    const threads = integerFlag(values.threads, "threads", defaultThreadCount(), 1);
    const contextSize = integerFlag(values["context-size"], "context-size", 4096, 64);
    const servers = cliServerProfiles({ data: values.data });
    const show = values.quiet ? undefined : process.stderr.isTTY ? (line: string) => process.stderr.write(`\r${line}\x1b[K`) : (line: string) => process.stderr.write(`${line}\n`);
    const runner = new AnnotationRunner(parsedSpec.data, discussions, {
      jobId: path.basename(path.resolve(values.out)),
      directory: values.out,
      parallel,
      registry: { threads, contextSize, remote: (ref) => OpenAiChatModel.connect(ref, servers) },
      onProgress: show && throttle((progress: AnnotationProgress) => show(annotationProgressLine(progress)), process.stderr.isTTY ? 200 : 5000),
    });
    if (!values.quiet) process.stderr.write(`${annotators.length} annotator(s) x ${discussions.length} discussion(s), ${parallel} at once -> ${values.out}\n`);
    const detach = attachRunKeys(runner, "cancelling: every annotation made is kept; run the same command again to continue");
    try {
      const final = await runner.run().catch((error: unknown) => {
        throw new CliError(error instanceof Error ? error.message : String(error));
      });
      if (!values.quiet) process.stderr.write(process.stderr.isTTY ? `\r${annotationProgressLine(final)}\x1b[K\n` : `${annotationProgressLine(final)}\n`);
      for (const error of final.errors) process.stderr.write(`failed: ${error.annotator} on ${error.discussionId}: ${error.message}\n`);
      process.stdout.write(`${values.out}\n`);
      return final.state === "finished" && final.failed === 0 ? 0 : 1;
    } finally {
      detach();
    }
  },
};

async function readScheme(value: string): Promise<AnnotationScheme> {
  const preset = /[\\/.]/.test(value) ? null : findSchemePreset(value);
  return preset ?? readJsonFile(value, annotationSchemeSchema, "scheme");
}

/** One line: bar, done / total, unparsed, rate, ETA, state. */
export function annotationProgressLine(progress: AnnotationProgress, width = 30): string {
  const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(fraction * width);
  const extras = [progress.unparsed > 0 ? `${progress.unparsed} unparsed` : "", progress.failed > 0 ? `${progress.failed} failed` : ""].filter(Boolean);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${progress.done}/${progress.total} annotations (${(fraction * 100).toFixed(0)}%)${extras.length ? `, ${extras.join(", ")}` : ""}, ` +
    `${Math.round(progress.annotationsPerHour)}/h, ETA ${formatDuration(progress.etaSeconds)}${progress.state === "running" ? "" : ` [${progress.state}]`}`;
}
