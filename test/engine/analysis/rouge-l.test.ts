import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pairwiseRougeL, rougeL, rougeTokens, TokenPositions } from "../../../electron/engine/analysis/rouge-l.js";

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/analysis/${name}`, import.meta.url), "utf8")) as T;

interface PublishedCase { name: string; target: string; prediction: string; precision: number; recall: number; fmeasure: number; places: number }
const published = fixture<{ cases: PublishedCase[]; lcsTable: { reference: number[]; candidate: number[]; lcs: number; noCommon: number[] } }>("rouge-published.json");

// Made by test/fixtures/analysis/make-rouge-reference.py (a dynamic-programming LCS in Python).
const reference = fixture<{
  texts: string[];
  tokens: string[][];
  pairs: { target: number; prediction: number; precision: number; recall: number; fmeasure: number; lcs: number }[];
  perText: number[];
  pairMean: number;
}>("rouge-reference.json");

describe("ROUGE-L F", () => {
  it.each(published.cases)("matches rouge-score's published case $name", ({ target, prediction, precision, recall, fmeasure, places }) => {
    const score = rougeL(target, prediction);
    expect(score.precision).toBeCloseTo(precision, places);
    expect(score.recall).toBeCloseTo(recall, places);
    expect(score.fmeasure).toBeCloseTo(fmeasure, places);
  });

  it("finds rouge-score's LCS table example and nothing where nothing is common", () => {
    const { reference: ref, candidate, lcs, noCommon } = published.lcsTable;
    expect(new TokenPositions(Int32Array.from(ref), 10).lcsLength(Int32Array.from(candidate))).toBe(lcs);
    expect(new TokenPositions(Int32Array.from(ref), 10).lcsLength(Int32Array.from(noCommon))).toBe(0);
  });

  it("tokenizes as rouge-score does: lower case, only a-z and 0-9, accents split words", () => {
    reference.texts.forEach((text, index) => expect(rougeTokens(text)).toEqual(reference.tokens[index]));
    expect(rougeTokens("Café I'd")).toEqual(["caf", "i", "d"]);
  });

  it("gives the Python reference's LCS, precision, recall and F for every ordered pair", () => {
    for (const pair of reference.pairs) {
      const score = rougeL(reference.texts[pair.target]!, reference.texts[pair.prediction]!);
      expect(score.fmeasure, `${pair.target} vs ${pair.prediction}`).toBeCloseTo(pair.fmeasure, 12);
      expect(score.precision).toBeCloseTo(pair.precision, 12);
      expect(score.recall).toBeCloseTo(pair.recall, 12);
    }
  });

  it("averages each text against the others and over all pairs", () => {
    const { perText, pairMean } = pairwiseRougeL(reference.texts);
    perText.forEach((value, index) => expect(value).toBeCloseTo(reference.perText[index]!, 12));
    expect(pairMean).toBeCloseTo(reference.pairMean, 12);
  });

  it("has no pairwise value for fewer than two texts", () => {
    expect(pairwiseRougeL(["alone here"])).toEqual({ perText: [null], pairMean: null });
    expect(pairwiseRougeL([])).toEqual({ perText: [], pairMean: null });
  });

  it("agrees with a plain dynamic-programming LCS on random sequences of every length up to 130", () => {
    let seed = 42;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 300; trial++) {
      const alphabet = 2 + Math.floor(random() * 12);
      const a = Int32Array.from({ length: Math.floor(random() * 130) }, () => Math.floor(random() * alphabet));
      const b = Int32Array.from({ length: Math.floor(random() * 130) }, () => Math.floor(random() * alphabet));
      expect(new TokenPositions(a, alphabet).lcsLength(b)).toBe(dynamicProgrammingLcs(a, b));
    }
  });
});

function dynamicProgrammingLcs(a: Int32Array, b: Int32Array): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    b.forEach((y, j) => row.push(x === y ? previous[j]! + 1 : Math.max(previous[j + 1]!, row[j]!)));
    previous = row;
  }
  return previous[b.length]!;
}
