import { describe, expect, it } from "vitest";
import { ReplyText } from "../../electron/llm/reply-text.js";

function stream(stops: string[], steps: string[]): { deltas: string[]; final: string; stopped: boolean } {
  const deltas: string[] = [];
  const reply = new ReplyText(stops, (delta) => deltas.push(delta));
  let stopped = false;
  for (const step of steps) if ((stopped = reply.update(step))) break;
  return { deltas, final: reply.finish(), stopped };
}

describe("ReplyText", () => {
  it("streams deltas that add up to the final text", () => {
    const result = stream([], ["He", "Hello", "Hello, wor", "Hello, world"]);
    expect(result.deltas.join("")).toBe("Hello, world");
    expect(result.final).toBe("Hello, world");
  });

  it("cuts at a stop string that spans several steps and never streams any of it", () => {
    const result = stream(["\nUser"], ["I agree", "I agree.\nU", "I agree.\nUs", "I agree.\nUser Bo"]);
    expect(result.stopped).toBe(true);
    expect(result.final).toBe("I agree.");
    expect(result.deltas.join("")).toBe("I agree.");
  });

  it("holds back a half-decoded character", () => {
    const result = stream([], ["caf\uFFFD", "café"]);
    expect(result.deltas).toEqual(["caf", "é"]);
  });
});
