import type { LlamaModel, Token } from "node-llama-cpp";

/** Settled tokens decoded again before the new ones, so spacing rules see what came before. */
const CONTEXT_TOKENS = 8;

/**
 * Decodes a reply token by token without re-decoding all of it each time. Text up to the last
 * point that ended on a whole character is kept; the tokens after it are decoded behind a few
 * settled ones, and only what they add is appended. Per token this costs a short decode, not
 * one as long as the reply.
 */
export class ReplyDecoder {
  private readonly tokens: Token[] = [];
  private settledText = "";
  private settledCount = 0;

  constructor(private readonly model: Pick<LlamaModel, "detokenize">) {}

  /** Adds a token; returns the whole reply's text so far, as detokenize() of all of it would. */
  push(token: Token): string {
    this.tokens.push(token);
    const from = Math.max(0, this.settledCount - CONTEXT_TOKENS);
    const context = this.tokens.slice(from, this.settledCount);
    const withContext = this.model.detokenize(this.tokens.slice(from));
    const tail = withContext.slice(this.model.detokenize(context).length);
    const text = this.settledText + tail;
    // A trailing U+FFFD is half a character whose other bytes are still to come.
    if (!tail.endsWith("\uFFFD")) {
      this.settledText = text;
      this.settledCount = this.tokens.length;
    }
    return text;
  }

  get count(): number {
    return this.tokens.length;
  }
}
