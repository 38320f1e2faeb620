import { mkdir } from "node:fs/promises";
import type { DiscussionEvent, ExperimentProgress, ExperimentSpec } from "../../shared/domain/index.js";
import { ModelRegistry, type ModelRegistryOptions } from "../llm/model-registry.js";
import { finishedRun, manifestRowFromRecord, writeExperimentFile, writeManifest, type ManifestRow } from "../storage/experiment-files.js";
import { migrateStudyFolder } from "../storage/run-folder-migration.js";
import { removeStaleTemporaryFiles } from "../storage/run-layout.js";
import { planExperiment, type ExperimentPlan, type PlannedDiscussion } from "./experiment-plan.js";
import { runRecordedDiscussion } from "./recorded-run.js";
import type { Discussion } from "./discussion.js";
import type { ChatModel } from "../llm/types.js";

export interface ExperimentRunnerOptions {
  outputDirectory: string;
  /** Discussions at once; each is its own set of sequences in the shared contexts, so llama.cpp batches them. */
  parallel: number;
  registry?: Omit<ModelRegistryOptions, "sequences">;
  /**
   * Sequences per running discussion: one per actor keeps every actor's prefix for reuse;
   * fewer share sequences by least-recent use (still exact), which costs memory less.
   */
  sequencesPerDiscussion?: number;
  runtime: { app: string; gpu: string; threads: number; contextSize: number };
  onProgress?: (progress: ExperimentProgress) => void;
  onDiscussionEvent?: (event: DiscussionEvent, planned: PlannedDiscussion) => void;
  /** Each model once it is loaded (a local one says how many sequences its context got, and why). */
  onModelLoaded?: (model: ChatModel) => void;
}

/**
 * Runs a study: a queue of planned discussions, `parallel` at a time. Each finished one is
 * written at once: `<out>/discussions/<id>.json`, its record in `<out>/records/` (run-layout.ts;
 * a folder of an older layout is moved to it first); a restarted study skips those and reruns
 * the rest from scratch (their seeds are fixed, so nothing changes but the time).
 */
export class ExperimentRunner {
  readonly plan: ExperimentPlan;
  private readonly rows = new Map<string, ManifestRow>();
  private readonly running = new Map<string, { discussion: Discussion; planned: PlannedDiscussion; comments: number }>();
  private state: ExperimentProgress["state"] = "running";
  private resumeWaiters: (() => void)[] = [];
  private startedAt = 0;
  private generatedThisSession = 0;
  private finishedThisSession = 0;
  private manifestWrite: Promise<void> = Promise.resolve();
  private readonly announced = new Set<ChatModel>();

  constructor(
    readonly spec: ExperimentSpec,
    private readonly options: ExperimentRunnerOptions,
  ) {
    this.plan = planExperiment(spec);
    for (const planned of this.plan.discussions) {
      this.rows.set(planned.discussionId, { planned, status: "pending", comments: 0, generatedTokens: 0, seconds: 0 });
    }
  }

  discussion(discussionId: string): Discussion | null {
    return this.running.get(discussionId)?.discussion ?? null;
  }

  pause(): void {
    if (this.state !== "running") return;
    this.state = "paused";
    for (const { discussion } of this.running.values()) discussion.pause();
    this.emitProgress();
  }

  resume(): void {
    if (this.state !== "paused") return;
    this.state = "running";
    for (const { discussion } of this.running.values()) discussion.resume();
    for (const wake of this.resumeWaiters.splice(0)) wake();
    this.emitProgress();
  }

  /** Stops running discussions (they rerun on resume) and starts no more. */
  cancel(): void {
    if (this.state === "finished" || this.state === "cancelled") return;
    this.state = "cancelling";
    for (const { discussion } of this.running.values()) discussion.stop();
    for (const wake of this.resumeWaiters.splice(0)) wake();
    this.emitProgress();
  }

  async run(): Promise<ExperimentProgress> {
    const { outputDirectory } = this.options;
    await mkdir(outputDirectory, { recursive: true });
    await writeExperimentFile(outputDirectory, this.spec, this.plan);
    await migrateStudyFolder(outputDirectory);
    await removeStaleTemporaryFiles(outputDirectory);
    const queue: PlannedDiscussion[] = [];
    for (const planned of this.plan.discussions) {
      const record = await finishedRun(outputDirectory, planned);
      if (record) this.rows.set(planned.discussionId, manifestRowFromRecord(planned, record));
      else queue.push(planned);
    }
    await writeManifest(outputDirectory, [...this.rows.values()]);
    // Users, a moderator, and an LLM-selected turn manager's own sequence where a condition has one.
    const selectorSequence = this.spec.conditions.turnManagers.some((manager) => manager.spec.kind === "llm-selected") ? 1 : 0;
    const sequencesPerDiscussion = this.options.sequencesPerDiscussion ?? this.spec.usersPerDiscussion + 1 + selectorSequence;
    const registry = new ModelRegistry({ ...this.options.registry, sequences: this.options.parallel * sequencesPerDiscussion });
    this.startedAt = performance.now();
    this.emitProgress();
    try {
      const workers = Array.from({ length: Math.max(1, this.options.parallel) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await this.whileRunning();
          if (this.state === "cancelling") return;
          await this.runOne(next, registry);
        }
      });
      await Promise.allSettled(workers);
    } finally {
      await registry.dispose();
      await this.manifestWrite;
    }
    this.state = this.state === "cancelling" ? "cancelled" : "finished";
    await writeManifest(outputDirectory, [...this.rows.values()]);
    return this.emitProgress();
  }

  private async runOne(planned: PlannedDiscussion, registry: ModelRegistry): Promise<void> {
    const row = this.rows.get(planned.discussionId) as ManifestRow;
    row.status = "running";
    try {
      await this.runRecorded(planned, row, registry);
    } catch (error) {
      // A model that cannot load (missing file, no memory) fails its discussions, not the study.
      row.status = "failed";
      this.options.onDiscussionEvent?.({ type: "error", discussionId: planned.discussionId, message: error instanceof Error ? error.message : String(error) }, planned);
    }
    this.manifestWrite = this.manifestWrite.then(() => writeManifest(this.options.outputDirectory, [...this.rows.values()]));
    await this.manifestWrite;
    this.emitProgress();
  }

  private async runRecorded(planned: PlannedDiscussion, row: ManifestRow, registry: ModelRegistry): Promise<void> {
    const result = await runRecordedDiscussion(planned.design, {
      registry,
      outputDirectory: this.options.outputDirectory,
      id: planned.discussionId,
      runtime: this.options.runtime,
      onDiscussion: (discussion) => {
        for (const model of registry.models) {
          if (this.announced.has(model)) continue;
          this.announced.add(model);
          this.options.onModelLoaded?.(model);
        }
        this.running.set(planned.discussionId, { discussion, planned, comments: 0 });
        // The state may have changed while its models were loading.
        if (this.state === "paused") discussion.pause();
        if (this.state === "cancelling") discussion.stop();
      },
      onEvent: (event) => {
        if (event.type === "comment" || event.type === "silent-turn") {
          const entry = this.running.get(planned.discussionId);
          if (entry && event.type === "comment") entry.comments++;
          this.generatedThisSession += event.stats?.generatedTokens ?? 0;
          this.emitProgress();
        }
        this.options.onDiscussionEvent?.(event, planned);
      },
    }).finally(() => this.running.delete(planned.discussionId));
    const records = result.discussion.records;
    row.status = result.status;
    row.comments = records.filter((record) => record.logged).length;
    row.generatedTokens = records.reduce((sum, record) => sum + (record.stats?.generatedTokens ?? 0), 0);
    row.seconds = records.reduce((sum, record) => sum + (record.stats?.seconds ?? 0), 0);
    if (result.status === "completed") this.finishedThisSession++;
  }

  private whileRunning(): Promise<void> {
    if (this.state !== "paused") return Promise.resolve();
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  get progress(): ExperimentProgress {
    const rows = [...this.rows.values()];
    const done = rows.filter((row) => row.status === "completed").length;
    const elapsed = this.startedAt ? (performance.now() - this.startedAt) / 1000 : 0;
    const remaining = rows.length - done;
    const cells = this.plan.cells.map((cell) => {
      const cellRows = rows.filter((row) => row.planned.cell.id === cell.id);
      return { cell: cell.id, done: cellRows.filter((row) => row.status === "completed").length, total: cellRows.length };
    });
    return {
      total: rows.length,
      done,
      failed: rows.filter((row) => row.status === "failed").length,
      running: [...this.running.values()].map(({ planned, comments }) => ({ discussionId: planned.discussionId, cell: planned.cell.id, repetition: planned.repetition, comments })),
      generatedTokens: rows.reduce((sum, row) => sum + row.generatedTokens, 0),
      tokensPerSecond: elapsed > 0 ? this.generatedThisSession / elapsed : 0,
      etaSeconds: this.finishedThisSession > 0 ? (elapsed / this.finishedThisSession) * remaining : null,
      cells,
      state: this.state,
    };
  }

  private emitProgress(): ExperimentProgress {
    const progress = this.progress;
    this.options.onProgress?.(progress);
    return progress;
  }
}
