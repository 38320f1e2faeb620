import { randomUUID } from "node:crypto";
import type { Actor, Comment, CommentStats, DiscussionDesign, DiscussionEvent } from "../../shared/domain/index.js";
import { modelDisplayName } from "../../shared/domain/model-ref.js";
import { deriveSeed } from "../../shared/random.js";
import type { ChatModel } from "../llm/types.js";
import { AsyncQueue } from "./async-queue.js";
import { RunGate } from "./run-gate.js";
import { promptStyle, type PromptStyleDefinition } from "./prompt-styles.js";
import { isPyBlank, pyStrip } from "../../shared/textwrap.js";
import type { SpeakerChoice } from "../../shared/domain/turn-manager.js";
import { actorModel, actorSampling, turnManagerActor, turnOrder } from "../../shared/domain/design-helpers.js";
import { createSpeakerSelector, selectorSequenceKey } from "./speaker-selection.js";

export interface DiscussionOptions {
  id?: string;
  /** Resolves each actor's model; actors that share a model get the same instance. */
  modelFor: (actor: Actor) => ChatModel;
  signal?: AbortSignal;
  startPaused?: boolean;
  /** A replay's recorded speaker choices: what a person picked is picked again. */
  replaySpeakerChoices?: readonly SpeakerChoice[];
}

/** A manual turn manager waiting for the person watching to pick the speaker. */
export interface SpeakerQuestion {
  turn: number;
  candidates: string[];
  /** When the fallback manager takes over (ISO time); null waits as long as it takes. */
  deadline: string | null;
}

export interface RecordedComment {
  comment: Comment;
  stats: CommentStats | null;
  logged: boolean;
}

/**
 * One discussion with SynDisco 2.0.x semantics (SYNDISCO-FORMAT.md sections 5-6), as an
 * async stream of events. Seed comments come first; each of `turns` turns the turn manager
 * names a speaker; a participant's reply empty after Python's strip() is not logged; after
 * every logged comment by a speaker in the turn order the moderator answers, seeing the same
 * window, and its answer is logged even when empty (2.0.x; the 2.2 style drops it). The design's
 * prompt style words the prompts (prompt-styles.ts).
 */
export class Discussion {
  readonly id: string;
  readonly turnManagerSeed: number;
  readonly speakers: string[] = [];
  /** How each turn's speaker was decided, for LLM-selected and manual managers. */
  readonly speakerChoices: SpeakerChoice[] = [];
  readonly records: RecordedComment[] = [];
  private readonly history: { name: string; text: string }[] = [];
  private readonly queue = new AsyncQueue<DiscussionEvent>();
  private readonly gate = new RunGate();
  private readonly abort = new AbortController();
  private humanInput: { speaker: string; resolve: (text: string) => void } | null = null;
  private readonly style: PromptStyleDefinition;
  private speakerQuestion: (SpeakerQuestion & { resolve: (name: string | null) => void }) | null = null;
  private started = false;

  constructor(
    readonly design: DiscussionDesign,
    private readonly options: DiscussionOptions,
  ) {
    this.id = options.id ?? randomUUID();
    this.turnManagerSeed = deriveSeed(design.sampling.seed, "turn-manager");
    this.style = promptStyle(design.promptStyle);
    options.signal?.addEventListener("abort", () => this.stop(), { once: true });
    if (options.startPaused) this.gate.pause();
  }

  /** The event stream; starts the discussion on first call. */
  events(): AsyncIterable<DiscussionEvent> {
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    return this.queue;
  }

  pause(): void {
    this.gate.pause();
  }
  resume(): void {
    this.gate.resume();
  }
  step(): void {
    this.gate.step();
  }
  stop(): void {
    this.abort.abort();
    this.humanInput?.resolve("");
    this.speakerQuestion?.resolve(null);
  }
  get isPaused(): boolean {
    return this.gate.isPaused;
  }
  get awaitingHuman(): string | null {
    return this.humanInput?.speaker ?? null;
  }

  get awaitingSpeaker(): SpeakerQuestion | null {
    if (!this.speakerQuestion) return null;
    const { resolve: _resolve, ...question } = this.speakerQuestion;
    return question;
  }

  /** The person's pick for a manual turn. Returns false when nobody is being asked or the name is not a candidate. */
  chooseSpeaker(name: string): boolean {
    if (!this.speakerQuestion?.candidates.includes(name)) return false;
    this.speakerQuestion.resolve(name);
    return true;
  }

  /** Answers a human participant's turn. Returns false when no human is being asked. */
  submitHumanComment(text: string): boolean {
    if (!this.humanInput) return false;
    this.humanInput.resolve(text);
    this.humanInput = null;
    return true;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    try {
      for (const seed of this.design.seedComments) {
        // Kept exactly as written; blank ones are skipped as SynDisco 2.0.x skips them (2.2 logs them).
        if (isPyBlank(seed.text) && !this.style.logsBlankSeed) continue;
        this.log({ name: seed.author, text: seed.text, model: "hardcoded", role: "seed", turn: -1 }, null);
      }
      const order = turnOrder(this.design);
      const selectorActor = turnManagerActor(this.design);
      const selector = createSpeakerSelector(this.design.turnManager, {
        names: order.map((a) => a.persona.username),
        seed: this.turnManagerSeed,
        discussionId: this.id,
        model: selectorActor ? this.options.modelFor(selectorActor) : undefined,
        askPerson: (ask, askSignal) => this.askSpeaker(ask, askSignal),
        replay: this.options.replaySpeakerChoices,
      });
      for (let turn = 0; turn < this.design.turns && !signal.aborted; turn++) {
        await this.gate.beforeTurn(signal);
        if (signal.aborted) break;
        const choice = await selector.choose({ turn, history: this.history, signal });
        if (signal.aborted) break;
        const name = choice.speaker;
        this.speakers.push(name);
        if (this.design.turnManager.kind === "llm-selected" || this.design.turnManager.kind === "manual") {
          this.speakerChoices.push(choice);
          this.queue.push({ type: "speaker-chosen", discussionId: this.id, ...choice });
        }
        const speaker = order.find((actor) => actor.persona.username === name) as Actor;
        const spoke = await this.takeTurn(speaker, turn, signal, "turn");
        if (spoke && this.design.moderator && !signal.aborted) await this.takeTurn(this.design.moderator, turn, signal, "answer");
      }
      this.queue.push({ type: "end", discussionId: this.id, reason: signal.aborted ? "stopped" : "completed" });
    } catch (error) {
      this.queue.push({ type: "error", discussionId: this.id, message: error instanceof Error ? error.message : String(error) });
    } finally {
      // Freeing sequences is housekeeping: a failure there must not keep the stream open.
      await this.releaseSequences().catch(() => undefined);
      this.queue.close();
    }
  }

  /** Returns whether the speaker logged a comment. */
  private async takeTurn(actor: Actor, turn: number, signal: AbortSignal, purpose: "turn" | "answer"): Promise<boolean> {
    const name = actor.persona.username;
    const isModerator = actor === this.design.moderator;
    const role = actor.role === "human" ? "human" : isModerator ? "moderator" : "user";
    this.queue.push({ type: "turn-start", discussionId: this.id, turn, speaker: name, role });
    if (role === "human") {
      const text = pyStrip(await this.askHuman(name));
      if (text === "" || signal.aborted) return false;
      this.log({ name, text, model: "human", role, turn }, null);
      return true;
    }
    const sampling = actorSampling(this.design, actor);
    // A moderator in the turn order speaks twice in its own turn (its turn, then its answer): two seeds.
    const seed = role === "moderator" && purpose === "turn" ? deriveSeed(sampling.seed, "generation", turn, role, "turn") : deriveSeed(sampling.seed, "generation", turn, role);
    const result = await this.options.modelFor(actor).generate({
      sequenceKey: `${this.id}:${name}`,
      prompt: this.style.participantPrompt({ actor, history: this.history, historyWindow: this.design.historyWindow }),
      sampling,
      seed,
      signal,
      onText: (text) => this.queue.push({ type: "token", discussionId: this.id, turn, speaker: name, text }),
      onPromptProgress: ({ tokens, evaluated }) => this.queue.push({ type: "prompt", discussionId: this.id, turn, speaker: name, tokens, evaluated }),
      onWaiting: (waiting) => this.queue.push({ type: "waiting", discussionId: this.id, turn, speaker: name, waiting }),
      onRestart: (message) => this.queue.push({ type: "restart", discussionId: this.id, turn, speaker: name, message }),
    });
    const { text: raw, ...measured } = result;
    const stats: CommentStats = { ...measured, seed };
    // Python's strip(), as SynDisco's model wrapper applies it (its whitespace set is not trim()'s).
    const text = pyStrip(raw);
    const model = modelDisplayName(actorModel(this.design, actor));
    // SynDisco 2.0.x logs the moderator's answer whatever it is, "" included: it then takes a slot of the window.
    const logsBlank = role === "moderator" && purpose === "answer" && this.style.logsBlankModeratorReply;
    if (text === "" && !logsBlank) {
      this.records.push({ comment: { name, text: "", model, role, turn }, stats, logged: false });
      this.queue.push({ type: "silent-turn", discussionId: this.id, turn, speaker: name, stats });
      return false;
    }
    this.log({ name, text, model, role, turn }, stats);
    return true;
  }

  private log(comment: Comment, stats: CommentStats | null): void {
    const index = this.history.length;
    this.history.push({ name: comment.name, text: comment.text });
    this.records.push({ comment, stats, logged: true });
    this.queue.push({ type: "comment", discussionId: this.id, index, comment, stats });
  }

  private askHuman(speaker: string): Promise<string> {
    return new Promise((resolve) => (this.humanInput = { speaker, resolve }));
  }

  /** Asks the person watching to pick the speaker; null when the time runs out or the run stops. */
  private askSpeaker(ask: { turn: number; candidates: string[]; timeoutSeconds: number | null }, signal: AbortSignal): Promise<string | null> {
    if (signal.aborted) return Promise.resolve(null);
    const deadline = ask.timeoutSeconds === null ? null : new Date(Date.now() + ask.timeoutSeconds * 1000).toISOString();
    return new Promise((resolve) => {
      const timer = ask.timeoutSeconds === null ? null : setTimeout(() => finish(null), ask.timeoutSeconds * 1000);
      const finish = (name: string | null) => {
        if (timer) clearTimeout(timer);
        this.speakerQuestion = null;
        resolve(name);
      };
      this.speakerQuestion = { turn: ask.turn, candidates: ask.candidates, deadline, resolve: finish };
      this.queue.push({ type: "speaker-question", discussionId: this.id, turn: ask.turn, candidates: ask.candidates, deadline });
    });
  }

  private async releaseSequences(): Promise<void> {
    const actors = [...this.design.participants, ...(this.design.moderator ? [this.design.moderator] : [])];
    const models = new Set(actors.filter((a) => a.role !== "human").map((actor) => this.options.modelFor(actor)));
    const keys = actors.map((actor) => `${this.id}:${actor.persona.username}`);
    const selector = turnManagerActor(this.design);
    if (selector) {
      models.add(this.options.modelFor(selector));
      keys.push(selectorSequenceKey(this.id));
    }
    await Promise.all([...models].map((model) => model.releaseSequences(keys)));
  }
}
