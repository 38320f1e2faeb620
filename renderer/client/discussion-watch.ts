import type { DiscussionSnapshot, LoggedEntry, SpeakerQuestionInfo, StudioEvent } from "../../shared/contract.js";
import type { StudioClient } from "./studio-client.js";
import { Listeners } from "./transport.js";

export interface DiscussionView {
  discussionId: string;
  status: DiscussionSnapshot["status"] | "unknown";
  awaitingHuman: string | null;
  /** A manual turn manager asking the person watching to pick the speaker. */
  awaitingSpeaker: SpeakerQuestionInfo | null;
  /** Logged comments by index, without gaps once in sync. */
  comments: LoggedEntry[];
  currentTurn: DiscussionSnapshot["currentTurn"];
  error: string | null;
  /** A run file that cannot be written now: the discussion waits, paused, for a retry or another folder. */
  saveError: DiscussionSnapshot["saveError"];
  warnings: string[];
  /** Last event applied. */
  seq: number;
}

/**
 * A discussion's state as the client sees it. It asks for a snapshot (the comments since the
 * last one it holds) when it starts and after every reconnect, and applies live events whose
 * `seq` is newer than what it already reflects, so nothing is lost or counted twice.
 */
export class DiscussionWatch {
  readonly view: DiscussionView;
  private readonly changes = new Listeners<DiscussionView>();
  private readonly unsubscribe: (() => void)[] = [];
  private synced = false;
  private early: StudioEvent[] = [];

  constructor(
    private readonly client: StudioClient,
    readonly discussionId: string,
  ) {
    this.view = { discussionId, status: "unknown", awaitingHuman: null, awaitingSpeaker: null, comments: [], currentTurn: null, error: null, saveError: null, warnings: [], seq: 0 };
    this.unsubscribe.push(client.onEvent((event) => this.receive(event)));
    this.unsubscribe.push(
      client.onConnection((state) => {
        if (state === "open") void this.resync();
        else this.synced = false;
      }),
    );
    this.ready = this.resync();
  }

  /** Settles when the first snapshot has been applied. */
  readonly ready: Promise<void>;

  onChange(listener: (view: DiscussionView) => void): () => void {
    return this.changes.add(listener);
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private async resync(): Promise<void> {
    this.synced = false;
    const snapshot = await this.client.call("discussion.subscribe", { discussionId: this.discussionId, sinceIndex: this.view.comments.length });
    for (const entry of snapshot.comments) this.view.comments[entry.index] = entry;
    Object.assign(this.view, {
      status: snapshot.status,
      awaitingHuman: snapshot.awaitingHuman,
      awaitingSpeaker: snapshot.awaitingSpeaker,
      currentTurn: snapshot.currentTurn,
      error: snapshot.error,
      saveError: snapshot.saveError,
      seq: Math.max(this.view.seq, snapshot.seq),
    });
    this.synced = true;
    // Events that raced the snapshot: the ones it does not already reflect still apply.
    for (const event of this.early.splice(0)) this.receive(event);
    this.changes.emit(this.view);
  }

  private receive(event: StudioEvent): void {
    // Events without a top-level discussionId (progress, models, experiments) belong to no discussion.
    if (!("discussionId" in event.payload) || event.payload.discussionId !== this.discussionId) return;
    if (!this.synced) {
      this.early.push(event);
      return;
    }
    if (event.payload.seq <= this.view.seq) return;
    this.view.seq = event.payload.seq;
    this.apply(event);
    this.changes.emit(this.view);
  }

  private apply(event: StudioEvent): void {
    const view = this.view;
    switch (event.name) {
      case "discussion.turnStart":
        view.currentTurn = { turn: event.payload.turn, speaker: event.payload.speaker, role: event.payload.role, text: "", prompt: null };
        view.awaitingHuman = event.payload.role === "human" ? event.payload.speaker : null;
        break;
      case "discussion.prompt":
        if (view.currentTurn) view.currentTurn = { ...view.currentTurn, prompt: { tokens: event.payload.tokens, evaluated: event.payload.evaluated } };
        break;
      case "discussion.waiting":
        if (view.currentTurn) view.currentTurn = { ...view.currentTurn, waiting: event.payload.waiting };
        break;
      case "discussion.restart":
        if (view.currentTurn) view.currentTurn = { ...view.currentTurn, text: "" };
        view.warnings.push(event.payload.message);
        break;
      case "discussion.tokens":
        if (view.currentTurn) view.currentTurn.text += event.payload.text;
        break;
      case "discussion.comment": {
        const { discussionId: _id, seq: _seq, ...entry } = event.payload;
        view.comments[entry.index] = entry;
        view.currentTurn = null;
        view.awaitingHuman = null;
        break;
      }
      case "discussion.silentTurn":
        view.currentTurn = null;
        break;
      case "discussion.status":
        view.status = event.payload.status;
        view.awaitingHuman = event.payload.awaitingHuman;
        view.awaitingSpeaker = event.payload.awaitingSpeaker;
        break;
      case "discussion.speakerQuestion":
        view.awaitingSpeaker = { turn: event.payload.turn, candidates: event.payload.candidates, deadline: event.payload.deadline };
        break;
      case "discussion.speakerChosen":
        view.awaitingSpeaker = null;
        break;
      case "discussion.warning":
        view.warnings.push(event.payload.message);
        break;
      case "discussion.end":
        view.status = event.payload.reason;
        view.currentTurn = null;
        view.awaitingHuman = null;
        view.awaitingSpeaker = null;
        break;
      case "discussion.saveFailed":
        view.saveError = { message: event.payload.message, file: event.payload.file };
        view.status = "paused";
        break;
      case "discussion.saveRecovered":
        view.saveError = null;
        break;
      case "discussion.error":
        view.status = "failed";
        view.error = event.payload.message;
        view.currentTurn = null;
        break;
    }
  }
}
