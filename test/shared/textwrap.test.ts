import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expandTabs, fill, isPyBlank, pyStrip, splitChunks } from "../../shared/textwrap.js";

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

describe("pyStrip: Python's str.strip() whitespace set, not JavaScript's trim()", () => {
  const stripped = new Set((JSON.parse(readFileSync(new URL("../fixtures/python/pystrip.json", import.meta.url), "utf8")) as { stripped: number[] }).stripped);

  it("strips exactly the code points Python strips, at both ends only", () => {
    const wrong: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if ((pyStrip(`${char}x${char}`) === "x") !== stripped.has(code)) wrong.push(code);
      if (isPyBlank(char) !== stripped.has(code)) wrong.push(code);
    }
    expect(wrong).toEqual([]);
    expect(pyStrip(" a \u3000 b\n")).toBe("a \u3000 b");
  });

  it("differs from trim() where SynDisco's logs would differ", () => {
    expect(pyStrip("\u001c\u001f")).toBe("");
    expect("\u001c\u001f".trim()).not.toBe("");
    expect(pyStrip("\ufeffhi")).toBe("\ufeffhi");
    expect("\ufeffhi".trim()).toBe("hi");
  });
});
