import type { DiscussionDesign, DiscussionEvent, SpeakerChoice } from "../../shared/domain/index.js";
import { DiscussionRecorder, type RunPaths } from "../storage/run-files.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import { Discussion } from "./discussion.js";
import { retryEvery, SaveGuard, type SaveFailureHandler } from "./save-failures.js";
import { buildDiscussionLog } from "./discussion-log.js";

export interface RecordedRunOptions {
  registry: ModelRegistry;
  /** The output folder: the discussion goes to its discussions/, the record and journal to its records/ (run-layout.ts). */
  outputDirectory: string;
  id?: string;
  signal?: AbortSignal;
  startPaused?: boolean;
  runtime: { app: string; gpu: string; threads: number; contextSize: number };
  onEvent?: (event: DiscussionEvent) => void;
  /** A replay's recorded speaker choices (what a person picked in manual turn-taking). */
  replaySpeakerChoices?: readonly SpeakerChoice[];
  /** Receives the discussion as soon as it exists, to pause, step or answer human turns. */
  onDiscussion?: (discussion: Discussion) => void;
  /** Asked what to do when a run file cannot be written (default: try again every 10 s until stopped). */
  onSaveFailure?: SaveFailureHandler;
}

export interface RecordedRunResult {
  discussion: Discussion;
  paths: RunPaths;
  status: "completed" | "stopped" | "failed";
  error: string | null;
}

/** Runs a discussion while journaling every event; writes the SynDisco file and run record at the end. */
export async function runRecordedDiscussion(design: DiscussionDesign, options: RecordedRunOptions): Promise<RecordedRunResult> {
  const modelFor = await options.registry.prepare(design);
  const discussion = new Discussion(design, { id: options.id, modelFor, signal: options.signal, startPaused: options.startPaused, replaySpeakerChoices: options.replaySpeakerChoices });
  options.onDiscussion?.(discussion);
  const speakingActors = [...design.participants, ...(design.moderator ? [design.moderator] : [])].filter((actor) => actor.role !== "human");
  const models = [...new Set(speakingActors.map(modelFor))].map((model) => model.identity);
  const recorder = await DiscussionRecorder.start(options.outputDirectory, {
    discussionId: discussion.id,
    startedAt: new Date().toISOString(),
    design,
    turnManagerSeed: discussion.turnManagerSeed,
    models,
    runtime: options.runtime,
  }, buildDiscussionLog);
  const guard = new SaveGuard(recorder, discussion, options.onSaveFailure ?? retryEvery(10_000), (event) => options.onEvent?.(event), options.signal);
  // A journal that could not even be started: wait for space before the first turn.
  if (recorder.failure) void guard.resolve(recorder.failure);
  let status: RecordedRunResult["status"] = "completed";
  let error: string | null = null;
  for await (const event of discussion.events()) {
    void recorder.record(event);
    if (event.type === "end" && event.reason === "stopped") status = "stopped";
    if (event.type === "error") {
      status = "failed";
      error = event.message;
    }
    options.onEvent?.(event);
  }
  if (!(await guard.finish(status))) {
    return { discussion, paths: recorder.paths, status: "failed", error: `the discussion could not be saved: ${recorder.failure?.message ?? "unknown problem"}` };
  }
  return { discussion, paths: recorder.paths, status, error };
}
