import type { SpeakerChoice, TurnManagerSpec } from "../../shared/domain/turn-manager.js";
import { deriveSeed } from "../../shared/random.js";
import { createTurnManager, type TurnManager } from "../../shared/turn-managers.js";
import type { ChatModel, ChatPrompt } from "../llm/types.js";
import { jsonSchemaTokenBound } from "../llm/json-schema-bound.js";
import { historyText, type HistoryComment } from "./prompts.js";

export interface SpeakerRequest {
  turn: number;
  /** Every logged comment so far, seed comments first. */
  history: readonly HistoryComment[];
  signal: AbortSignal;
}

/** Decides each turn's speaker, possibly by asking a model or a person. */
export interface SpeakerSelector {
  choose(request: SpeakerRequest): Promise<SpeakerChoice>;
}

/** A person asked to pick the speaker: resolves with a name, or null when the time ran out (or nobody is there). */
export type AskPerson = (ask: { turn: number; candidates: string[]; timeoutSeconds: number | null }, signal: AbortSignal) => Promise<string | null>;

export interface SelectorOptions {
  names: readonly string[];
  /** The turn manager's seed (Discussion.turnManagerSeed). */
  seed: number;
  discussionId: string;
  /** The model an LLM-selected manager asks. */
  model?: ChatModel;
  /** Who answers a manual manager; without it every turn falls back. */
  askPerson?: AskPerson;
  /** Choices from a run record: a replay repeats what the person picked. */
  replay?: readonly SpeakerChoice[];
}

/** The sequence an LLM-selected manager reads in, beside the actors' own. */
export function selectorSequenceKey(discussionId: string): string {
  return `${discussionId}:@turn-manager`;
}

export function createSpeakerSelector(spec: TurnManagerSpec, options: SelectorOptions): SpeakerSelector {
  switch (spec.kind) {
    case "llm-selected":
      if (!options.model) throw new Error("the LLM-selected turn manager has no model");
      return new LlmSpeakerSelector(spec, options.names, options.seed, options.model, selectorSequenceKey(options.discussionId));
    case "manual":
      return new ManualSpeakerSelector(createTurnManager(spec.fallback, options.names, options.seed), options.names, spec.timeoutSeconds, options.askPerson, options.replay ?? []);
    default: {
      const manager = createTurnManager(spec, options.names, options.seed);
      return { choose: async ({ turn, history }) => ({ turn, speaker: manager.next({ lastComment: history.at(-1) ?? null }), by: "manager" }) };
    }
  }
}

class ManualSpeakerSelector implements SpeakerSelector {
  constructor(
    private readonly fallback: TurnManager,
    private readonly names: readonly string[],
    private readonly timeoutSeconds: number | null,
    private readonly askPerson: AskPerson | undefined,
    private readonly replay: readonly SpeakerChoice[],
  ) {}

  async choose({ turn, history, signal }: SpeakerRequest): Promise<SpeakerChoice> {
    const context = { lastComment: history.at(-1) ?? null };
    const recorded = this.replay.find((choice) => choice.turn === turn);
    if (recorded) {
      // The fallback's generator must advance as it did, so later fallbacks draw the same.
      if (recorded.by === "fallback") this.fallback.next(context);
      this.fallback.observe(recorded.speaker);
      return { turn, speaker: recorded.speaker, by: recorded.by };
    }
    const picked = this.askPerson ? await this.askPerson({ turn, candidates: [...this.names], timeoutSeconds: this.timeoutSeconds }, signal) : null;
    if (picked !== null && this.names.includes(picked)) {
      this.fallback.observe(picked);
      return { turn, speaker: picked, by: "person" };
    }
    return { turn, speaker: this.fallback.next(context), by: "fallback" };
  }
}

/** The instructions of an LLM-selected manager; the participants' names are the only answers its grammar allows. */
export function selectorSystemPrompt(names: readonly string[], allowRepeat: boolean, instructions: string): string {
  const lines = [
    `You manage the turns of an online discussion between ${names.join(", ")}.`,
    `Read the latest comments and choose who writes the next comment, so that the discussion goes on naturally${allowRepeat ? "" : "; the author of the last turn does not speak twice in a row"}.`,
  ];
  if (instructions.trim() !== "") lines.push(instructions.trim());
  lines.push('Answer with JSON: {"next_speaker": "<name>"}.');
  return lines.join("\n");
}

export function selectorUserMessage(history: readonly HistoryComment[], window: number, candidates: readonly string[]): string {
  const recent = historyText(history, window);
  return `${recent === "" ? "No comments yet." : `Latest comments:\n${recent}`}\n\nWho writes next? One of: ${candidates.join(", ")}.`;
}

class LlmSpeakerSelector implements SpeakerSelector {
  private last: string | null = null;

  constructor(
    private readonly spec: Extract<TurnManagerSpec, { kind: "llm-selected" }>,
    private readonly names: readonly string[],
    private readonly seed: number,
    private readonly model: ChatModel,
    private readonly sequenceKey: string,
  ) {}

  async choose({ turn, history, signal }: SpeakerRequest): Promise<SpeakerChoice> {
    const candidates = this.spec.allowRepeat || this.names.length === 1 ? [...this.names] : this.names.filter((name) => name !== this.last);
    if (candidates.length === 1) return this.chosen({ turn, speaker: candidates[0] as string, by: "manager" });
    const prompt: ChatPrompt = { system: selectorSystemPrompt(this.names, this.spec.allowRepeat, this.spec.instructions), user: selectorUserMessage(history, this.spec.window, candidates) };
    const replySchema = { type: "object", properties: { next_speaker: { enum: candidates } } } as const;
    const seed = deriveSeed(this.seed, "llm-selected", turn);
    const result = await this.model.generate({
      sequenceKey: this.sequenceKey,
      prompt,
      sampling: { temperature: this.spec.temperature, topP: 1, seed, maxTokens: jsonSchemaTokenBound(replySchema), stopStrings: [] },
      seed,
      signal,
      replySchema,
    });
    if (signal.aborted) return this.chosen({ turn, speaker: candidates[0] as string, by: "manager" });
    const answer = result.json?.ok ? (result.json.value as { next_speaker?: unknown }).next_speaker : undefined;
    if (typeof answer !== "string" || !candidates.includes(answer)) {
      throw new Error(`the turn manager's model answered ${JSON.stringify(result.text.slice(0, 120))}, not one of ${candidates.join(", ")}${result.json?.ok === false ? ` (${result.json.error})` : ""}`);
    }
    return this.chosen({ turn, speaker: answer, by: "llm", prompt, seed, reply: result.text });
  }

  private chosen(choice: SpeakerChoice): SpeakerChoice {
    this.last = choice.speaker;
    return choice;
  }
}
