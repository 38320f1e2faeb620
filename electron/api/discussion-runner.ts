import { randomUUID } from "node:crypto";
import type { DiscussionDesign } from "../../shared/domain/design.js";
import type { DiscussionEvent } from "../../shared/domain/events.js";
import type { DiscussionSnapshot, StudioEvent } from "../../shared/contract.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import { runRecordedDiscussion, type RecordedRunOptions } from "../engine/recorded-run.js";
import { NotFoundError } from "../storage/data-file.js";
import { StudioError } from "./studio-error.js";
import { TokenCoalescer } from "./token-coalescer.js";
import { LiveDiscussion, type RunnerEvent } from "./live-discussion.js";
import type { Discussion } from "../engine/discussion.js";
import type { SaveDecision } from "../engine/save-failures.js";

export interface DiscussionRunnerOptions {
  registry: ModelRegistry;
  /** The data folder: runs write `discussions/<id>.json` (the library) and `records/<id>.run.json` (run-layout.ts). */
  outputDirectory: string;
  runtime: (design: DiscussionDesign) => Promise<RecordedRunOptions["runtime"]>;
  emit: (event: StudioEvent) => void;
  /** Finished discussions kept in memory for late subscribers. */
  keepFinished?: number;
  tokenIntervalMs?: number;
}

/** Runs discussions in the background and keeps each one's state for (re)subscribing clients. */
export class DiscussionRunner {
  private readonly live = new Map<string, LiveDiscussion>();
  private readonly running = new Set<Promise<void>>();
  private readonly coalescer: TokenCoalescer<RunnerEvent>;
  private readonly aborts = new Map<string, AbortController>();
  /** Discussions waiting for the user's answer to a file that could not be written. */
  private readonly saveDecisions = new Map<string, (decision: SaveDecision) => void>();
  private shuttingDown = false;
  /** Steps asked for while the models were still loading. */
  private readonly pendingSteps = new Map<string, () => void>();

  constructor(private readonly options: DiscussionRunnerOptions) {
    this.coalescer = new TokenCoalescer<RunnerEvent>((event) => {
      const live = this.live.get(event.discussionId);
      if (live) options.emit(live.apply(event));
    }, options.tokenIntervalMs);
  }

  /** Loads the models first, so a missing or broken model file is the caller's error, not a failed run. */
  async start(design: DiscussionDesign, startPaused: boolean): Promise<string> {
    await this.options.registry.prepare(design);
    const runtime = await this.options.runtime(design);
    const id = randomUUID();
    const live = new LiveDiscussion(id, design.name, startPaused, design.turns);
    this.live.set(id, live);
    this.evictFinished();
    // The end (or error) is held back until the files are written, so "end" means "in the library".
    let last: DiscussionEvent | null = null;
    const abort = new AbortController();
    this.aborts.set(id, abort);
    let pendingSteps = 0;
    this.pendingSteps.set(id, () => pendingSteps++);
    const run = runRecordedDiscussion(design, {
      registry: this.options.registry,
      outputDirectory: this.options.outputDirectory,
      id,
      startPaused,
      runtime,
      signal: abort.signal,
      // A full disk pauses the run until the user retries or picks another folder (retrySave, saveElsewhere).
      onSaveFailure: () =>
        this.shuttingDown ? Promise.resolve({ action: "abandon" as const }) : new Promise<SaveDecision>((resolve) => this.saveDecisions.set(id, resolve)),
      // Controls that came before the engine existed are applied now, in order of effect.
      onDiscussion: (discussion) => {
        live.discussion = discussion;
        this.pendingSteps.delete(id);
        if (live.status === "paused") discussion.pause();
        for (; pendingSteps > 0; pendingSteps--) discussion.step();
        // An abort before the engine subscribed to the signal would otherwise go unnoticed.
        if (abort.signal.aborted) discussion.stop();
      },
      onEvent: (event) => {
        if (event.type === "end" || event.type === "error") last = event;
        else this.coalescer.push(event);
      },
    }).then(
      (result) => {
        const final: DiscussionEvent = last ?? { type: "end", discussionId: id, reason: result.status === "stopped" ? "stopped" : "completed" };
        this.coalescer.push(final);
        this.coalescer.forget(id);
      },
      (error: unknown) => {
        this.coalescer.push({ type: "error", discussionId: id, message: error instanceof Error ? error.message : String(error) });
        this.coalescer.forget(id);
      },
    );
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      this.aborts.delete(id);
    });
    return id;
  }

  /**
   * Shows a discussion that runs elsewhere (an experiment's) to `discussion.subscribe` and the
   * event stream, like one started here; returns the function to feed it the engine's events.
   */
  track(id: string, designName: string, discussion: Discussion): (event: DiscussionEvent) => void {
    const live = new LiveDiscussion(id, designName, false, discussion.design.turns);
    live.discussion = discussion;
    this.live.set(id, live);
    this.evictFinished();
    return (event) => {
      this.coalescer.push(event);
      if (event.type === "end" || event.type === "error") this.coalescer.forget(id);
    };
  }

  pause(id: string): LiveDiscussion {
    return this.control(id, (live) => {
      live.discussion?.pause();
      live.status = "paused";
    });
  }

  resume(id: string): LiveDiscussion {
    return this.control(id, (live) => {
      live.discussion?.resume();
      live.status = "running";
    });
  }

  /** Runs one more turn, then stays paused. */
  step(id: string): LiveDiscussion {
    return this.control(id, (live) => {
      if (live.discussion) live.discussion.step();
      else this.pendingSteps.get(id)?.();
      live.status = "paused";
    });
  }

  stop(id: string): LiveDiscussion {
    const live = this.get(id);
    const abort = this.aborts.get(id);
    // Discussions an experiment runs are tracked without an abort controller of ours.
    if (abort) abort.abort();
    else live.discussion?.stop();
    return live;
  }

  submitHumanComment(id: string, text: string): void {
    const live = this.get(id);
    if (live.finished || !live.discussion?.submitHumanComment(text)) {
      throw new StudioError("conflict", `discussion ${id} is not waiting for a human participant`);
    }
  }

  chooseSpeaker(id: string, speaker: string): void {
    const live = this.get(id);
    const question = live.discussion?.awaitingSpeaker;
    if (live.finished || !question) throw new StudioError("conflict", `discussion ${id} is not waiting for a speaker to be picked`);
    if (!live.discussion?.chooseSpeaker(speaker)) throw new StudioError("bad-request", `${speaker} is not one of the participants (${question.candidates.join(", ")})`);
  }

  snapshot(id: string, sinceIndex: number): DiscussionSnapshot {
    return this.get(id).snapshot(sinceIndex);
  }

  list(): Omit<DiscussionSnapshot, "comments">[] {
    return [...this.live.values()].map((live) => live.summary());
  }

  /** Designs of the discussions running or paused now (their models must stay loaded). */
  designsInUse(): DiscussionDesign[] {
    return [...this.live.values()].flatMap((live) => (!live.finished && live.discussion ? [live.discussion.design] : []));
  }

  /** Answers a discussion's failed write: retry it, or continue in another folder. */
  decideSave(id: string, decision: Exclude<SaveDecision, { action: "abandon" }>): LiveDiscussion {
    const live = this.get(id);
    const decide = this.saveDecisions.get(id);
    if (!decide) throw new StudioError("conflict", `discussion ${id} has no file waiting to be saved`);
    this.saveDecisions.delete(id);
    decide(decision);
    return live;
  }

  /** Stops every discussion and waits until their files are written (a disk still full then loses what its journal lacks). */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const decide of this.saveDecisions.values()) decide({ action: "abandon" });
    this.saveDecisions.clear();
    for (const abort of this.aborts.values()) abort.abort();
    await Promise.allSettled([...this.running]);
  }

  private control(id: string, change: (live: LiveDiscussion) => void): LiveDiscussion {
    const live = this.get(id);
    if (live.finished) throw new StudioError("conflict", `discussion ${id} has already ${live.status === "failed" ? "failed" : "ended"}`);
    change(live);
    this.coalescer.push({ type: "status", discussionId: id });
    return live;
  }

  private get(id: string): LiveDiscussion {
    const live = this.live.get(id);
    if (!live) throw new NotFoundError(`no running or recent discussion "${id}"`);
    return live;
  }

  private evictFinished(): void {
    const finished = [...this.live.values()].filter((live) => live.finished);
    const excess = finished.length - (this.options.keepFinished ?? 50);
    for (const live of finished.slice(0, Math.max(0, excess))) this.live.delete(live.id);
  }
}
