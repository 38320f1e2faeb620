/**
 * Accumulates a reply as it streams and finds stop strings. Text that could still turn out
 * to be the beginning of a stop string is held back from the stream until it is decided,
 * so a watcher never sees text that the final comment does not contain. Each step only looks
 * at the new text and the few characters held back before it, never at the whole reply.
 */
export class ReplyText {
  private readonly emitted: string[] = [];
  /** Text not streamed yet: always shorter than the longest stop string plus the last step's text. */
  private pending = "";
  private stopped = false;
  private readonly holdBack: number;

  constructor(
    private readonly stopStrings: readonly string[],
    private readonly onText?: (delta: string) => void,
  ) {
    this.holdBack = Math.max(0, ...stopStrings.map((stop) => stop.length - 1));
  }

  /**
   * Adds newly decoded text; returns true when a stop string was found. Everything streamed
   * before `pending` was checked when it was new: a stop string starting there would have
   * been complete, and found, before it was streamed.
   */
  append(delta: string): boolean {
    if (this.stopped) return true;
    const window = this.pending + delta;
    let cut = -1;
    for (const stop of this.stopStrings) {
      const at = window.indexOf(stop);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.stopped = true;
      this.pending = "";
      this.emit(window.slice(0, cut));
      return true;
    }
    const streamable = Math.max(0, window.length - this.holdBack);
    this.pending = window.slice(streamable);
    this.emit(window.slice(0, streamable));
    return false;
  }

  /** Emits whatever was held back and returns the reply; call once generation has ended. */
  finish(): string {
    this.emit(this.pending);
    this.pending = "";
    return this.emitted.join("");
  }

  private emit(text: string): void {
    if (text === "") return;
    this.emitted.push(text);
    this.onText?.(text);
  }
}
