import { SeededRandom } from "./random.js";
import type { TurnContext, TurnManager } from "./turn-managers.js";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Participants named in a text, by name or @name, as whole words (case-insensitive), in the
 * order they are first named.
 */
export function mentionedIn(text: string, names: readonly string[]): string[] {
  const found: { name: string; at: number }[] = [];
  for (const name of names) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])@?${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, "iu");
    const match = pattern.exec(text);
    if (match) found.push({ name, at: match.index + (match[1]?.length ?? 0) });
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.name);
}

/**
 * SillyTavern's "natural" order, one speaker a turn. Each participant named in the last
 * comment (other than its author and the last speaker), in the order named, answers with
 * probability pMention; if none does, the speaker is drawn by talkativeness weight from
 * everyone but the last speaker (uniformly if they all weigh 0). Weights default to 1.
 */
export class TalkativenessTurnManager implements TurnManager {
  private readonly random: SeededRandom;
  private last: string | null = null;

  constructor(
    private readonly names: readonly string[],
    private readonly weights: Readonly<Record<string, number>>,
    private readonly pMention: number,
    seed: number,
  ) {
    if (names.length === 0) throw new RangeError("a turn manager needs at least one participant");
    this.random = new SeededRandom(seed);
  }

  weightOf(name: string): number {
    return Object.hasOwn(this.weights, name) ? (this.weights[name] as number) : 1;
  }

  next(context: TurnContext = { lastComment: null }): string {
    const speaker = this.choose(context);
    this.last = speaker;
    return speaker;
  }

  observe(speaker: string): void {
    this.last = speaker;
  }

  private choose(context: TurnContext): string {
    if (this.names.length === 1) return this.names[0] as string;
    const comment = context.lastComment;
    if (comment) {
      for (const name of mentionedIn(comment.text, this.names)) {
        if (name === comment.name || name === this.last) continue;
        if (this.random.next() < this.pMention) return name;
      }
    }
    const candidates = this.names.filter((name) => name !== this.last);
    const weights = candidates.map((name) => this.weightOf(name));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (total <= 0) return this.random.pick(candidates);
    let target = this.random.next() * total;
    for (let i = 0; i < candidates.length; i++) {
      target -= weights[i] as number;
      if (target < 0 && (weights[i] as number) > 0) return candidates[i] as string;
    }
    return candidates.findLast((_, i) => (weights[i] as number) > 0) as string;
  }
}
