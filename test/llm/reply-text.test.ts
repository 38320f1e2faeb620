import { describe, expect, it } from "vitest";
import { ReplyText } from "../../electron/llm/reply-text.js";

function stream(stops: string[], steps: string[]): { deltas: string[]; final: string; stopped: boolean } {
  const deltas: string[] = [];
  const reply = new ReplyText(stops, (delta) => deltas.push(delta));
  let stopped = false;
  for (const step of steps) if ((stopped = reply.append(step))) break;
  return { deltas, final: reply.finish(), stopped };
}

describe("ReplyText", () => {
  it("streams deltas that add up to the final text", () => {
    const result = stream([], ["He", "llo", ", wor", "ld"]);
    expect(result.deltas.join("")).toBe("Hello, world");
    expect(result.final).toBe("Hello, world");
  });

  it("cuts at a stop string that spans several steps and never streams any of it", () => {
    const result = stream(["\nUser"], ["I agree", ".\nU", "s", "er Bo"]);
    expect(result.stopped).toBe(true);
    expect(result.final).toBe("I agree.");
    expect(result.deltas.join("")).toBe("I agree.");
  });

  it("finds the earliest of several stop strings, also inside one step", () => {
    const result = stream(["<|im_end|>", "\nUser"], ["Fine", " by me.\nUser Bo<|im_end|> more"]);
    expect(result.stopped).toBe(true);
    expect(result.final).toBe("Fine by me.");
  });

  it("holds back the last characters that could still begin a stop string", () => {
    let streamed = "";
    const reply = new ReplyText(["END"], (delta) => (streamed += delta));
    const after = ["abc", "E", "N", "x", "yz"].map((step) => {
      reply.append(step);
      return streamed;
    });
    // "EN" could begin "END", so it waits until "x" settles it.
    expect(after).toEqual(["a", "ab", "abc", "abcE", "abcENx"]);
    expect(reply.finish()).toBe("abcENxyz");
    expect(streamed).toBe("abcENxyz");
  });

  it("looks only at new text: a stop string spread over a long reply is found once it completes", () => {
    const long = Array.from({ length: 5000 }, (_, i) => `w${i} `);
    const result = stream(["STOP"], [...long, "ST", "OP", "after"]);
    expect(result.stopped).toBe(true);
    expect(result.final).toBe(long.join(""));
  });
});
