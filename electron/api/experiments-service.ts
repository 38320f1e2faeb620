import path from "node:path";
import type { ExperimentPlanInfo, ExperimentSummary } from "../../shared/contract-experiments.js";
import type { StudioEvent } from "../../shared/contract.js";
import { runRecordSchema, type ExperimentProgress, type ExperimentSpec } from "../../shared/domain/index.js";
import { ExperimentRunner, type ExperimentRunnerOptions } from "../engine/experiment-runner.js";
import { planExperiment } from "../engine/experiment-plan.js";
import { chooseParallelism } from "../engine/experiment-parallelism.js";
import { NotFoundError, readTextIfExists } from "../storage/data-file.js";
import { readStudySpec } from "../storage/experiment-files.js";
import { runPaths } from "../storage/run-layout.js";
import type { ModelRegistryOptions } from "../llm/model-registry.js";
import type { ServerProfileSource } from "../llm/server-resolver.js";
import type { DiscussionRunner } from "./discussion-runner.js";
import { estimateExperiment } from "./experiments-estimate.js";
import { StudioError } from "./studio-error.js";
import { throttled } from "./throttle.js";
import { sharedLlama } from "../llm/llama-runtime.js";

export interface ExperimentServiceOptions {
  /** `<data>/experiments`: each study in the folder named after it. */
  directory: string;
  /** Where single discussions' run records are (their speed feeds the estimate). */
  recordsDirectory: string;
  registry: () => Promise<Omit<ModelRegistryOptions, "sequences">>;
  /** The user's server profiles (their concurrency sizes a servers-only study). */
  servers?: ServerProfileSource;
  runtime: () => Promise<ExperimentRunnerOptions["runtime"]>;
  /** Shows the study's running discussions to `discussion.subscribe` (the live transcript). */
  discussions: DiscussionRunner;
  emit: (event: StudioEvent) => void;
  /** Least time between two progress events of one study (state changes go at once). */
  progressIntervalMs?: number;
}

interface Run {
  summary: ExperimentSummary;
  runner: ExperimentRunner;
  done: Promise<void>;
}

/** Runs studies in the background, one per folder, and reports their progress as events. */
export class ExperimentService {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly options: ExperimentServiceOptions) {}

  async plan(spec: ExperimentSpec, parallel: number | undefined): Promise<ExperimentPlanInfo> {
    const plan = planExperiment(spec);
    const outputDirectory = this.outputDirectory(spec);
    // The first cell's: every cell of a repetition seats the same people (drawn from its population's pool, where the study varies it).
    const samples = plan.discussions
      .filter((discussion) => discussion.cell.index === 0)
      .slice(0, 3)
      .map((discussion) => ({ repetition: discussion.repetition, participants: discussion.participants }));
    const finished = await finishedIds(outputDirectory, plan.discussions.map((planned) => planned.discussionId));
    return {
      cells: plan.cells.map((cell) => ({ id: cell.id, conditions: { ...cell.conditions } })),
      discussions: plan.discussions.length,
      samples,
      estimate: await estimateExperiment(spec, [this.options.recordsDirectory, this.options.directory]),
      outputDirectory,
      alreadyDone: plan.discussions.filter((planned) => finished.has(planned.discussionId)).length,
      folderHoldsOtherSpec: await this.holdsOtherSpec(outputDirectory, spec),
      parallel: await this.parallel(spec, parallel),
    };
  }

  /** Starts (or continues, in the same folder) a study; refuses a folder that holds another spec. */
  async start(spec: ExperimentSpec, parallel: number | undefined): Promise<ExperimentSummary> {
    const experimentId = folderName(spec.name);
    const active = this.runs.get(experimentId);
    if (active && isActive(active.summary.progress.state)) throw new StudioError("conflict", `the study "${spec.name}" is already running`);
    const outputDirectory = this.outputDirectory(spec);
    if (await this.holdsOtherSpec(outputDirectory, spec)) {
      throw new StudioError("conflict", `${outputDirectory} holds a different study named "${spec.name}"; rename this one to start it`);
    }
    const chosen = await this.parallel(spec, parallel);
    const emitProgress = throttled((summary: ExperimentSummary) => this.options.emit({ name: "experiments.progress", payload: summary }), this.options.progressIntervalMs ?? 250);
    let lastState: ExperimentProgress["state"] | null = null;
    const runner: ExperimentRunner = new ExperimentRunner(spec, {
      outputDirectory,
      parallel: chosen.value,
      registry: await this.options.registry(),
      runtime: await this.options.runtime(),
      onProgress: (progress) => {
        run.summary = { ...run.summary, progress };
        emitProgress(run.summary);
        // A change of state is news at once, not at the next tick.
        if (progress.state !== lastState) emitProgress.flush();
        lastState = progress.state;
      },
      onDiscussionEvent: (event, planned) => {
        // From its first event (the seed comments), so a subscriber's backlog starts at index 0.
        if (!tracked.has(planned.discussionId)) {
          const discussion = runner.discussion(planned.discussionId);
          if (discussion) tracked.set(planned.discussionId, this.options.discussions.track(planned.discussionId, planned.design.name, discussion));
        }
        tracked.get(planned.discussionId)?.(event);
        if (event.type === "end" || event.type === "error") tracked.delete(planned.discussionId);
      },
    });
    const tracked = new Map<string, (event: Parameters<NonNullable<ExperimentRunnerOptions["onDiscussionEvent"]>>[0]) => void>();
    const run: Run = {
      runner,
      summary: { experimentId, name: spec.name, outputDirectory, parallel: chosen.value, progress: runner.progress, error: null },
      done: Promise.resolve(),
    };
    run.done = runner.run().then(
      (progress) => {
        run.summary = { ...run.summary, progress };
      },
      (error: unknown) => {
        run.summary = { ...run.summary, progress: { ...runner.progress, state: "cancelled" }, error: error instanceof Error ? error.message : String(error) };
      },
    ).finally(() => {
      emitProgress.cancel();
      this.options.emit({ name: "experiments.progress", payload: run.summary });
    });
    this.runs.set(experimentId, run);
    return run.summary;
  }

  control(experimentId: string, action: "pause" | "resume" | "cancel"): ExperimentSummary {
    const run = this.runs.get(experimentId);
    if (!run) throw new NotFoundError(`no study "${experimentId}" has run since the engine started`);
    if (!isActive(run.summary.progress.state)) throw new StudioError("conflict", `the study "${run.summary.name}" is not running`);
    run.runner[action]();
    run.summary = { ...run.summary, progress: run.runner.progress };
    return run.summary;
  }

  spec(experimentId: string): ExperimentSpec {
    const run = this.runs.get(experimentId);
    if (!run) throw new NotFoundError(`no study "${experimentId}" has run since the engine started`);
    return run.runner.spec;
  }

  list(): ExperimentSummary[] {
    return [...this.runs.values()].map((run) => run.summary);
  }

  /** Cancels every study (finished discussions are kept; starting again continues) and waits for them. */
  async shutdown(): Promise<void> {
    for (const run of this.runs.values()) run.runner.cancel();
    await Promise.allSettled([...this.runs.values()].map((run) => run.done));
  }

  /** Resolves when the study's run has ended (tests). */
  async settled(experimentId: string): Promise<ExperimentSummary | null> {
    const run = this.runs.get(experimentId);
    if (!run) return null;
    await run.done;
    return run.summary;
  }

  outputDirectory(spec: ExperimentSpec): string {
    return path.join(this.options.directory, folderName(spec.name));
  }

  private async parallel(spec: ExperimentSpec, asked: number | undefined): Promise<{ value: number; reason: string }> {
    if (asked !== undefined) return { value: asked, reason: "as asked" };
    const registry = await this.options.registry();
    try {
      const choice = await chooseParallelism(spec, registry.contextSize ?? 4096, 8, registry.modelsDirectory, await sharedLlama(registry.gpu ?? "auto"), this.options.servers);
      return { value: choice.parallel, reason: choice.reason };
    } catch (error) {
      return { value: 1, reason: `one at a time: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async holdsOtherSpec(outputDirectory: string, spec: ExperimentSpec): Promise<boolean> {
    const previous = await readStudySpec(outputDirectory);
    return previous !== null && JSON.stringify(previous) !== JSON.stringify(spec);
  }
}

/** The study's folder: its name made safe for every file system (a resumed study finds it by name). */
export function folderName(name: string): string {
  const safe = name.trim().replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "").slice(0, 100);
  return safe || "experiment";
}

function isActive(state: ExperimentProgress["state"]): boolean {
  return state === "running" || state === "paused" || state === "cancelling";
}

/** Discussions a rerun would keep: a completed run record (stopped or failed ones run again). */
async function finishedIds(outputDirectory: string, discussionIds: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const id of discussionIds) {
    const text = await readTextIfExists(runPaths(outputDirectory, id).runRecord).catch(() => null);
    const record = text === null ? null : runRecordSchema.safeParse(safeJson(text));
    if (record?.success && record.data.status === "completed") ids.add(id);
  }
  return ids;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
