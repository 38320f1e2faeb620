/**
 * Accumulates a reply as it streams and finds stop strings. Text that could still turn out
 * to be the beginning of a stop string is held back from the stream until it is decided,
 * so a watcher never sees text that the final comment does not contain.
 */
export class ReplyText {
  private text = "";
  private emitted = 0;
  private stopped = false;
  private readonly holdBack: number;

  constructor(
    private readonly stopStrings: readonly string[],
    private readonly onText?: (delta: string) => void,
  ) {
    this.holdBack = Math.max(0, ...stopStrings.map((stop) => stop.length - 1));
  }

  /** Replaces the decoded text so far; returns true when a stop string was found. */
  update(decoded: string): boolean {
    if (this.stopped) return true;
    // A trailing U+FFFD is half of a multi-byte character still being generated.
    const settled = decoded.endsWith("\uFFFD") ? decoded.replace(/\uFFFD+$/, "") : decoded;
    const searchFrom = Math.max(0, this.text.length - this.holdBack);
    this.text = settled;
    let cut = -1;
    for (const stop of this.stopStrings) {
      const at = settled.indexOf(stop, searchFrom);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.text = settled.slice(0, cut);
      this.stopped = true;
      this.flush(this.text.length);
      return true;
    }
    this.flush(Math.max(this.emitted, settled.length - this.holdBack));
    return false;
  }

  /** Emits whatever was held back; call once generation has ended. */
  finish(): string {
    this.flush(this.text.length);
    return this.text;
  }

  private flush(upTo: number): void {
    if (upTo <= this.emitted) return;
    const delta = this.text.slice(this.emitted, upTo);
    this.emitted = upTo;
    this.onText?.(delta);
  }
}
