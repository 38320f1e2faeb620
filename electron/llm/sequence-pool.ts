import type { LlamaContext, LlamaContextSequence } from "node-llama-cpp";

/** The part of a llama context the pool uses. */
export type SequenceSource = Pick<LlamaContext, "sequencesLeft" | "getSequence">;

export interface AcquireOptions {
  /** A stopped discussion leaves the queue at once; acquire then resolves to null. */
  signal?: AbortSignal;
  /** Called with true when the caller has to wait for a sequence, and with false when it got one. */
  onWaiting?: (waiting: boolean) => void;
}

/**
 * Hands each key (an actor in a discussion) a sequence of one shared context. While the
 * context has free sequences every key keeps its own; when it runs out, the least recently
 * used idle sequence is reassigned. That stays exact: reuse compares against the tokens a
 * sequence actually holds, whoever put them there. When every sequence is busy, callers wait
 * and are served first come, first served; a discussion never fails for lack of a sequence.
 */
export class SequencePool {
  private readonly byKey = new Map<string, LlamaContextSequence>();
  private readonly owner = new Map<LlamaContextSequence, string>();
  private readonly lastUsed = new Map<LlamaContextSequence, number>();
  private readonly busy = new Set<LlamaContextSequence>();
  private readonly waiters: { key: string; grant: (sequence: LlamaContextSequence) => void; fail: (error: Error) => void }[] = [];
  private clock = 0;
  private closed: Error | null = null;

  constructor(private readonly context: SequenceSource) {}

  async acquire(key: string, options: AcquireOptions = {}): Promise<LlamaContextSequence | null> {
    if (this.closed) throw this.closed;
    if (options.signal?.aborted) return null;
    // Whoever waits already was first: a newcomer never overtakes the queue.
    const ready = this.waiters.length === 0 ? this.tryAcquire(key) : null;
    if (ready) return ready;
    options.onWaiting?.(true);
    return new Promise<LlamaContextSequence | null>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index !== -1) this.waiters.splice(index, 1);
        resolve(null);
      };
      const waiter = {
        key,
        grant: (sequence: LlamaContextSequence) => {
          signal?.removeEventListener("abort", onAbort);
          options.onWaiting?.(false);
          resolve(sequence);
        },
        fail: (error: Error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      this.waiters.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(sequence: LlamaContextSequence): void {
    this.busy.delete(sequence);
    const next = this.waiters.shift();
    if (!next) return;
    const granted = this.tryAcquire(next.key);
    // One sequence was just freed, so this cannot be null; be safe and requeue if it were.
    if (granted) next.grant(granted);
    else this.waiters.unshift(next);
  }

  /** Forgets keys (a finished discussion); their sequences stay for whoever comes next. */
  forget(keys: readonly string[]): void {
    for (const key of keys) {
      const sequence = this.byKey.get(key);
      if (sequence && this.owner.get(sequence) === key) this.owner.delete(sequence);
      this.byKey.delete(key);
    }
  }

  /** How many callers are waiting for a sequence. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Fails every waiter (the context is going away). */
  close(reason = "the model was unloaded"): void {
    this.closed = new Error(reason);
    for (const waiter of this.waiters.splice(0)) waiter.fail(this.closed);
  }

  private tryAcquire(key: string): LlamaContextSequence | null {
    let sequence = this.byKey.get(key);
    if (!sequence || this.busy.has(sequence)) {
      const fresh = this.context.sequencesLeft > 0 ? this.context.getSequence() : this.reclaimIdle();
      if (!fresh) return null;
      if (sequence) this.owner.delete(sequence);
      sequence = fresh;
      const previous = this.owner.get(sequence);
      if (previous !== undefined) this.byKey.delete(previous);
      this.byKey.set(key, sequence);
      this.owner.set(sequence, key);
    }
    this.busy.add(sequence);
    this.lastUsed.set(sequence, ++this.clock);
    return sequence;
  }

  private reclaimIdle(): LlamaContextSequence | null {
    let oldest: LlamaContextSequence | null = null;
    let oldestTime = Infinity;
    for (const [sequence, time] of this.lastUsed) {
      if (this.busy.has(sequence) || time >= oldestTime) continue;
      oldest = sequence;
      oldestTime = time;
    }
    return oldest;
  }
}
