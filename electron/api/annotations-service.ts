import { readdir } from "node:fs/promises";
import path from "node:path";
import type { AnnotationJobSummary, AnnotationTarget } from "../../shared/contract-annotations.js";
import type { StudioEvent } from "../../shared/contract.js";
import { annotationJobSpecSchema, type AnnotationJobSpec, type AnnotationProgress } from "../../shared/domain/index.js";
import { AnnotationRunner, type AnnotatedDiscussion } from "../engine/annotation/annotation-runner.js";
import { summarizeAnnotationFolder } from "../storage/annotation-folder-summary.js";
import { annotationJobFileSchema, annotationJobPaths } from "../storage/annotation-job-files.js";
import type { AnnotationStore } from "../storage/annotation-store.js";
import { findDiscussions } from "../storage/discussion-files.js";
import { NotFoundError, readDataFile, readTextIfExists } from "../storage/data-file.js";
import type { ModelRegistryOptions } from "../llm/model-registry.js";
import { folderName } from "./experiments-service.js";
import { StudioError } from "./studio-error.js";
import { throttled } from "./throttle.js";

export interface AnnotationServiceOptions {
  store: AnnotationStore;
  /** Where library discussions are (`<id>.json`). */
  discussionsDirectory: string;
  /** `<data>/experiments`: each study's folder. */
  experimentsDirectory: string;
  /** The file of a discussion the Library lists (its own or a study's); `<discussionsDirectory>/<id>.json` when absent. */
  discussionFile?: (id: string) => Promise<string>;
  registry: () => Promise<Omit<ModelRegistryOptions, "sequences">>;
  emit: (event: StudioEvent) => void;
  progressIntervalMs?: number;
}

interface Run {
  summary: AnnotationJobSummary;
  runner: AnnotationRunner;
  done: Promise<void>;
}

export interface StartInput {
  name: string;
  annotators: AnnotationJobSpec["annotators"];
  target: AnnotationTarget;
  includeModeratorComments: boolean;
  syndiscoFormat: AnnotationJobSpec["syndiscoFormat"];
  parallel?: number | undefined;
}

/** Runs annotation jobs in the background, one per folder, and reports their progress as events. */
export class AnnotationService {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly options: AnnotationServiceOptions) {}

  async start(input: StartInput): Promise<AnnotationJobSummary> {
    const parsed = annotationJobSpecSchema.safeParse({ name: input.name, annotators: input.annotators, includeModeratorComments: input.includeModeratorComments, syndiscoFormat: input.syndiscoFormat });
    if (!parsed.success) throw new StudioError("bad-request", parsed.error.issues[0]?.message ?? "invalid job");
    const { discussions, directory, target } = await this.resolveTarget(input.target, parsed.data.name);
    return this.launch(parsed.data, discussions, directory, target, input.parallel);
  }

  /** Continues a job folder from an earlier session: its own spec over the discussions it lists. */
  async resume(jobId: string): Promise<AnnotationJobSummary> {
    const { directory } = this.options.store.folderOf(jobId);
    const job = await readDataFile(annotationJobPaths(directory).job, annotationJobFileSchema);
    if (!job) throw new NotFoundError(`no annotation job in ${directory}`);
    const { discussions, problems } = await findDiscussions(job.discussions.map((discussion) => discussion.file));
    if (problems.length > 0) throw new StudioError("conflict", `cannot resume "${job.spec.name}": ${problems[0]?.file}: ${problems[0]?.message}`);
    return this.launch(job.spec, discussions, directory, `${discussions.length} discussions`, undefined);
  }

  control(jobId: string, action: "pause" | "resume" | "cancel"): AnnotationJobSummary {
    const run = this.runs.get(jobId);
    if (!run) throw new NotFoundError(`no annotation job "${jobId}" runs in this session`);
    if (!isActive(run.summary.progress.state)) throw new StudioError("conflict", `the job "${run.summary.name}" is not running`);
    run.runner[action]();
    run.summary = { ...run.summary, progress: run.runner.progress };
    return run.summary;
  }

  /** Jobs of this session first, then job folders on disk (finished, or stopped and resumable). */
  async jobs(): Promise<{ jobs: AnnotationJobSummary[]; problems: { file: string; message: string }[] }> {
    const jobs = [...this.runs.values()].map((run) => run.summary);
    const problems: { file: string; message: string }[] = [];
    for (const folder of await this.options.store.jobFolders()) {
      if (this.runs.has(folder.jobId)) continue;
      try {
        const summary = await summarizeAnnotationFolder(folder.directory);
        if (!summary) continue;
        const name = summary.job?.spec.name ?? `Imported: ${summary.annotators.join(", ")}`;
        jobs.push({
          jobId: folder.jobId,
          name,
          directory: folder.directory,
          target: summary.job ? `${summary.discussions} discussions` : `imported scores of ${summary.discussions} discussions`,
          annotators: summary.annotators,
          discussions: summary.discussions,
          parallel: 1,
          progress: { ...idleProgress(summary.unfinished ? "cancelled" : "finished"), total: summary.total, done: summary.done, unparsed: summary.unparsed },
          error: null,
          live: false,
        });
      } catch (error) {
        problems.push({ file: folder.directory, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { jobs, problems };
  }

  /** Studies on disk, with how many discussions each holds. */
  async studies(): Promise<{ experimentId: string; name: string; discussions: number }[]> {
    const entries = await readdir(this.options.experimentsDirectory, { withFileTypes: true }).catch(() => []);
    const studies: { experimentId: string; name: string; discussions: number }[] = [];
    for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const directory = path.join(this.options.experimentsDirectory, entry.name);
      const spec = await readTextIfExists(path.join(directory, "experiment.json")).catch(() => null);
      if (spec === null) continue;
      const { discussions } = await findDiscussions([directory]);
      studies.push({ experimentId: entry.name, name: studyName(spec) ?? entry.name, discussions: discussions.length });
    }
    return studies;
  }

  async shutdown(): Promise<void> {
    for (const run of this.runs.values()) run.runner.cancel();
    await Promise.allSettled([...this.runs.values()].map((run) => run.done));
  }

  async settled(jobId: string): Promise<AnnotationJobSummary | null> {
    const run = this.runs.get(jobId);
    if (!run) return null;
    await run.done;
    return run.summary;
  }

  private async resolveTarget(target: AnnotationTarget, name: string): Promise<{ discussions: AnnotatedDiscussion[]; directory: string; target: string }> {
    if (target.kind === "study") {
      const study = path.join(this.options.experimentsDirectory, target.experimentId);
      const { discussions } = await findDiscussions([study]).catch(() => ({ discussions: [] }));
      if (discussions.length === 0) throw new NotFoundError(`the study "${target.experimentId}" has no finished discussion to annotate`);
      return { discussions, directory: path.join(study, "annotations", folderName(name)), target: `study ${target.experimentId}` };
    }
    const locate = this.options.discussionFile ?? ((id: string) => Promise.resolve(path.join(this.options.discussionsDirectory, `${id}.json`)));
    const files = await Promise.all(target.ids.map(locate));
    const { discussions, problems } = await findDiscussions(files);
    if (problems.length > 0) throw new NotFoundError(`${problems[0]?.file}: ${problems[0]?.message}`);
    return { discussions, directory: path.join(this.options.store.annotationsDirectory, folderName(name)), target: `${discussions.length} discussions` };
  }

  private async launch(spec: AnnotationJobSpec, discussions: AnnotatedDiscussion[], directory: string, target: string, asked: number | undefined): Promise<AnnotationJobSummary> {
    const jobId = this.options.store.jobIdOf(directory);
    const active = this.runs.get(jobId);
    if (active && isActive(active.summary.progress.state)) throw new StudioError("conflict", `the job "${spec.name}" is already running`);
    const parallel = asked ?? Math.min(4, spec.annotators.length * discussions.length);
    const emitProgress = throttled((summary: AnnotationJobSummary) => this.options.emit({ name: "annotations.progress", payload: summary }), this.options.progressIntervalMs ?? 250);
    let lastState: AnnotationProgress["state"] | null = null;
    const runner = new AnnotationRunner(spec, discussions, {
      jobId,
      directory,
      parallel,
      registry: await this.options.registry(),
      onProgress: (progress) => {
        run.summary = { ...run.summary, progress };
        emitProgress(run.summary);
        if (progress.state !== lastState) emitProgress.flush();
        lastState = progress.state;
      },
    });
    const run: Run = {
      runner,
      summary: { jobId, name: spec.name, directory, target, annotators: spec.annotators.map((a) => a.name), discussions: discussions.length, parallel, progress: runner.progress, error: null, live: true },
      done: Promise.resolve(),
    };
    run.done = runner
      .run()
      .then(
        (progress) => void (run.summary = { ...run.summary, progress }),
        (error: unknown) => void (run.summary = { ...run.summary, progress: { ...runner.progress, state: "cancelled" }, error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        emitProgress.cancel();
        this.options.emit({ name: "annotations.progress", payload: run.summary });
      });
    this.runs.set(jobId, run);
    return run.summary;
  }
}

function isActive(state: AnnotationProgress["state"]): boolean {
  return state === "running" || state === "paused" || state === "cancelling";
}

function idleProgress(state: AnnotationProgress["state"]): AnnotationProgress {
  return { total: 0, done: 0, unparsed: 0, failed: 0, annotationsPerHour: 0, etaSeconds: null, promptTokens: { evaluated: 0, total: 0 }, annotators: [], errors: [], state };
}

function studyName(text: string): string | null {
  try {
    const name = (JSON.parse(text) as { spec?: { name?: unknown } }).spec?.name;
    return typeof name === "string" ? name : null;
  } catch {
    return null;
  }
}
