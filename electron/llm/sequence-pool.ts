import type { LlamaContext, LlamaContextSequence } from "node-llama-cpp";

/**
 * Hands each key (an actor in a discussion) a sequence of one shared context. While the
 * context has free sequences every key keeps its own; when it runs out, the least recently
 * used idle sequence is reassigned. That stays exact: reuse compares against the tokens a
 * sequence actually holds, whoever put them there.
 */
export class SequencePool {
  private readonly byKey = new Map<string, LlamaContextSequence>();
  private readonly lastUsed = new Map<LlamaContextSequence, number>();
  private readonly busy = new Set<LlamaContextSequence>();
  private clock = 0;

  constructor(private readonly context: LlamaContext) {}

  acquire(key: string): LlamaContextSequence {
    let sequence = this.byKey.get(key);
    if (!sequence || this.busy.has(sequence)) {
      sequence = this.context.sequencesLeft > 0 ? this.context.getSequence() : this.reclaimIdle();
      this.byKey.set(key, sequence);
    }
    this.busy.add(sequence);
    this.lastUsed.set(sequence, ++this.clock);
    return sequence;
  }

  release(sequence: LlamaContextSequence): void {
    this.busy.delete(sequence);
  }

  /** Forgets keys (a finished discussion); their sequences stay for whoever comes next. */
  forget(keys: readonly string[]): void {
    for (const key of keys) this.byKey.delete(key);
  }

  private reclaimIdle(): LlamaContextSequence {
    let oldest: LlamaContextSequence | null = null;
    for (const [sequence, time] of this.lastUsed) {
      if (this.busy.has(sequence)) continue;
      if (oldest === null || time < (this.lastUsed.get(oldest) ?? Infinity)) oldest = sequence;
    }
    if (!oldest) throw new Error("every sequence of the context is busy; raise the number of sequences");
    for (const [key, sequence] of this.byKey) if (sequence === oldest) this.byKey.delete(key);
    return oldest;
  }
}
