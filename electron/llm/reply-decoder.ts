import type { LlamaModel, Token } from "node-llama-cpp";

/** Settled tokens decoded again before the new ones, so spacing rules see what came before. */
const CONTEXT_TOKENS = 8;

/**
 * Decodes a reply token by token without re-decoding all of it each time, and without ever
 * touching the whole reply's text: the tokens after the last point that ended on a whole
 * character are decoded behind a few settled ones, and only what they add is returned. Per
 * token this costs one short decode (the settled context's text is kept from the previous
 * token's, and decoded again only when the window is cut back), whatever the reply's length.
 */
export class ReplyDecoder {
  private readonly window: Token[] = [];
  private settledInWindow = 0;
  /** detokenize() of window[0, settledInWindow), or null when it must be decoded again. */
  private settledText: string | null = "";
  private total = 0;

  constructor(private readonly model: Pick<LlamaModel, "detokenize">) {}

  /**
   * Adds a token; returns the text it settles (what the reply's decoded text grew by, "" while a
   * multi-byte character is still incomplete). Concatenated, the returns equal detokenize() of
   * the whole reply, less a trailing incomplete character.
   */
  push(token: Token): string {
    this.hold(token);
    return this.take();
  }

  /** Adds a token without decoding it yet: the next `take` decodes every held token at once. */
  hold(token: Token): void {
    this.window.push(token);
    this.total++;
  }

  /** The text the tokens added since the last `take` settle (see `push`); one short decode however many they are. */
  take(): string {
    if (this.window.length === this.settledInWindow) return "";
    this.settledText ??= this.model.detokenize(this.window.slice(0, this.settledInWindow));
    const text = this.model.detokenize(this.window);
    const tail = text.slice(this.settledText.length);
    // A trailing U+FFFD is half a character whose other bytes are still to come.
    if (tail.endsWith("\uFFFD")) return "";
    if (this.window.length > 2 * CONTEXT_TOKENS) {
      // Keep only the context the next tokens need; its text is decoded again on the next take.
      this.window.splice(0, this.window.length - CONTEXT_TOKENS);
      this.settledText = null;
    } else {
      this.settledText = text;
    }
    this.settledInWindow = this.window.length;
    return tail;
  }

  get count(): number {
    return this.total;
  }
}
