import { SeededRandom } from "./random.js";
import type { AutomaticTurnManagerSpec } from "./domain/turn-manager.js";
import { TalkativenessTurnManager } from "./talkativeness.js";

/** What a manager may look at when choosing: the comment just logged (a seed comment before turn 0). */
export interface TurnContext {
  lastComment: { name: string; text: string } | null;
}

const noContext: TurnContext = { lastComment: null };

/** Decides who speaks next. `next()` is called once per turn. */
export interface TurnManager {
  next(context?: TurnContext): string;
  /** Someone else chose this turn's speaker (a person, in manual mode): carry on from there. */
  observe(speaker: string): void;
}

export class RoundRobinTurnManager implements TurnManager {
  private index = 0;
  constructor(private readonly names: readonly string[]) {
    if (names.length === 0) throw new RangeError("a turn manager needs at least one participant");
  }
  next(): string {
    const name = this.names[this.index % this.names.length] as string;
    this.index++;
    return name;
  }
  /** The order continues after whoever spoke. */
  observe(speaker: string): void {
    const at = this.names.indexOf(speaker);
    if (at >= 0) this.index = at + 1;
  }
}

/**
 * SynDisco's RandomWeighted with its intended semantics (2.0.x has a bug that makes
 * p_respond ineffective): first turn uniform; later, with probability pRespond the speaker
 * before the last one answers back (A, B, A), otherwise a uniformly random participant
 * other than the last speaker. Nobody speaks twice in a row unless alone.
 */
export class RandomWeightedTurnManager implements TurnManager {
  private readonly random: SeededRandom;
  private last: string | null = null;
  private beforeLast: string | null = null;

  constructor(
    private readonly names: readonly string[],
    private readonly pRespond: number,
    seed: number,
  ) {
    if (names.length === 0) throw new RangeError("a turn manager needs at least one participant");
    this.random = new SeededRandom(seed);
  }

  next(): string {
    const speaker = this.choose();
    this.observe(speaker);
    return speaker;
  }

  observe(speaker: string): void {
    this.beforeLast = this.last;
    this.last = speaker;
  }

  private choose(): string {
    if (this.names.length === 1) return this.names[0] as string;
    if (this.last === null) return this.random.pick(this.names);
    // Always draw, so the generator advances the same way whichever branch is taken.
    const respond = this.random.next() < this.pRespond;
    if (respond && this.beforeLast !== null && this.beforeLast !== this.last) return this.beforeLast;
    return this.random.pick(this.names.filter((name) => name !== this.last));
  }
}

/**
 * RandomWeighted as SynDisco 2.0.x (2.0.7, which the published study ran, and 2.0.8) really
 * behaves. Its `_next_impl` only updates the speaker before the last inside the branch that
 * is never reached: that speaker stays None, so every turn takes the "first turn" path and
 * picks uniformly among everyone but the last speaker; the p_respond coin is never flipped.
 * The A, B, A share is therefore 1 / (n - 1) whatever p_respond says.
 */
export class SyndiscoRandomWeightedTurnManager implements TurnManager {
  private readonly random: SeededRandom;
  private last: string | null = null;

  constructor(
    private readonly names: readonly string[],
    seed: number,
  ) {
    if (names.length === 0) throw new RangeError("a turn manager needs at least one participant");
    this.random = new SeededRandom(seed);
  }

  next(): string {
    // SynDisco raises IndexError for a lone participant; keeping the floor is the useful reading.
    const others = this.names.length === 1 ? this.names : this.names.filter((name) => name !== this.last);
    this.last = this.random.pick(others);
    return this.last;
  }

  observe(speaker: string): void {
    this.last = speaker;
  }
}

/** A manager that decides on its own (the LLM-selected and manual ones live in the engine). */
export function createTurnManager(spec: AutomaticTurnManagerSpec, names: readonly string[], seed: number): TurnManager {
  switch (spec.kind) {
    case "round-robin":
      return new RoundRobinTurnManager(names);
    case "random-weighted":
      return spec.variant === "syndisco-2.0"
        ? new SyndiscoRandomWeightedTurnManager(names, seed)
        : new RandomWeightedTurnManager(names, spec.pRespond, seed);
    case "talkativeness":
      return new TalkativenessTurnManager(names, spec.weights, spec.pMention, seed);
  }
}

/**
 * The next `count` speakers a spec would pick, without running anything (for previews). The
 * first turn sees `firstComment` (the last seed comment); later ones see no comment, since
 * the text is not written yet, so mentions only count on the first turn.
 */
export function previewSpeakers(spec: AutomaticTurnManagerSpec, names: readonly string[], seed: number, count: number, firstComment: TurnContext["lastComment"] = null): string[] {
  const manager = createTurnManager(spec, names, seed);
  return Array.from({ length: count }, (_, turn) => manager.next(turn === 0 ? { lastComment: firstComment } : noContext));
}
