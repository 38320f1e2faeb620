import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TokenCoalescer, type TokenDelta } from "../../electron/api/token-coalescer.js";

type Other = { type: "comment"; discussionId: string };
const token = (discussionId: string, text: string, turn = 0, speaker = "Ann"): TokenDelta => ({ type: "token", discussionId, turn, speaker, text });

describe("TokenCoalescer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends at most about 30 messages a second per discussion and loses no token", () => {
    const sent: (TokenDelta | Other)[] = [];
    const coalescer = new TokenCoalescer<Other>((event) => sent.push(event), 33, () => Date.now());
    let expected = "";
    // A fast GPU: 2,000 tokens a second for two seconds, in two discussions.
    for (let ms = 0; ms < 2000; ms++) {
      for (const id of ["a", "b"]) {
        coalescer.push(token(id, `${ms % 10}`));
        coalescer.push(token(id, "x"));
      }
      expected += `${ms % 10}x`;
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    for (const id of ["a", "b"]) {
      const messages = sent.filter((event) => event.discussionId === id) as TokenDelta[];
      expect(messages.length).toBeLessThanOrEqual(2 * 31);
      expect(messages.length).toBeGreaterThan(50);
      expect(messages.map((event) => event.text).join("")).toBe(expected);
    }
  });

  it("flushes buffered text before any other event of the same discussion, and between turns", () => {
    const sent: (TokenDelta | Other)[] = [];
    const coalescer = new TokenCoalescer<Other>((event) => sent.push(event));
    coalescer.push(token("a", "He"));
    coalescer.push(token("a", "llo"));
    coalescer.push(token("a", "Hi", 1, "Bo"));
    coalescer.push({ type: "comment", discussionId: "a" });
    coalescer.push(token("b", "other"));
    expect(sent).toEqual([token("a", "Hello"), token("a", "Hi", 1, "Bo"), { type: "comment", discussionId: "a" }]);
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual(token("b", "other"));
  });
});
