import { readJsonFile } from "./read-json-file.js";
import { experimentSpecSchema, type ExperimentSpec } from "../../shared/domain/index.js";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { integerFlag, parseFlags } from "./parse-flags.js";
import { ExperimentRunner } from "../engine/experiment-runner.js";
import { planExperiment } from "../engine/experiment-plan.js";
import { defaultThreadCount, gpuLabel, sharedLlama } from "../llm/llama-runtime.js";
import { appVersion } from "../app-version.js";
import { chooseParallelism } from "../engine/experiment-parallelism.js";
import { OpenAiChatModel } from "../llm/openai-chat-model.js";
import { progressLine } from "./progress-bar.js";
import { cliServerProfiles } from "./server-flags.js";
import { attachRunKeys, throttle } from "./run-keys.js";

const help = `Usage: syndisco-studio experiment run <spec.json> --out <dir> [--parallel N] [--threads N] [--context-size N] [--data <dir>]
       syndisco-studio experiment plan <spec.json>

run   runs every discussion of the study, N at a time (default: as many as fit in
      free memory, at most 8), writing
      <out>/discussions/<id>.json (legacy SynDisco; give this folder to SynDisco's loader)
      and <out>/records/<id>.run.json as each finishes, plus <out>/experiment.json and
      <out>/manifest.csv (each discussion's cell). Run it again after a crash or a kill
      to continue: finished discussions are kept, unfinished ones rerun.
      Keys while running (in a terminal): p pause / resume, q or Ctrl-C cancel
      (a second Ctrl-C quits at once).
plan  prints the cells, the number of discussions and the first sampled participant sets.
Server models are the server profiles of the data folder (--data, default the app's) that the spec names.`;

export const experimentCommand: CliCommand = {
  name: "experiment",
  summary: "plan or run a study (conditions x repetitions), resumable",
  help,
  async run(args) {
    const [verb, ...rest] = args;
    const { values, positionals } = parseFlags(
      rest,
      { out: { type: "string" }, parallel: { type: "string" }, threads: { type: "string" }, "context-size": { type: "string" }, quiet: { type: "boolean" }, data: { type: "string" } },
      true,
    );
    const [file] = positionals;
    if (verb !== "run" && verb !== "plan") throw new CliError('experiment needs "run" or "plan" (try --help)');
    if (!file || positionals.length > 1) throw new CliError(`experiment ${verb} takes exactly one spec file`);
    const spec = await readExperimentSpec(file);
    if (verb === "plan") return printPlan(spec);
    if (!values.out) throw new CliError("--out <dir> is required");
    const threads = integerFlag(values.threads, "threads", defaultThreadCount(), 1);
    const contextSize = integerFlag(values["context-size"], "context-size", 4096, 64);
    const llama = await sharedLlama();
    const servers = cliServerProfiles({ data: values.data });
    let parallel = integerFlag(values.parallel, "parallel", 1, 1);
    if (values.parallel === undefined) {
      const choice = await chooseParallelism(spec, contextSize, 8, undefined, undefined, servers);
      parallel = choice.parallel;
      process.stderr.write(`running ${parallel} discussions at once: ${choice.reason} (override with --parallel)\n`);
    }
    const runner = new ExperimentRunner(spec, {
      outputDirectory: values.out,
      parallel,
      registry: { threads, contextSize, remote: (ref) => OpenAiChatModel.connect(ref, servers) },
      runtime: { app: appVersion, gpu: gpuLabel(llama), threads, contextSize },
      onModelLoaded: (model) => {
        if (model.capacity && !values.quiet) process.stderr.write(`${model.identity.displayName}: ${model.capacity.reason}\n`);
      },
      // A terminal gets a bar redrawn in place; a log file gets one line every few seconds.
      onProgress: values.quiet
        ? undefined
        : process.stderr.isTTY
          ? throttle((progress) => process.stderr.write(`\r${progressLine(progress)}\x1b[K`), 200)
          : throttle((progress) => process.stderr.write(`${progressLine(progress)}\n`), 5000),
    });
    const detach = attachRunKeys(runner, "cancelling: finished discussions are kept; run the same command again to continue");
    try {
      const final = await runner.run();
      process.stderr.write(process.stderr.isTTY ? `\r${progressLine(final)}\x1b[K\n` : `${progressLine(final)}\n`);
      process.stdout.write(`${values.out}\n`);
      return final.state === "finished" && final.failed === 0 ? 0 : 1;
    } finally {
      detach();
    }
  },
};

export function readExperimentSpec(file: string): Promise<ExperimentSpec> {
  return readJsonFile(file, experimentSpecSchema, "experiment spec");
}

function printPlan(spec: ExperimentSpec): number {
  const plan = planExperiment(spec);
  process.stdout.write(`${plan.cells.length} cells x ${spec.repetitions} repetitions = ${plan.discussions.length} discussions\n`);
  for (const cell of plan.cells) process.stdout.write(`  ${cell.id}\n`);
  const populations = spec.conditions.populations ?? [];
  process.stdout.write(`participants of the first repetitions (the same in every cell${populations.length > 0 ? ` of population ${populations[0]?.label}` : ""}):\n`);
  for (const discussion of plan.discussions.filter((entry) => entry.cell.index === 0).slice(0, 3)) {
    process.stdout.write(`  ${discussion.repetition + 1}: ${discussion.participants.join(", ")}\n`);
  }
  return 0;
}
