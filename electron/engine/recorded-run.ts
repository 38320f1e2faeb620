import type { DiscussionDesign, DiscussionEvent, SpeakerChoice } from "../../shared/domain/index.js";
import { DiscussionRecorder, type RunPaths } from "../storage/run-files.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import { Discussion } from "./discussion.js";

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
  });
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
  const paths = await recorder.finish(status);
  return { discussion, paths, status, error };
}
