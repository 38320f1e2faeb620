export const DEFAULT_FLUSH_INTERVAL_MS = 33;

/** The engine's token event (shared/domain/events.ts). */
export interface TokenDelta {
  type: "token";
  discussionId: string;
  turn: number;
  speaker: string;
  text: string;
}

/**
 * Merges a discussion's token deltas into at most one message per interval (~30 a second),
 * so a fast GPU cannot flood the renderer. Nothing is dropped and order is kept: any other
 * event of the same discussion first flushes the text buffered before it.
 */
export class TokenCoalescer<E extends { type: string; discussionId: string }> {
  private readonly pending = new Map<string, { delta: TokenDelta; timer: ReturnType<typeof setTimeout> }>();
  private readonly lastFlush = new Map<string, number>();

  constructor(
    private readonly emit: (event: E | TokenDelta) => void,
    private readonly intervalMs = DEFAULT_FLUSH_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  push(event: E | TokenDelta): void {
    if (!isTokenDelta(event)) {
      this.flush(event.discussionId);
      this.emit(event);
      return;
    }
    const id = event.discussionId;
    const buffered = this.pending.get(id);
    if (buffered && buffered.delta.turn === event.turn && buffered.delta.speaker === event.speaker) {
      buffered.delta.text += event.text;
      return;
    }
    this.flush(id);
    const wait = Math.max(0, (this.lastFlush.get(id) ?? -Infinity) + this.intervalMs - this.now());
    this.pending.set(id, { delta: { ...event }, timer: setTimeout(() => this.flush(id), wait) });
  }

  /** Sends what is buffered for one discussion now. */
  flush(discussionId: string): void {
    const entry = this.pending.get(discussionId);
    if (!entry) return;
    this.pending.delete(discussionId);
    clearTimeout(entry.timer);
    this.lastFlush.set(discussionId, this.now());
    this.emit(entry.delta);
  }

  /** Flushes and forgets a finished discussion. */
  forget(discussionId: string): void {
    this.flush(discussionId);
    this.lastFlush.delete(discussionId);
  }
}

function isTokenDelta(event: { type: string }): event is TokenDelta {
  return event.type === "token";
}
