import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expandTabs, fill, splitChunks } from "../../shared/textwrap.js";

// Reference outputs of CPython's textwrap.fill (test/fixtures/python/make-references.py).
const path = new URL("../fixtures/python/textwrap.json", import.meta.url);
const cases = JSON.parse(readFileSync(path, "utf8")) as { name: string; text: string; width?: number; fill: string }[];

describe("fill against Python's textwrap.fill", () => {
  it("has reference cases", () => expect(cases.length).toBeGreaterThan(600));
  for (const { name, text, width, fill: expected } of cases) {
    it(name, () => expect(fill(text, width ?? 70)).toBe(expected));
  }
});

describe("textwrap details", () => {
  it("keeps whitespace runs inside a line (Python does not collapse them)", () => {
    expect(fill("a   b\n\nc")).toBe("a   b  c");
  });

  it("splits hyphenated words as wordsep_re does", () => {
    expect(splitChunks("Look, goof-ball -- use the -b option!")).toEqual([
      "Look,", " ", "goof-", "ball", " ", "--", " ", "use", " ", "the", " ", "-b", " ", "option!",
    ]);
  });

  it("expands tabs by column, restarting after newlines", () => {
    expect(expandTabs("ab\tc\n\td")).toBe("ab      c\n        d");
  });

  it("counts code points, not UTF-16 units", () => {
    expect(fill("😀".repeat(70))).toBe("😀".repeat(70));
  });

  it("rejects a width below 1", () => expect(() => fill("x", 0)).toThrow(/invalid width/));
});
