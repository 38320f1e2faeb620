import type { DiscussionEvent } from "../../shared/domain/index.js";
import type { DiscussionRecorder, RunSaveError } from "../storage/run-files.js";
import type { Discussion } from "./discussion.js";

/** What to do about a run file that could not be written (a full disk): asked each time a write fails. */
export type SaveDecision = { action: "retry" } | { action: "relocate"; directory: string } | { action: "abandon" };

export interface SaveFailure {
  discussionId: string;
  message: string;
  /** The file that could not be written. */
  file: string;
}

export type SaveFailureHandler = (failure: SaveFailure, signal?: AbortSignal) => Promise<SaveDecision>;

/** Without someone to ask (a study's discussions), a failed write is tried again every so often until it works or the run is stopped. */
export function retryEvery(milliseconds: number): SaveFailureHandler {
  return (_failure, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve({ action: "abandon" });
      const timer = setTimeout(() => resolve({ action: "retry" }), milliseconds);
      signal?.addEventListener("abort", () => (clearTimeout(timer), resolve({ action: "abandon" })), { once: true });
    });
}

/**
 * Keeps a run's files written: when the recorder reports a failed write, the discussion pauses
 * (after the comment being written, which is kept in memory like every other), a `save-failed`
 * event says what failed, and the handler decides: retry, continue in another folder, or give
 * up. Once a write works again, `save-recovered` follows and the discussion resumes, unless
 * someone had paused it anyway.
 */
export class SaveGuard {
  private resolving: Promise<boolean> | null = null;

  constructor(
    private readonly recorder: DiscussionRecorder,
    private readonly discussion: Discussion,
    private readonly decide: SaveFailureHandler,
    private readonly emit: (event: DiscussionEvent) => void,
    private readonly signal?: AbortSignal,
  ) {
    recorder.onFailure = (failure) => void this.resolve(failure);
  }

  /** Settles once any failure being resolved is over. */
  async settled(): Promise<void> {
    await this.resolving;
  }

  /** The final files, through as many failures as it takes; null when the user gave up on them. */
  async finish(reason: "completed" | "stopped" | "failed"): Promise<boolean> {
    await this.settled();
    for (;;) {
      try {
        await this.recorder.finish(reason);
        return true;
      } catch (error) {
        if (!isSaveError(error)) throw error;
        // The discussion is over: nothing to pause, only the files to save.
        if (!(await this.resolve(error, false))) return false;
      }
    }
  }

  /** Returns whether writing works again (false: given up). */
  resolve(failure: RunSaveError, pause = true): Promise<boolean> {
    this.resolving ??= this.loop(failure, pause).finally(() => (this.resolving = null));
    return this.resolving;
  }

  private async loop(first: RunSaveError, pause: boolean): Promise<boolean> {
    const pausedHere = pause && !this.discussion.isPaused;
    if (pausedHere) this.discussion.pause();
    let failure = first;
    for (;;) {
      this.emit({ type: "save-failed", discussionId: this.discussion.id, message: `${failure.message}; the discussion is paused and every comment is kept in memory: retry, or save it in another folder`, file: failure.file });
      const decision = await this.decide({ discussionId: this.discussion.id, message: failure.message, file: failure.file }, this.signal);
      if (decision.action === "abandon") return false;
      try {
        if (decision.action === "retry") await this.recorder.retry();
        else await this.recorder.relocate(decision.directory);
        break;
      } catch (error) {
        if (!isSaveError(error)) throw error;
        failure = error;
      }
    }
    this.emit({ type: "save-recovered", discussionId: this.discussion.id, file: this.recorder.paths.journal });
    if (pausedHere) this.discussion.resume();
    return true;
  }
}

function isSaveError(error: unknown): error is RunSaveError {
  return error instanceof Error && error.name === "RunSaveError";
}
