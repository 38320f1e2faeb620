import type { AnnotationJobSpec, AnnotationProgress, CommentAnnotation, DiscussionLog } from "../../../shared/domain/index.js";
import { ModelRegistry, type ModelRegistryOptions } from "../../llm/model-registry.js";
import type { ChatModel } from "../../llm/types.js";
import { AnnotationJobFiles, jobDiscussion } from "../../storage/annotation-job-files.js";
import { annotationPrompt } from "./annotation-prompts.js";
import { annotationFromResult, annotationSeed, annotatorInfo, planTasks, prepareAnnotator, takeTask, type AnnotationTask } from "./annotation-tasks.js";

export interface AnnotationRunnerOptions {
  /** Id recorded in the job's records (its folder relative to the data folder, or the folder's name). */
  jobId: string;
  /** The job's folder (job.json, journal, records, syndisco). */
  directory: string;
  /** Annotator x discussion pairs at once, each a sequence of the shared context, so llama.cpp batches them. */
  parallel: number;
  registry?: Omit<ModelRegistryOptions, "sequences">;
  onProgress?: (progress: AnnotationProgress) => void;
  onAnnotation?: (discussionId: string, annotation: CommentAnnotation) => void;
}

export interface AnnotatedDiscussion {
  log: DiscussionLog;
  /** Where the discussion file is (recorded in job.json). */
  file: string;
}

const MAX_ERRORS = 20;

/**
 * Runs an annotation job: every annotator over every comment of every discussion, `parallel`
 * annotator x discussion pairs at a time. Consecutive comments of one pair go to the same
 * sequence, so the system prompt (and a history still growing) is kept, never re-evaluated.
 * Every annotation is journaled as it is made; a pair's files are written when it is finished;
 * a rerun in the same folder continues where the last one stopped.
 */
export class AnnotationRunner {
  private readonly tasks: AnnotationTask[];
  private readonly total: number;
  private files: AnnotationJobFiles | null = null;
  private state: AnnotationProgress["state"] = "running";
  private resumeWaiters: (() => void)[] = [];
  private readonly abort = new AbortController();
  private readonly errors: AnnotationProgress["errors"] = [];
  private failed = 0;
  private startedAt = 0;
  private madeThisSession = 0;
  private readonly promptTokens = { evaluated: 0, total: 0 };
  /** Per annotator: annotations the job asks for and those made (this session or before). */
  private readonly counts = new Map<string, { name: string; done: number; total: number }>();
  private unparsed = 0;

  constructor(
    readonly spec: AnnotationJobSpec,
    private readonly discussions: readonly AnnotatedDiscussion[],
    private readonly options: AnnotationRunnerOptions,
  ) {
    this.tasks = planTasks(spec.annotators.map(prepareAnnotator), discussions.map((d) => d.log), spec.includeModeratorComments);
    this.total = this.tasks.reduce((sum, task) => sum + task.items.length, 0);
    for (const annotator of spec.annotators) this.counts.set(annotator.name, { name: annotator.name, done: 0, total: 0 });
    for (const task of this.tasks) this.countsOf(task.prepared.annotator.name).total += task.items.length;
  }

  pause(): void {
    if (this.state !== "running") return;
    this.state = "paused";
    this.emitProgress();
  }

  resume(): void {
    if (this.state !== "paused") return;
    this.state = "running";
    for (const wake of this.resumeWaiters.splice(0)) wake();
    this.emitProgress();
  }

  /** Stops now (an annotation being made is dropped); a rerun continues from the journal. */
  cancel(): void {
    if (this.state === "finished" || this.state === "cancelled") return;
    this.state = "cancelling";
    this.abort.abort();
    for (const wake of this.resumeWaiters.splice(0)) wake();
    this.emitProgress();
  }

  async run(): Promise<AnnotationProgress> {
    const job = { jobId: this.options.jobId, spec: this.spec, discussions: this.discussions.map((d) => jobDiscussion(d.log, d.file)) };
    // A folder holding another job is refused before any model loads or anything is written.
    await AnnotationJobFiles.check(this.options.directory, job);
    const parallel = Math.max(1, this.options.parallel);
    const registry = new ModelRegistry({ ...this.options.registry, sequences: parallel });
    try {
      const models = await this.loadModels(registry, parallel);
      const files = (this.files = await AnnotationJobFiles.open(this.options.directory, job));
      this.countResumed(files);
      for (const task of this.tasks) if (this.isComplete(task) && !files.isWritten(task.log.id, task.prepared.annotator.name)) await this.writeOutputs(task, models);
      const queue = this.tasks.filter((task) => !files.isWritten(task.log.id, task.prepared.annotator.name));
      this.startedAt = performance.now();
      this.emitProgress();
      const workers = Array.from({ length: parallel }, (_, worker) => this.work(worker, queue, models));
      await Promise.all(workers);
      if (this.state !== "cancelling" && this.failed === 0) await files.removeJournal();
    } finally {
      await this.files?.close();
      await registry.dispose();
    }
    this.state = this.state === "cancelling" ? "cancelled" : "finished";
    return this.emitProgress();
  }

  /** Every annotator's model, loaded before anything starts: a missing file is named with its annotator. */
  private async loadModels(registry: ModelRegistry, parallel: number): Promise<Map<string, ChatModel>> {
    const models = new Map<string, ChatModel>();
    for (const annotator of this.spec.annotators) {
      try {
        models.set(annotator.name, await registry.load(annotator.model, parallel));
      } catch (error) {
        throw new Error(`annotator "${annotator.name}": ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return models;
  }

  private async work(worker: number, queue: AnnotationTask[], models: Map<string, ChatModel>): Promise<void> {
    let last: string | null = null;
    const keys = new Set<string>();
    for (let task = takeTask(queue, last); task; task = takeTask(queue, last)) {
      const name = task.prepared.annotator.name;
      const model = models.get(name) as ChatModel;
      const sequenceKey = `annotation:${this.options.jobId}:${name}:${worker}`;
      keys.add(sequenceKey);
      last = name;
      try {
        const finished = await this.annotate(task, model, sequenceKey);
        if (!finished) return;
        await this.writeOutputs(task, models);
      } catch (error) {
        this.failed++;
        this.errors.push({ annotator: name, discussionId: task.log.id, message: error instanceof Error ? error.message : String(error) });
        if (this.errors.length > MAX_ERRORS) this.errors.shift();
        this.emitProgress();
      }
    }
    for (const model of new Set(models.values())) await model.releaseSequences([...keys]);
  }

  /** Rates the task's comments not yet done; false when the job was cancelled midway. */
  private async annotate(task: AnnotationTask, model: ChatModel, sequenceKey: string): Promise<boolean> {
    const files = this.files as AnnotationJobFiles;
    const { annotator, systemPrompt, replySchema } = task.prepared;
    const done = files.done(task.log.id, annotator.name);
    for (const item of task.items) {
      if (done.has(item.commentIndex)) continue;
      await this.whileRunning();
      if (this.state === "cancelling") return false;
      const seed = annotationSeed(annotator, task.log.id, item.commentIndex);
      const result = await model.generate({ sequenceKey, prompt: annotationPrompt(systemPrompt, item), sampling: annotator.sampling, seed, replySchema, signal: this.abort.signal });
      if (result.stopReason === "aborted") return false;
      const annotation = annotationFromResult(annotator.name, item.commentIndex, seed, result);
      await files.append(task.log.id, annotation);
      this.countsOf(annotator.name).done++;
      if (annotation.values === null) this.unparsed++;
      this.madeThisSession++;
      this.promptTokens.evaluated += result.evaluatedPromptTokens;
      this.promptTokens.total += result.promptTokens;
      this.options.onAnnotation?.(task.log.id, annotation);
      this.emitProgress();
    }
    return true;
  }

  private async writeOutputs(task: AnnotationTask, models: Map<string, ChatModel>): Promise<void> {
    const model = models.get(task.prepared.annotator.name) as ChatModel;
    await this.files?.writeOutputs(task.log, annotatorInfo(task.prepared, model.identity.displayName), this.spec.syndiscoFormat, this.options.jobId);
  }

  private isComplete(task: AnnotationTask): boolean {
    const done = this.files?.done(task.log.id, task.prepared.annotator.name);
    return done !== undefined && task.items.every((item) => done.has(item.commentIndex));
  }

  private whileRunning(): Promise<void> {
    if (this.state !== "paused") return Promise.resolve();
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  private countsOf(annotator: string): { name: string; done: number; total: number } {
    return this.counts.get(annotator) as { name: string; done: number; total: number };
  }

  /** What a previous session already made counts as done. */
  private countResumed(files: AnnotationJobFiles): void {
    for (const task of this.tasks) {
      const done = files.done(task.log.id, task.prepared.annotator.name);
      for (const item of task.items) {
        const annotation = done.get(item.commentIndex);
        if (!annotation) continue;
        this.countsOf(task.prepared.annotator.name).done++;
        if (annotation.values === null) this.unparsed++;
      }
    }
  }

  get progress(): AnnotationProgress {
    const done = [...this.counts.values()].reduce((sum, counts) => sum + counts.done, 0);
    const hours = this.startedAt ? (performance.now() - this.startedAt) / 3_600_000 : 0;
    const perHour = hours > 0 ? this.madeThisSession / hours : 0;
    return {
      total: this.total,
      done,
      unparsed: this.unparsed,
      failed: this.failed,
      annotationsPerHour: perHour,
      etaSeconds: perHour > 0 ? ((this.total - done) / perHour) * 3600 : null,
      promptTokens: { ...this.promptTokens },
      annotators: [...this.counts.values()].map((counts) => ({ ...counts })),
      errors: [...this.errors],
      state: this.state,
    };
  }

  private emitProgress(): AnnotationProgress {
    const progress = this.progress;
    this.options.onProgress?.(progress);
    return progress;
  }
}
