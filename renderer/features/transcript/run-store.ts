import { create } from "zustand";
import type { DiscussionView, DiscussionWatch } from "../../client/index.js";
import type { CommandName, SpeakerQuestionInfo } from "../../../shared/contract.js";
import type { DiscussionDesign } from "../../../shared/domain/design.js";
import { studio } from "../../app/studio.js";
import { fromDiscussionLog, fromLoggedEntry, type TranscriptComment } from "./transcript-comment.js";

export type TranscriptSource = { kind: "live" | "library"; id: string };
export type TranscriptStatus = DiscussionView["status"] | "loading" | "recovered" | "imported";

/** The reply being written right now. */
export interface StreamingComment {
  turn: number;
  speaker: string;
  role: "user" | "moderator" | "human";
  text: string;
  /** Reading the prompt, before the first token (null for servers, which do not say). */
  prompt: { tokens: number; evaluated: number } | null;
  /** Waiting for a free slot (every sequence of the model busy) before writing starts. */
  waiting?: boolean;
}

interface RunState {
  source: TranscriptSource | null;
  title: string;
  status: TranscriptStatus;
  comments: TranscriptComment[];
  streaming: StreamingComment | null;
  awaitingHuman: string | null;
  /** A manual turn manager waiting for the user to pick the next speaker. */
  awaitingSpeaker: SpeakerQuestionInfo | null;
  /** The discussion's own failure, shown in place below its last comment. */
  runError: string | null;
  /** A run file that cannot be written: the run waits, paused, for retrySaveRequested or saveElsewhereRequested. */
  saveError: DiscussionView["saveError"];
  warnings: string[];
  /** A command of ours that failed (load, pause, ...); dismissable. */
  commandError: string | null;
  /** A control command is in flight; the buttons wait for it. */
  busy: boolean;
  /** Stop was asked for and the discussion has not ended yet (its files are being written). */
  stopping: boolean;
  /** Turns the design asks for, and turns taken so far ("turn x of N"); null where unknown (imported files). */
  totalTurns: number | null;
  turnsTaken: number;

  discussionOpened: (source: TranscriptSource | null) => Promise<void>;
  discussionClosed: () => void;
  watchChanged: (view: DiscussionView) => void;
  /** Starts a saved design; the caller opens the id it answers (navigation drives what is open). */
  startRequested: (designId: string, startPaused: boolean) => Promise<string | null>;
  pauseRequested: () => Promise<void>;
  resumeRequested: () => Promise<void>;
  stopRequested: () => Promise<void>;
  stepRequested: () => Promise<void>;
  humanCommentSubmitted: (text: string) => Promise<boolean>;
  speakerPicked: (speaker: string) => Promise<void>;
  retrySaveRequested: () => Promise<void>;
  saveElsewhereRequested: (directory: string) => Promise<void>;
  commandErrorDismissed: () => void;
  /** The design the open discussion ran (from its run record); null for files the studio did not run. */
  designRequested: () => Promise<DiscussionDesign | null>;
  /** Starts the open discussion's design again; answers the new id. */
  runAgainRequested: () => Promise<string | null>;
}

const empty = {
  source: null,
  title: "",
  status: "unknown" as TranscriptStatus,
  comments: [] as TranscriptComment[],
  streaming: null,
  awaitingHuman: null,
  awaitingSpeaker: null,
  runError: null,
  saveError: null,
  warnings: [] as string[],
  commandError: null,
  busy: false,
  stopping: false,
  totalTurns: null as number | null,
  turnsTaken: 0,
};

let watch: DiscussionWatch | null = null;
let stopWatching: (() => void) | null = null;

function endWatch(): void {
  stopWatching?.();
  watch?.stop();
  watch = null;
  stopWatching = null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
type ControlCommand = Extract<CommandName, "discussion.pause" | "discussion.resume" | "discussion.stop" | "discussion.step">;

export const useRunStore = create<RunState>((set, get) => {
  const isCurrent = (source: TranscriptSource) => get().source === source;

  const answerSave = async (send: (discussionId: string) => Promise<unknown>) => {
    const source = get().source;
    if (source?.kind !== "live" || get().busy) return;
    set({ busy: true });
    try {
      await send(source.id);
    } catch (error) {
      if (isCurrent(source)) set({ commandError: message(error) });
    } finally {
      if (isCurrent(source)) set({ busy: false });
    }
  };

  const control = async (command: ControlCommand) => {
    const source = get().source;
    if (source?.kind !== "live" || get().busy) return;
    set({ busy: true });
    try {
      const { status } = await studio.call(command, { discussionId: source.id });
      // The event stream says the same a moment later; this makes the buttons follow at once.
      if (isCurrent(source) && get().status !== "completed" && get().status !== "stopped") set({ status });
    } catch (error) {
      if (isCurrent(source)) set({ commandError: message(error) });
    } finally {
      if (isCurrent(source)) set({ busy: false });
    }
  };

  return {
    ...empty,

    discussionOpened: async (source) => {
      const current = get().source;
      if (source && current && current.kind === source.kind && current.id === source.id) return;
      endWatch();
      set({ ...empty, source, status: source ? "loading" : "unknown", title: source?.id ?? "" });
      if (!source) return;
      if (source.kind === "library") {
        try {
          const { entry, log, record } = await studio.call("library.open", { id: source.id });
          if (!isCurrent(source)) return;
          set({ comments: fromDiscussionLog(log, record), status: entry.status, title: record?.design.name ?? entry.id, totalTurns: record?.design.turns ?? null, turnsTaken: record?.speakers.length ?? 0 });
        } catch (error) {
          if (isCurrent(source)) set({ commandError: message(error), status: "unknown" });
        }
        return;
      }
      watch = studio.watchDiscussion(source.id);
      stopWatching = watch.onChange((view) => get().watchChanged(view));
      void watch.ready.catch((error: unknown) => {
        if (isCurrent(source)) set({ commandError: message(error), status: "unknown" });
      });
      void studio
        .call("discussion.list", {})
        .then(({ discussions }) => {
          const found = discussions.find((discussion) => discussion.discussionId === source.id);
          if (found && isCurrent(source)) set({ title: found.designName, totalTurns: found.turns });
        })
        .catch(() => undefined);
    },

    discussionClosed: () => {
      endWatch();
      set({ ...empty });
    },

    watchChanged: (view) => {
      const state = get();
      if (state.source?.kind !== "live" || view.discussionId !== state.source.id) return;
      const firstSnapshot = state.status === "loading";
      let comments = state.comments;
      let turnsTaken = state.turnsTaken;
      if (view.comments.length !== comments.length) {
        const now = Date.now();
        comments = comments.slice();
        for (let index = state.comments.length; index < view.comments.length; index++) {
          const entry = view.comments[index];
          // A gap only exists while a resync is filling it; the next change brings it.
          if (!entry) break;
          comments.push(fromLoggedEntry(entry, firstSnapshot ? null : now));
          turnsTaken = Math.max(turnsTaken, entry.comment.turn + 1);
        }
      }
      const turn = view.currentTurn;
      const streaming = turn && turn.role !== "human" ? { turn: turn.turn, speaker: turn.speaker, role: turn.role, text: turn.text, prompt: turn.prompt, waiting: turn.waiting === true } : null;
      const ended = view.status === "completed" || view.status === "stopped" || view.status === "failed";
      set({
        comments,
        streaming,
        // Turns count from 0; the moderator's answer shares its turn's number.
        turnsTaken: Math.max(turnsTaken, turn ? turn.turn + 1 : 0, view.status === "completed" && state.totalTurns !== null ? state.totalTurns : 0),
        stopping: state.stopping && !ended,
        status: view.status,
        awaitingHuman: view.awaitingHuman,
        awaitingSpeaker: view.awaitingSpeaker,
        runError: view.error,
        saveError: view.saveError,
        warnings: view.warnings.length === state.warnings.length ? state.warnings : view.warnings.slice(),
      });
    },

    startRequested: async (designId, startPaused) => {
      try {
        const { discussionId } = await studio.call("discussion.start", { designId, startPaused });
        return discussionId;
      } catch (error) {
        set({ commandError: message(error) });
        return null;
      }
    },

    pauseRequested: () => control("discussion.pause"),
    resumeRequested: () => control("discussion.resume"),
    stopRequested: async () => {
      if (get().source?.kind !== "live" || get().busy) return;
      set({ stopping: true });
      await control("discussion.stop");
      // The end event may have come before the answer; a failed stop leaves the run as it was.
      const status = get().status;
      if (status === "completed" || status === "stopped" || status === "failed" || get().commandError) set({ stopping: false });
    },
    stepRequested: () => control("discussion.step"),

    humanCommentSubmitted: async (text) => {
      const source = get().source;
      if (source?.kind !== "live") return false;
      try {
        await studio.call("discussion.submitHumanComment", { discussionId: source.id, text });
        return true;
      } catch (error) {
        if (isCurrent(source)) set({ commandError: message(error) });
        return false;
      }
    },

    speakerPicked: async (speaker) => {
      const source = get().source;
      if (source?.kind !== "live") return;
      try {
        await studio.call("discussion.chooseSpeaker", { discussionId: source.id, speaker });
      } catch (error) {
        if (isCurrent(source)) set({ commandError: message(error) });
      }
    },
    retrySaveRequested: () => answerSave((discussionId) => studio.call("discussion.retrySave", { discussionId })),
    saveElsewhereRequested: (directory) => answerSave((discussionId) => studio.call("discussion.saveElsewhere", { discussionId, directory })),

    commandErrorDismissed: () => set({ commandError: null }),

    designRequested: async () => {
      const source = get().source;
      if (!source) return null;
      try {
        // A live discussion's files are in the library under its id once it has ended.
        const { record } = await studio.call("library.open", { id: source.id });
        if (!record && isCurrent(source)) set({ commandError: "This discussion was not run by the studio: its file holds no design." });
        return record?.design ?? null;
      } catch (error) {
        if (isCurrent(source)) set({ commandError: message(error) });
        return null;
      }
    },
    runAgainRequested: async () => {
      const design = await get().designRequested();
      if (!design) return null;
      try {
        return (await studio.call("discussion.start", { design })).discussionId;
      } catch (error) {
        set({ commandError: `Could not start it again: ${message(error)}` });
        return null;
      }
    },
  };
});
