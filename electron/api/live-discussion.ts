import type { DiscussionEvent } from "../../shared/domain/events.js";
import type { DiscussionSnapshot, DiscussionStatus, LoggedEntry, SpeakerQuestionInfo, StudioEvent } from "../../shared/contract.js";
import type { Discussion } from "../engine/discussion.js";

/** What the runner adds to the engine's events: a change of pause or human-turn state. */
export interface StatusChange {
  type: "status";
  discussionId: string;
}
export type RunnerEvent = DiscussionEvent | StatusChange;

/**
 * The server's memory of one discussion: every logged comment and the turn being written, as
 * of the last event sent. It lets a client that reconnects ask for what it missed.
 */
export class LiveDiscussion {
  discussion: Discussion | null = null;
  status: DiscussionStatus;
  awaitingHuman: string | null = null;
  awaitingSpeaker: SpeakerQuestionInfo | null = null;
  error: string | null = null;
  saveError: DiscussionSnapshot["saveError"] = null;
  seq = 0;
  private readonly comments: LoggedEntry[] = [];
  private currentTurn: DiscussionSnapshot["currentTurn"] = null;

  constructor(
    readonly id: string,
    readonly designName: string,
    startPaused: boolean,
    readonly turns: number,
  ) {
    this.status = startPaused ? "paused" : "running";
  }

  get finished(): boolean {
    return this.status === "completed" || this.status === "stopped" || this.status === "failed";
  }

  /** Applies one (already coalesced) event and returns it as the contract event to send. */
  apply(event: RunnerEvent): StudioEvent {
    const base = { discussionId: this.id, seq: ++this.seq };
    switch (event.type) {
      case "turn-start":
        this.currentTurn = { turn: event.turn, speaker: event.speaker, role: event.role, text: "", prompt: null };
        this.awaitingHuman = event.role === "human" ? event.speaker : null;
        return { name: "discussion.turnStart", payload: { ...base, turn: event.turn, speaker: event.speaker, role: event.role } };
      case "prompt":
        if (this.currentTurn) this.currentTurn.prompt = { tokens: event.tokens, evaluated: event.evaluated };
        return { name: "discussion.prompt", payload: { ...base, turn: event.turn, speaker: event.speaker, tokens: event.tokens, evaluated: event.evaluated } };
      case "waiting":
        if (this.currentTurn) this.currentTurn.waiting = event.waiting;
        return { name: "discussion.waiting", payload: { ...base, turn: event.turn, speaker: event.speaker, waiting: event.waiting } };
      case "restart":
        if (this.currentTurn) this.currentTurn.text = "";
        return { name: "discussion.restart", payload: { ...base, turn: event.turn, speaker: event.speaker, message: event.message } };
      case "token":
        if (this.currentTurn) this.currentTurn.text += event.text;
        return { name: "discussion.tokens", payload: { ...base, turn: event.turn, speaker: event.speaker, text: event.text } };
      case "comment":
        this.comments.push({ index: event.index, comment: event.comment, stats: event.stats });
        this.currentTurn = null;
        this.awaitingHuman = null;
        return { name: "discussion.comment", payload: { ...base, index: event.index, comment: event.comment, stats: event.stats } };
      case "silent-turn":
        this.currentTurn = null;
        this.awaitingHuman = null;
        return { name: "discussion.silentTurn", payload: { ...base, turn: event.turn, speaker: event.speaker, stats: event.stats } };
      case "warning":
        return { name: "discussion.warning", payload: { ...base, message: event.message } };
      case "speaker-question":
        this.awaitingSpeaker = { turn: event.turn, candidates: event.candidates, deadline: event.deadline };
        return { name: "discussion.speakerQuestion", payload: { ...base, ...this.awaitingSpeaker } };
      case "speaker-chosen":
        this.awaitingSpeaker = null;
        return { name: "discussion.speakerChosen", payload: { ...base, turn: event.turn, speaker: event.speaker, by: event.by } };
      case "end":
        this.status = event.reason;
        this.currentTurn = null;
        this.awaitingHuman = null;
        this.awaitingSpeaker = null;
        return { name: "discussion.end", payload: { ...base, reason: event.reason } };
      case "error":
        this.status = "failed";
        this.error = event.message;
        this.currentTurn = null;
        this.awaitingHuman = null;
        this.awaitingSpeaker = null;
        return { name: "discussion.error", payload: { ...base, message: event.message } };
      case "save-failed":
        this.saveError = { message: event.message, file: event.file };
        if (!this.finished) this.status = "paused";
        return { name: "discussion.saveFailed", payload: { ...base, message: event.message, file: event.file } };
      case "save-recovered":
        this.saveError = null;
        if (!this.finished) this.status = this.discussion?.isPaused ? "paused" : "running";
        return { name: "discussion.saveRecovered", payload: { ...base, file: event.file } };
      case "status":
        return { name: "discussion.status", payload: { ...base, status: this.status, awaitingHuman: this.awaitingHuman, awaitingSpeaker: this.awaitingSpeaker } };
    }
  }

  snapshot(sinceIndex: number): DiscussionSnapshot {
    return {
      ...this.summary(),
      comments: this.comments.filter((entry) => entry.index >= sinceIndex),
    };
  }

  summary(): Omit<DiscussionSnapshot, "comments"> {
    return {
      discussionId: this.id,
      designName: this.designName,
      turns: this.turns,
      status: this.status,
      awaitingHuman: this.awaitingHuman,
      awaitingSpeaker: this.awaitingSpeaker,
      commentCount: this.comments.length,
      currentTurn: this.currentTurn ? { ...this.currentTurn, prompt: this.currentTurn.prompt && { ...this.currentTurn.prompt } } : null,
      error: this.error,
      saveError: this.saveError,
      seq: this.seq,
    };
  }
}
